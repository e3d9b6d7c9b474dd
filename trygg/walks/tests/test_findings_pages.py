"""The leader's pages for findings, the återmöte, the protocol and the re-walk: each tried
without the grant (403), from another municipality (404, with a walk there that could
leak) and logged out (login); and the leader's path through them with the forms."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import make_member, viewer_for
from trygg.core.models import Organisation, Role
from trygg.strategy import services as strategy
from trygg.walks.models import Finding, Walk

from .followup_data import add_observation, make_walk, today

# name, args from (walk, finding, photo), the role without the grant (None: only a user
# without a membership lacks it), POST-only.
PAGES = [
    ("walks:findings", "walk", None, False),
    ("walks:finding_measure", "finding", Role.ANALYTIKER, True),
    ("walks:finding_report", "finding", Role.POLIS, True),
    ("walks:finding_ask", "finding", Role.RADSLEDAMOT, True),
    ("walks:meeting_create", "walk", Role.RAPPORTOR, True),
    ("walks:publish", "walk", Role.ADMINISTRATOR, True),
    ("walks:followup_photo", "photo", None, False),
    ("walks:protocol", "pdf", None, False),
    ("walks:rewalk", "walk", Role.ANALYTIKER, False),
    ("walks:comparison", "walk", None, False),
]


def _setup(municipality, leader):
    walk = make_walk(municipality, leader)
    obs = add_observation(walk, "belysning", 1, "Mörkt", photos=(False,))
    with scopes_disabled():
        finding = Finding.objects.create(
            municipality=municipality,
            walk=walk,
            title="Mörkt",
            owner_name="Trafikverket",
            proposal="Mer ljus",
            deadline=today() + timedelta(days=9),
        )
        finding.observations.add(obs)
        photo = obs.photos.get()
    return walk, finding, photo


def _args(key, walk, finding, photo):
    return {
        "walk": [walk.pk],
        "finding": [walk.pk, finding.pk],
        "photo": [walk.pk, photo.pk],
        "pdf": [walk.pk, "pdf"],
    }[key]


def _get(client, name, key, post, objects):
    url = reverse(name, args=_args(key, *objects))
    return client.post(url) if post else client.get(url)


@pytest.mark.parametrize(("name", "key", "denied", "post"), PAGES)
def test_a_role_without_the_grant_gets_403(
    client, users, koping, outsider, name, key, denied, post
):
    objects = _setup(koping, users[Role.SAMORDNARE])
    client.force_login(users[denied] if denied else outsider)
    assert _get(client, name, key, post, objects).status_code == 403


@pytest.mark.parametrize(("name", "key", "denied", "post"), PAGES)
def test_another_municipalitys_walk_gives_404(
    client, users, koping, arboga, arboga_org, name, key, denied, post
):
    objects = _setup(arboga, make_member("arboga_ledare", arboga_org, Role.SAMORDNARE))
    client.force_login(users[Role.SAMORDNARE])
    assert _get(client, name, key, post, objects).status_code == 404


@pytest.mark.parametrize(("name", "key", "denied", "post"), PAGES)
def test_a_logged_out_visitor_is_sent_to_login(client, users, koping, name, key, denied, post):
    objects = _setup(koping, users[Role.SAMORDNARE])
    response = _get(client, name, key, post, objects)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_the_leader_groups_observations_makes_a_measure_a_meeting_and_a_protocol(
    client, users, koping, mailoutbox
):
    leader = users[Role.SAMORDNARE]
    walk = make_walk(koping, leader)
    first = add_observation(walk, "belysning", 0, "Mörk tunnel")
    second = add_observation(walk, "belysning", 1, "Trasig lampa")
    with scope(municipality=koping):
        viewer = viewer_for(leader, koping)
        strategy.plan_save(
            viewer=viewer, title="Plan", start_year=today().year, end_year=today().year + 1,
            picture=None, follow_up_months=3,
        )  # fmt: skip
        org = Organisation.objects.get(name="Säkerhetsavdelningen")
    client.force_login(leader)
    url = reverse("walks:findings", args=[walk.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "brist-observations": [str(first.pk), str(second.pk)],
            "brist-title": "Mörk gångtunnel",
            "brist-proposal": "Ny belysning",
            "brist-owner_organisation": str(org.pk),
            "brist-owner_email": "teknik@koping.example",
            "brist-deadline": (today() + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        finding = Finding.objects.get(walk=walk)
        assert finding.observations.count() == 2
    response = client.post(reverse("walks:finding_measure", args=[walk.pk, finding.pk]))
    assert response.status_code == 302
    assert client.post(reverse("walks:finding_ask", args=[walk.pk, finding.pk])).status_code == 302
    assert mailoutbox[0].to == ["teknik@koping.example"]
    response = client.post(
        reverse("walks:meeting_create", args=[walk.pk]), {"mote-held_at": "2027-01-20T18:00"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        finding.refresh_from_db()
        assert finding.measure.title == "Mörk gångtunnel"
        assert Walk.objects.get(pk=walk.pk).follow_up_meeting is not None
    page = client.get(url).content.decode()
    assert "Bristen är nu åtgärden ”Mörk gångtunnel” i åtgärdsplanen." in page
    assert reverse("strategy:measure_detail", args=[finding.measure_id]) in page
    pdf = client.get(reverse("walks:protocol", args=[walk.pk, "pdf"]))
    assert pdf.content[:5] == b"%PDF-"
    assert pdf["Content-Disposition"] == f'attachment; filename="protokoll-vandring-{walk.pk}.pdf"'


def test_a_finding_form_without_observations_shows_the_message_by_the_field(client, users, koping):
    walk = make_walk(koping, users[Role.SAMORDNARE])
    add_observation(walk, "sikt", 2)
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("walks:findings", args=[walk.pk]),
        {
            "brist-title": "X",
            "brist-proposal": "Y",
            "brist-owner_name": "Z",
            "brist-deadline": "2030-01-01",
        },
    )
    assert response.status_code == 200
    assert "Välj minst en observation som bristen bygger på." in response.content.decode()
