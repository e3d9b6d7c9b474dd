"""The samordnare's side of nattvandring: a group needs an association and its agreement,
evenings are planned and signed up for, an observation becomes a report with one action,
the compensation is the rate × evenings per month, and the programme counts its outputs."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_organisation, viewer_for
from trygg.core.models import Organisation, Role
from trygg.programmes.models import NightWalkEvening, NightWalkLog, NightWalkSignup
from trygg.programmes.outputs import outputs_for
from trygg.programmes.services import nightwalk as services

from .nightwalk_helpers import log_fields, make_group, make_programme


@pytest.fixture
def group(koping, koping_org):
    return make_group(koping, koping_org, rate=Decimal(450))


@pytest.fixture
def samordnare(koping, users):
    return viewer_for(users[Role.SAMORDNARE], koping)


def _log(client, municipality, group, day, **fields):
    url = reverse("programmes:nightwalk_log_json", args=[group.link_token])
    response = client.post(url, log_fields(municipality, walked_on=day.isoformat(), **fields))
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_group_without_an_association_is_refused(koping, koping_org, samordnare):
    programme = make_programme(koping, koping_org)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        services.group_create(
            viewer=samordnare,
            programme=programme,
            association=None,
            name="Nattvandrarna",
            agreement_on=date(2026, 1, 1),
            rate_sek=Decimal(400),
        )
    assert error.value.message_dict == {
        "association": ["Välj föreningen som överenskommelsen är tecknad med."]
    }


def test_a_group_needs_an_association_of_kind_forening_and_a_rate(koping, koping_org, samordnare):
    programme = make_programme(koping, koping_org)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        services.group_create(
            viewer=samordnare,
            programme=programme,
            association=koping_org,
            name="Nattvandrarna",
            agreement_on=None,
            rate_sek=None,
        )
    assert sorted(error.value.message_dict) == ["agreement_on", "association", "rate_sek"]


def test_the_samordnare_registers_a_group_on_the_page(client, koping, koping_org, users):
    programme = make_programme(koping, koping_org)
    with scopes_disabled():
        association = make_organisation(
            koping, "Nattvandrarna demo", kind=Organisation.Kind.FORENING
        )
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("programmes:nightwalk_groups"),
        {
            "programme": programme.pk,
            "association": association.pk,
            "name": "Kvällsgruppen",
            "contact_email": "kvall@example.org",
            "agreement_on": "2026-02-01",
            "rate_sek": "500",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Gruppen Kvällsgruppen är registrerad." in response.content.decode()


def test_an_analyst_sees_the_groups_but_cannot_register_one(client, users, group):
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("programmes:nightwalk_groups"))
    assert page.status_code == 200
    assert "Registrera en grupp" not in page.content.decode()
    assert client.post(reverse("programmes:nightwalk_groups"), {}).status_code == 403


def test_walkers_sign_up_and_an_evening_shows_whether_two_adults_come(
    client, koping, group, samordnare
):
    with scope(municipality=koping):
        evening = services.evening_plan(
            viewer=samordnare,
            group=group,
            walk_on=timezone.localdate() + timedelta(days=3),
            starts_at=timezone.datetime(2026, 1, 1, 21).time(),
        )
    url = reverse("programmes:nightwalk_link", args=[group.link_token])
    one = client.post(url, {"evening": evening.pk, "adults": "1", "nickname": "Kim"}, follow=True)
    assert "Behöver fler vuxna" in one.content.decode()
    client.post(url, {"evening": evening.pk, "adults": "1", "nickname": ""})
    page = client.get(url).content.decode()
    assert "2 vuxna anmälda" in page
    assert "Behöver fler vuxna" not in page


def test_a_sign_up_keeps_a_nickname_at_most(client, koping, group, samordnare):
    with scope(municipality=koping):
        evening = services.evening_plan(
            viewer=samordnare,
            group=group,
            walk_on=timezone.localdate() + timedelta(days=1),
            starts_at=timezone.datetime(2026, 1, 1, 21).time(),
        )
    url = reverse("programmes:nightwalk_link", args=[group.link_token])
    response = client.post(url, {"evening": evening.pk, "adults": "2", "nickname": "070-1234567"})
    assert response.status_code == 400
    assert services.NICKNAME in response.content.decode()
    with scopes_disabled():
        assert NightWalkSignup.objects.count() == 0


def test_nicknames_are_blanked_a_week_after_the_evening(koping, group):
    with scopes_disabled():
        evening = NightWalkEvening.objects.create(
            municipality=koping,
            group=group,
            walk_on=timezone.localdate() - timedelta(days=8),
            starts_at=timezone.datetime(2026, 1, 1, 21).time(),
        )
        NightWalkSignup.objects.create(
            municipality=koping, evening=evening, adults=2, nickname="Kim"
        )
    with scope(municipality=koping):
        assert services.signups_prune(municipality=koping) == 1
    with scopes_disabled():
        signup = NightWalkSignup.objects.get()
    assert (signup.adults, signup.nickname) == (2, "")


def test_an_observation_becomes_a_report_with_one_action(client, koping, group, users):
    _log(client, koping, group, timezone.localdate() - timedelta(days=1))
    with scopes_disabled():
        observation = NightWalkLog.objects.get().observations.get()
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("programmes:nightwalk_observation_report", args=[observation.pk])
    response = client.post(url, follow=True)
    with scopes_disabled():
        observation.refresh_from_db()
        report = observation.report
    assert report is not None
    assert f"Observationen är nu rapport nr {report.pk}." in response.content.decode()
    assert report.category.code == "klotter"
    assert report.place_name == "Gångtunneln vid stationen"
    assert report.description.endswith("Nytt klotter på gångtunneln")
    again = client.post(url, follow=True)
    assert "Observationen är redan en rapport." in again.content.decode()


def test_the_compensation_is_the_rate_times_evenings_per_month(client, koping, group, users):
    today = timezone.localdate()
    first = today.replace(day=1)
    previous = first - timedelta(days=1)
    days = [first, previous, previous - timedelta(days=1)]
    days = [d for d in days if d <= today]
    for day in days:
        _log(client, koping, group, day)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("programmes:nightwalk_compensation")
    with scope(municipality=koping):
        from trygg.programmes.selectors.nightwalk import compensation

        viewer = viewer_for(users[Role.SAMORDNARE], koping)
        result = compensation(viewer=viewer, year=previous.year)
    by_month = {row.month: (row.evenings, row.amount_sek) for row in result.rows}
    assert by_month[previous.replace(day=1)] == (2, Decimal(900))
    csv = client.get(url, {"ar": str(previous.year), "format": "csv"})
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Månad;Grupp;Förening;Kvällar;Ersättning per kväll;Summa"
    assert f"{previous:%Y-%m};Nattvandrarna;{group.association.name};2;450;900" in lines


def test_the_compensation_is_for_the_samordnare_only(client, users):
    client.force_login(users[Role.ANALYTIKER])
    assert client.get(reverse("programmes:nightwalk_compensation")).status_code == 403


def test_the_programme_counts_its_outputs(client, koping, group):
    yesterday = timezone.localdate() - timedelta(days=1)
    _log(client, koping, group, yesterday, concern_reported="on", walkers="4")
    _log(
        client,
        koping,
        group,
        yesterday - timedelta(days=1),
        walkers="2",
        obs1_category="",
        obs1_text="",
        obs1_place="",
    )
    with scope(municipality=koping):
        found = {
            o.label: o.value
            for o in outputs_for(group.programme, yesterday - timedelta(days=7), yesterday)
        }
    assert found == {
        "Genomförda nattvandringskvällar": 2,
        "Vandrarkvällar (vuxna × kvällar)": 6,
        "Observationer från nattvandringen": 1,
        "Rapporter från nattvandringens observationer": 0,
        "Orosanmälningar gjorda under nattvandring": 1,
    }


def test_the_map_lists_hot_spots_no_route_passed_first(client, koping, group, users):
    import random

    from tests.helpers import make_area, make_report

    make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.05)
    yesterday = timezone.localdate() - timedelta(days=1)
    # A cluster of reports away from the group's route (through the centre), on a background.
    rng = random.Random(4)
    for _ in range(40):
        make_report(koping, lat=59.540 + rng.gauss(0, 0.001), lon=16.020 + rng.gauss(0, 0.002))
    for _ in range(30):
        make_report(koping, lat=59.47 + rng.random() * 0.08, lon=15.95 + rng.random() * 0.08)
    _log(client, koping, group, yesterday)
    client.force_login(users[Role.SAMORDNARE])
    with scope(municipality=koping):
        from trygg.programmes.selectors.nightwalk import routes_against_hot_spots

        result = routes_against_hot_spots(viewer=viewer_for(users[Role.SAMORDNARE], koping))
    assert result.hot, "the cluster is a hot spot"
    assert result.hot[0].evenings == 0
    assert len(result.routes) == 1
    page = client.get(reverse("programmes:nightwalk_map")).content.decode()
    assert "Ingen nattvandring" in page


def test_the_group_page_shows_the_link_only_to_the_samordnare(client, group, users):
    url = reverse("programmes:nightwalk_group", args=[group.pk])
    client.force_login(users[Role.SAMORDNARE])
    assert group.link_token in client.get(url).content.decode()
    client.force_login(users[Role.POLIS])
    page = client.get(url)
    assert page.status_code == 200
    assert group.link_token not in page.content.decode()


def test_planning_an_evening_is_for_the_samordnare_of_the_groups_municipality(
    client, koping, arboga, arboga_org, group, users
):
    url = reverse("programmes:nightwalk_evening_plan", args=[group.pk])
    fields = {
        "walk_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "starts_at": "21:00",
    }
    assert client.post(url, fields)["Location"].startswith(reverse("core:login"))
    client.force_login(users[Role.ANALYTIKER])
    assert client.post(url, fields).status_code == 403
    client.force_login(users[Role.SAMORDNARE])
    elsewhere = make_group(arboga, arboga_org, name="Arbogagruppen")
    other = reverse("programmes:nightwalk_evening_plan", args=[elsewhere.pk])
    assert client.post(other, fields).status_code == 404
    assert client.post(url, {"walk_on": "", "starts_at": "21:00"}).status_code == 400
    assert client.post(url, fields).status_code == 302
    with scopes_disabled():
        assert NightWalkEvening.objects.filter(group=group).count() == 1
