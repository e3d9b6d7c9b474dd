"""The walk log through the group's secret link: what a phone sends arrives once, fewer than
two walkers and personal data are refused with the reason, a revoked link stops working."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.core.models import Role
from trygg.programmes.models import NightWalkLog, NightWalkObservation
from trygg.programmes.services.nightwalk import TOO_FEW

from .nightwalk_helpers import ROUTE, log_fields, make_group


@pytest.fixture
def group(koping, koping_org):
    return make_group(koping, koping_org)


def endpoint(group):
    return reverse("programmes:nightwalk_log_json", args=[group.link_token])


def test_a_log_arrives_with_its_route_cells_and_observation(client, koping, group):
    response = client.post(endpoint(group), log_fields(koping, concern_reported="on"))
    assert response.status_code == 201
    with scopes_disabled():
        log = NightWalkLog.objects.get()
        observation = NightWalkObservation.objects.get()
    assert response.json()["id"] == log.pk
    assert (log.walkers, log.route, log.concern_reported) == (3, ROUTE, True)
    assert len(log.route_cells) >= 2
    assert observation.place_text == "Gångtunneln vid stationen"
    assert observation.category.code == "klotter"


def test_the_same_log_sent_twice_is_stored_once(client, koping, group):
    fields = log_fields(koping)
    first = client.post(endpoint(group), fields)
    again = client.post(endpoint(group), fields)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    with scopes_disabled():
        assert NightWalkLog.objects.count() == 1
        assert NightWalkObservation.objects.count() == 1


def test_fewer_than_two_walkers_is_refused(client, koping, group):
    response = client.post(endpoint(group), log_fields(koping, walkers="1"))
    assert response.status_code == 400
    assert response.json()["errors"]["walkers"] == [{"message": TOO_FEW}]
    with scopes_disabled():
        assert NightWalkLog.objects.count() == 0


def test_a_personnummer_in_an_observation_is_refused_with_the_reason(client, koping, group):
    fields = log_fields(koping, obs1_text="Pojken 850709-9805 sprayade")
    response = client.post(endpoint(group), fields)
    assert response.status_code == 400
    assert response.json()["errors"]["obs1_text"] == [
        {"message": "Texten innehåller ett personnummer. Skriv om den utan personuppgifter."}
    ]


def test_a_name_in_the_note_is_refused(client, koping, group):
    response = client.post(
        endpoint(group), log_fields(koping, note="Vi mötte Anna Berg vid torget")
    )
    assert response.status_code == 400
    assert "något som ser ut som ett namn" in response.json()["errors"]["note"][0]["message"]


def test_a_route_is_needed_drawn_recorded_or_typed(client, koping, group):
    missing = client.post(endpoint(group), log_fields(koping, route=""))
    typed = client.post(
        endpoint(group), log_fields(koping, route="", route_text="Centrum, Stora gatan")
    )
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["route_text"]
    assert typed.status_code == 201


def test_a_second_log_of_the_same_evening_is_refused(client, koping, group):
    assert client.post(endpoint(group), log_fields(koping)).status_code == 201
    again = client.post(endpoint(group), log_fields(koping))
    assert again.status_code == 400
    assert "redan loggad" in again.json()["errors"]["walked_on"][0]["message"]


def test_an_observation_in_another_municipalitys_category_is_refused(client, koping, arboga, group):
    from tests.helpers import category

    fields = log_fields(koping, obs1_category=str(category(arboga, "klotter").pk))
    response = client.post(endpoint(group), fields)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["obs1_category"]


def test_a_revoked_link_refuses_the_log_and_closes_its_pages(client, koping, group, users):
    client.force_login(users[Role.SAMORDNARE])
    client.post(reverse("programmes:nightwalk_link_revoke", args=[group.pk]))
    client.logout()
    response = client.post(endpoint(group), log_fields(koping))
    assert response.status_code == 403
    assert "återkallad" in response.json()["message"]
    page = client.get(reverse("programmes:nightwalk_log", args=[group.link_token]))
    calendar = client.get(reverse("programmes:nightwalk_link", args=[group.link_token]))
    assert (page.status_code, calendar.status_code) == (410, 410)


def test_a_renewed_link_replaces_the_old_one(client, koping, group, users):
    old = group.link_token
    client.force_login(users[Role.SAMORDNARE])
    client.post(reverse("programmes:nightwalk_link_renew", args=[group.pk]))
    client.logout()
    with scopes_disabled():
        group.refresh_from_db()
    assert client.post(endpoint(group), log_fields(koping)).status_code == 201
    gone = client.post(reverse("programmes:nightwalk_log_json", args=[old]), log_fields(koping))
    assert gone.status_code == 404


def test_the_page_without_javascript_keeps_what_was_typed_on_an_error(client, koping, group):
    url = reverse("programmes:nightwalk_log", args=[group.link_token])
    response = client.post(url, log_fields(koping, walkers="1", route_text="Stora gatan"))
    assert response.status_code == 400
    body = response.content.decode()
    assert TOO_FEW.replace("–", "&ndash;") in body or TOO_FEW in body
    assert "Stora gatan" in body
    assert "Nytt klotter på gångtunneln" in body


def test_the_page_without_javascript_logs_the_evening(client, koping, group):
    url = reverse("programmes:nightwalk_log", args=[group.link_token])
    response = client.post(url, log_fields(koping), follow=True)
    assert response.status_code == 200
    assert "Kvällens logg är mottagen" in response.content.decode()
    with scopes_disabled():
        assert NightWalkLog.objects.count() == 1
