"""Totals in official documents count every report and suppress counts under 5 for a reader
who may not read single reports; the rows behind them stay behind the visibility rules."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.reports.selectors import (
    report_costs_by_organisation,
    report_counts_by_area,
    report_counts_by_category_and_year,
    report_points,
    report_totals,
)

TZ = ZoneInfo("Europe/Stockholm")
START, END = datetime(2026, 1, 1, tzinfo=TZ), datetime(2027, 1, 1, tzinfo=TZ)


def _bounds(year):
    return datetime(year, 1, 1, tzinfo=TZ), datetime(year + 1, 1, 1, tzinfo=TZ)


@pytest.fixture
def year_of_reports(koping, arboga):
    """Four reports in 2026, one restricted from another organisation; Arboga's do not count."""
    other = make_organisation(koping, "Kommunala bostadsbolaget")
    # Friday 1 May 2026 at 22: a weekend night.
    make_report(koping, when=datetime(2026, 5, 1, 22, tzinfo=TZ), cost_sek=Decimal("2500.50"))
    make_report(koping, when=datetime(2026, 5, 4, 12, tzinfo=TZ), kind="otrygghet")
    make_report(
        koping,
        when=datetime(2026, 6, 1, 12, tzinfo=TZ),
        organisation=other,
        sensitivity="begransad",
        youth_involved=True,
    )
    make_report(koping, "valfardsbrott", when=datetime(2026, 7, 1, 12, tzinfo=TZ))
    make_report(koping, when=datetime(2025, 12, 31, 23, 59, tzinfo=TZ))  # last year, local
    make_report(arboga, when=datetime(2026, 5, 1, 12, tzinfo=TZ), lat=59.39, lon=15.84)
    return koping


# What each role is told about the same four reports: those who may read reports get the
# count even of reports they cannot open (every report counts); a council member gets the
# small counts suppressed, the kronor and a zero as they are.
@pytest.mark.parametrize(
    ("role", "reports", "insecurity", "youth", "weekend_nights", "welfare_crime"),
    [
        (Role.SAMORDNARE, 4, 1, 1, 1, 1),
        (Role.ANALYTIKER, 4, 1, 1, 1, 1),
        (Role.ADMINISTRATOR, 4, 1, 1, 1, 1),
        (Role.RAPPORTOR, 4, 1, 1, 1, 1),
        (Role.POLIS, 4, 1, 1, 1, 1),
        (Role.RADSLEDAMOT, None, None, None, None, None),
    ],
)
def test_official_totals_count_every_report_and_hide_small_counts_from_council_members(
    users, year_of_reports, role, reports, insecurity, youth, weekend_nights, welfare_crime
):
    viewer = viewer_for(users[role], year_of_reports)
    with scope(municipality=year_of_reports):
        totals = report_totals(viewer=viewer, start=START, end=END)
    assert (
        totals.reports,
        totals.insecurity,
        totals.youth,
        totals.weekend_nights,
        totals.welfare_crime,
    ) == (reports, insecurity, youth, weekend_nights, welfare_crime)
    assert totals.cost_sek == Decimal("2500.50")


def test_five_reports_are_shown_to_a_council_member(users, koping):
    for day in range(1, 6):
        make_report(koping, when=datetime(2026, 3, day, 12, tzinfo=TZ))
    viewer = viewer_for(users[Role.RADSLEDAMOT], koping)
    with scope(municipality=koping):
        assert report_totals(viewer=viewer, start=START, end=END).reports == 5


def test_counts_per_main_category_and_year_fold_subcategories_into_their_parent(users, koping):
    for month in (1, 2, 3, 4, 5, 6):
        make_report(koping, "klotter", when=datetime(2026, month, 2, tzinfo=TZ))
    make_report(koping, "belysning", when=datetime(2025, 3, 2, tzinfo=TZ))
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        table = report_counts_by_category_and_year(
            viewer=viewer, years=[2025, 2026], bounds=_bounds
        )
    assert table.rows[0] == ("Skadegörelse", [0, 6])
    assert [values for _, values in table.rows[1:]] == [[1, 0]]
    assert table.totals == [1, 6]
    council = viewer_for(users[Role.RADSLEDAMOT], koping)
    with scope(municipality=koping):
        table = report_counts_by_category_and_year(
            viewer=council, years=[2025, 2026], bounds=_bounds
        )
    assert table.rows[0] == ("Skadegörelse", [0, 6]) and table.totals == [None, 6]


def test_areas_and_costs_per_organisation_count_every_report(users, koping):
    centrum = make_area(koping, "Centrum")
    other = make_organisation(koping, "Kommunala bostadsbolaget")
    own = make_report(koping, when=datetime(2026, 2, 1, tzinfo=TZ), cost_sek=100)
    restricted = make_report(
        koping,
        when=datetime(2026, 2, 2, tzinfo=TZ),
        cost_sek=900,
        organisation=other,
        sensitivity="begransad",
    )
    with scopes_disabled():
        centrum.reports.add(own, restricted)
    viewer = viewer_for(users[Role.ADMINISTRATOR], koping)  # cannot open the restricted one
    with scope(municipality=koping):
        areas = report_counts_by_area(viewer=viewer, start=START, end=END, kind="stadsdel", limit=3)
        costs = report_costs_by_organisation(viewer=viewer, start=START, end=END, limit=5)
    assert areas == [("Centrum", 2)]
    assert costs == [("Kommunala bostadsbolaget", Decimal(900)), (None, Decimal(100))]


def test_points_for_the_near_repeat_test_are_refused_to_a_council_member(users, koping):
    make_report(koping, "klotter", when=datetime(2026, 2, 1, tzinfo=TZ))
    args = dict(start=START, end=END, category_codes=["klotter"], parent_codes=[], limit=10)
    with scope(municipality=koping):
        rows = report_points(viewer=viewer_for(users[Role.ANALYTIKER], koping), **args)
        with pytest.raises(PermissionDenied):
            report_points(viewer=viewer_for(users[Role.RADSLEDAMOT], koping), **args)
    assert [(lat, lon) for lat, lon, _ in rows] == [(59.514, 15.9926)]
