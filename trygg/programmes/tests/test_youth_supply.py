"""Supply against need per area: activities per 1,000 young people from the imported age
bands (a fixture this test writes and imports), beside youth-related reports; "uppgift
saknas" where no population is imported."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_report, viewer_for
from trygg.core.models import Role
from trygg.dialog.services.population import population_import
from trygg.programmes.outputs import outputs_for
from trygg.programmes.selectors.youth import supply_and_need
from trygg.programmes.services.youth import session_record
from trygg.reports.models import Category

from .youth_helpers import make_activity

FIXTURE = (
    "deso,kön,åldersgrupp,antal\n"
    "1983C1010,kvinna,16-24,120\n"
    "1983C1010,man,16-24,130\n"
    "1983C1010,kvinna,25-44,300\n"
)


def _areas(koping):
    centre = make_area(koping, "Centrum", kind="deso", lon=15.99, lat=59.51)
    north = make_area(koping, "Norr", kind="deso", lon=16.05, lat=59.55)
    with scopes_disabled():
        centre.code, north.code = "1983C1010", "1983C1020"
        centre.save(update_fields=["code"])
        north.save(update_fields=["code"])
    return centre, north


def test_per_1000_young_people_where_age_bands_are_imported_and_missing_elsewhere(koping, users):
    centre, north = _areas(koping)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    population_import(viewer=viewer, raw=FIXTURE.encode(), source="testfil", year=2025)
    make_activity(koping, "Fritidsgården", area=centre, weekdays="01")
    make_activity(koping, "Musik", area=centre, weekdays="2")
    with scope(municipality=koping):
        rows = {r.area.name: r for r in supply_and_need(viewer=viewer, today=timezone.localdate())}
    assert (rows["Centrum"].activities, rows["Centrum"].young_people) == (2, 250)
    assert rows["Centrum"].per_1000_young == 8.0
    assert rows["Centrum"].hours_a_week == 9.0
    assert (rows["Norr"].activities, rows["Norr"].per_1000_young) == (0, None)


def test_youth_related_reports_are_counted_per_area_once_the_category_is_flagged(koping, users):
    centre, _north = _areas(koping)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    for _ in range(6):
        report = make_report(koping, "klotter", when=timezone.now() - timedelta(days=3))
        with scopes_disabled():
            report.areas.add(centre)
    with scope(municipality=koping):
        before = supply_and_need(viewer=viewer, today=timezone.localdate())
        Category.objects.filter(municipality=koping, code="klotter").update(youth_related=True)
        after = supply_and_need(viewer=viewer, today=timezone.localdate())
    assert [r.youth_reports for r in before if r.area == centre] == [0]
    assert [r.youth_reports for r in after if r.area == centre] == [6]


def test_the_page_says_uppgift_saknas_without_population(client, koping, users):
    _areas(koping)
    client.force_login(users[Role.ANALYTIKER])
    body = client.get(reverse("programmes:youth_supply")).content.decode()
    assert "Befolkning per åldersgrupp är inte inläst" in body
    assert "uppgift saknas" in body


def test_the_category_page_marks_a_category_youth_related(client, koping, users):
    client.force_login(users[Role.ADMINISTRATOR])
    with scopes_disabled():
        category = Category.objects.get(municipality=koping, code="klotter")
    response = client.post(
        reverse("reports:category_edit", args=[category.pk]),
        {
            "name": category.name,
            "sensitivity": category.sensitivity,
            "retention_days": category.retention_days,
            "citizen": "on",
            "youth_related": "on",
            "active": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        category.refresh_from_db()
    assert category.youth_related is True


def test_outputs_count_sessions_participants_and_activities_offered(koping, users):
    viewer = viewer_for(users[Role.RAPPORTOR], koping)
    activity = make_activity(koping)
    make_activity(koping, "Andra", programme=activity.programme)
    today = timezone.localdate()
    with scope(municipality=koping):
        for days, n in ((1, 10), (8, 14)):
            session_record(
                viewer=viewer,
                activity=activity,
                held_on=today - timedelta(days=days),
                counts={("13-15", "flicka"): n},
            )
        outputs = outputs_for(activity.programme, today - timedelta(days=30), today)
    assert [(o.label, o.value) for o in outputs] == [
        ("Aktiviteter i utbudet", 2),
        ("Genomförda aktivitetstillfällen", 2),
        ("Deltagare (besök)", 24),
    ]
