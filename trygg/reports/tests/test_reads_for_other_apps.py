"""The reads other apps use instead of the reports' and geo's models: a citizen's category,
a report by its tracking code, point-precise reports, and areas for a picker. Each stays
inside its municipality."""

import pytest
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_area, make_report, viewer_for
from trygg.core.models import Role
from trygg.geo.selectors import area_list
from trygg.reports.selectors import (
    citizen_category_get,
    point_precise,
    report_by_tracking_code,
    visible_reports,
)


def _set(cat, **fields):
    with scopes_disabled():
        type(cat).objects.filter(pk=cat.pk).update(**fields)


@pytest.mark.parametrize(
    ("citizen", "active", "found"),
    [(True, True, True), (False, True, False), (True, False, False)],
)
def test_a_citizen_may_pick_only_an_active_category_open_to_citizens(
    koping, citizen, active, found
):
    cat = category(koping, "klotter")
    _set(cat, citizen=citizen, active=active)
    with scope(municipality=koping):
        got = citizen_category_get(municipality=koping, pk=cat.pk)
    assert (got.pk if got else None) == (cat.pk if found else None)


def test_another_municipalitys_category_is_not_offered_to_a_citizen(koping, arboga):
    theirs = category(arboga, "klotter")
    _set(theirs, citizen=True, active=True)
    with scope(municipality=koping):
        assert citizen_category_get(municipality=koping, pk=theirs.pk) is None


def test_a_tracking_code_finds_the_report_in_its_own_municipality_only(koping, arboga):
    report = make_report(koping, tracking_code="ABCDE12345")
    with scope(municipality=koping):
        assert report_by_tracking_code(municipality=koping, code="abcde12345") == report
    with scope(municipality=arboga):
        assert report_by_tracking_code(municipality=arboga, code="ABCDE12345") is None


def test_point_precise_leaves_out_reports_placed_by_address(users, koping):
    at_point = make_report(koping)
    make_report(koping, lat=None, lon=None)
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping):
        assert list(point_precise(visible_reports(viewer))) == [at_point]


def test_an_area_picker_leaves_out_the_municipalitys_own_boundary(koping):
    make_area(koping, "Köpings kommun", kind="kommungrans")
    centrum = make_area(koping, "Centrum")
    with scope(municipality=koping):
        assert list(area_list(municipality=koping, without_boundary=True)) == [centrum]
        assert len(area_list(municipality=koping)) == 2
