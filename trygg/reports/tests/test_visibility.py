"""Who sees which report: role × sensitivity × own organisation, as a table."""

import pytest
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_member, make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.reports.selectors import visible_reports

A, S, N, R, P, L = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
)

# (role, sensitivity, report from the viewer's own organisation?) -> visible
# fmt: off
TABLE = [
    (A, "oppen", False, True),  (A, "intern", False, True),  (A, "begransad", False, False),
    (A, "oppen", True, True),   (A, "intern", True, True),   (A, "begransad", True, False),
    (S, "oppen", False, True),  (S, "intern", False, True),  (S, "begransad", False, True),
    (S, "oppen", True, True),   (S, "intern", True, True),   (S, "begransad", True, True),
    (N, "oppen", False, True),  (N, "intern", False, True),  (N, "begransad", False, True),
    (N, "oppen", True, True),   (N, "intern", True, True),   (N, "begransad", True, True),
    (R, "oppen", False, False), (R, "intern", False, False), (R, "begransad", False, False),
    (R, "oppen", True, True),   (R, "intern", True, True),   (R, "begransad", True, False),
    (P, "oppen", False, True),  (P, "intern", False, True),  (P, "begransad", False, True),
    (P, "oppen", True, True),   (P, "intern", True, True),   (P, "begransad", True, True),
    (L, "oppen", False, False), (L, "intern", False, False), (L, "begransad", False, False),
    (L, "oppen", True, False),  (L, "intern", True, False),  (L, "begransad", True, False),
]
# fmt: on


@pytest.mark.parametrize(("role", "sensitivity", "own", "visible"), TABLE)
def test_visibility_table(koping, role, sensitivity, own, visible):
    mine = make_organisation(koping, "Min organisation")
    other = make_organisation(koping, "Annan organisation")
    user = make_member("person", mine, role)
    report = make_report(koping, sensitivity=sensitivity, organisation=mine if own else other)
    viewer = viewer_for(user, koping)
    with scope(municipality=koping):
        assert visible_reports(viewer).filter(pk=report.pk).exists() is visible


def test_reporter_always_sees_own_report(koping):
    org = make_organisation(koping, "Org")
    user = make_member("faltare", org, Role.RAPPORTOR)
    report = make_report(koping, sensitivity="begransad", reporter=user)
    with scope(municipality=koping):
        assert visible_reports(viewer_for(user, koping)).filter(pk=report.pk).exists()


def test_rapportor_sees_reports_assigned_to_own_organisation(koping):
    org = make_organisation(koping, "Tekniska")
    other = make_organisation(koping, "Polisen")
    user = make_member("tekniker", org, Role.RAPPORTOR)
    report = make_report(koping, organisation=other, assigned_organisation=org)
    with scope(municipality=koping):
        assert visible_reports(viewer_for(user, koping)).filter(pk=report.pk).exists()


def test_report_of_other_municipality_is_404(client, users, arboga):
    report = make_report(arboga, lat=59.39, lon=15.84)
    client.force_login(users[Role.SAMORDNARE])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404


def test_invisible_report_is_404_not_403(client, koping, koping_org):
    other = make_organisation(koping, "Annan")
    user = make_member("r2", koping_org, Role.RAPPORTOR)
    report = make_report(koping, organisation=other)
    client.force_login(user)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
