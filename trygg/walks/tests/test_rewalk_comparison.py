"""The re-walk (issue 18, item 6): planned 6–12 months after the walk on the same area,
route, checklist and forum (outside that window only when the leader confirms); its
findings revisit the earlier ones; scores and photos compared before/after, and the effect
on reports in the area by strategy's difference in differences (WDD with a displacement
area)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_area, make_report, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.reports.models import Category
from trygg.walks.selectors.findings import rewalk_comparison
from trygg.walks.selectors.rewalk import walk_effect
from trygg.walks.services import findings as services
from trygg.walks.services.rewalk import add_months, rewalk_plan

from .followup_data import TZ, add_observation, make_walk, today

FIRST = date(2026, 1, 31)


@pytest.fixture
def earlier(koping, users):
    return make_walk(koping, users[Role.SAMORDNARE], walk_on=FIRST)


@pytest.mark.parametrize(
    ("walk_on", "confirmed", "ok"),
    [
        (date(2026, 7, 31), False, True),
        (date(2027, 1, 31), False, True),
        (date(2026, 7, 30), False, False),
        (date(2027, 2, 1), False, False),
        (date(2027, 3, 1), True, True),
        (date(2026, 1, 31), True, False),  # never on or before the earlier walk
    ],
)
def test_a_rewalk_is_planned_six_to_twelve_months_later_unless_confirmed(
    earlier, koping, users, walk_on, confirmed, ok
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        if not ok:
            with pytest.raises(ValidationError) as error:
                rewalk_plan(viewer=viewer, walk=earlier, walk_on=walk_on, confirmed=confirmed)
            assert error.value.message_dict["walk_on"][0].startswith(
                "En ny vandring bör göras 6–12 månader" if not confirmed else "Den nya vandringen"
            )
            return
        again = rewalk_plan(viewer=viewer, walk=earlier, walk_on=walk_on, confirmed=confirmed)
        assert (again.previous_walk_id, again.area_id, again.template_id, again.route) == (
            earlier.pk,
            earlier.area_id,
            earlier.template_id,
            earlier.route,
        )
        assert again.status == "planerad"
    assert AuditEvent.objects.get(event="walks.rewalk_planned").data["previous_walk"] == earlier.pk


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 6, date(2026, 7, 31)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
    ],
)
def test_months_are_added_to_the_months_last_day_when_it_is_shorter(start, months, expected):
    assert add_months(start, months) == expected


def test_findings_of_the_rewalk_revisit_the_earlier_findings_with_photos_and_scores(
    earlier, koping, users
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    before = add_observation(earlier, "belysning", 0, "Mörk", photos=(False,))
    deadline = today() + timedelta(days=10)
    with scope(municipality=koping):
        old = services.finding_create(
            viewer=viewer,
            walk=earlier,
            data=services.FindingInput(
                "Mörk tunnel", "Ny belysning", deadline, [before], owner_name="Tekniska"
            ),
        )
        again = rewalk_plan(viewer=viewer, walk=earlier, walk_on=date(2026, 8, 1))
    after = add_observation(again, "belysning", 3, "Ljust nu", photos=(True,))
    stranger = make_walk(koping, users[Role.SAMORDNARE], area=earlier.area, title="Annan")
    other_finding_obs = add_observation(stranger, "sikt", 1)
    with scope(municipality=koping):
        unrelated = services.finding_create(
            viewer=viewer,
            walk=stranger,
            data=services.FindingInput("X", "Y", deadline, [other_finding_obs], owner_name="Z"),
        )
        with pytest.raises(ValidationError) as error:
            services.finding_create(
                viewer=viewer,
                walk=again,
                data=services.FindingInput(
                    "Tunneln", "Klart", deadline, [after], owner_name="Tekniska",
                    previous_finding=unrelated,
                ),
            )  # fmt: skip
        assert error.value.message_dict["previous_finding"] == [
            "Bristen ska höra till den tidigare vandringen."
        ]
        new = services.finding_create(
            viewer=viewer,
            walk=again,
            data=services.FindingInput(
                "Tunneln", "Klart", deadline, [after], owner_name="Tekniska", previous_finding=old
            ),
        )
        scores, pairs = rewalk_comparison(walk=again)
    lighting = next(s for s in scores if s.label == "Belysning")
    assert (lighting.before, lighting.after, lighting.change) == (0.0, 3.0, 3.0)
    (pair,) = pairs
    assert (pair.before.pk, pair.after.pk) == (old.pk, new.pk)
    assert [p.observation_id for p in pair.photos_before] == [before.pk]
    assert [p.observation_id for p in pair.photos_after] == [after.pk]


@pytest.fixture
def areas(koping):
    return (
        make_area(koping, "Centrum", lon=15.99, lat=59.51, d=0.004),
        make_area(koping, "Jämförelse", lon=16.05, lat=59.51, d=0.004),
        make_area(koping, "Grannkvarter", lon=15.99, lat=59.52, d=0.004),
    )


def _reports(koping, area, before: int, after: int, start: date):
    lon, lat = (area.min_lon + area.max_lon) / 2, (area.min_lat + area.max_lat) / 2
    for n, count in ((-1, before), (1, after)):
        for i in range(count):
            when = datetime.combine(
                start + timedelta(days=n * (10 + i)), datetime.min.time(), tzinfo=TZ
            )
            report = make_report(koping, "klotter", lat=lat, lon=lon, when=when)
            report.areas.add(area)


def test_the_effect_on_reports_is_strategys_difference_in_differences_plus_wdd(
    koping, users, areas
):
    treated, control, displacement = areas
    start = today() - timedelta(days=200)
    walk = make_walk(
        koping, users[Role.SAMORDNARE], walk_on=start, area=treated,
        comparison_area=control, displacement_area=displacement,
    )  # fmt: skip
    _reports(koping, treated, 20, 5, start)
    _reports(koping, control, 10, 10, start)
    _reports(koping, displacement, 4, 6, start)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        klotter = Category.objects.get(code="klotter")
        effect = walk_effect(viewer=viewer, walk=walk, category=klotter)
    assert effect.did.ready
    assert effect.did.counts == (20, 5, 10, 10)
    assert effect.did.result.rrr == pytest.approx(0.25)
    assert effect.displacement_counts == (4, 6)
    # (ΔT − ΔC) + (ΔD − ΔC) = (5 − 20 − 0) + (6 − 4 − 0) = −13.
    assert effect.wdd.estimate == pytest.approx(-13)


def test_the_effect_needs_a_comparison_area_and_says_so(koping, users, areas):
    walk = make_walk(
        koping, users[Role.SAMORDNARE], area=areas[0], walk_on=today() - timedelta(days=90)
    )
    with scope(municipality=koping):
        effect = walk_effect(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            walk=walk,
            category=Category.objects.get(code="klotter"),
        )
    assert not effect.did.ready
    assert effect.did.text == "Ange jämförelseområde för åtgärden för att kunna uppskatta effekten."
    assert effect.wdd is None


def test_the_comparison_and_rewalk_pages_render(earlier, koping, users, client):
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("walks:rewalk", args=[earlier.pk]), {"walk_on": "2026-03-01", "title": ""}
    )
    assert response.status_code == 200
    assert "En ny vandring bör göras 6–12 månader" in response.content.decode()
    response = client.post(reverse("walks:rewalk", args=[earlier.pk]), {"walk_on": "2026-09-01"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Poäng per punkt i checklistan" in page.content.decode()
