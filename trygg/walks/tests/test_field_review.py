"""The leader's review: who sees unreviewed observations, who may approve, reject and clear
photos for the public, the filters, the scores per checklist item, and tenant isolation."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_member
from trygg.core.models import Role
from trygg.walks.models import Observation, ObservationPhoto
from trygg.walks.selectors.field import scores_by_item
from trygg.walks.services.field import observation_record

from .field_helpers import CENTRE, OUTSIDE, item, make_walk, png


@pytest.fixture
def walk(koping, users):
    return make_walk(koping, users[Role.SAMORDNARE])


def record(
    walk, *, code="belysning", score=1, text="Mörkt", lat=CENTRE[0], lon=CENTRE[1], photos=()
):
    with scope(municipality=walk.municipality):
        observation, _ = observation_record(
            walk=walk,
            viewer=None,
            via_join_link=True,
            client_uuid=uuid.uuid4(),
            lat=lat,
            lon=lon,
            item_id=item(walk, code).pk if code else None,
            score=score,
            text=text,
            photos=photos,
        )
    return observation


def review(observation, value):
    with scopes_disabled():
        Observation.objects.filter(pk=observation.pk).update(review=value)


# (role, sees unreviewed, may decide): walks.review is the säkerhetssamordnare's; walks.view
# lets the other roles see what is approved.
ROLE_TABLE = [
    (Role.ADMINISTRATOR, False, False),
    (Role.SAMORDNARE, True, True),
    (Role.ANALYTIKER, False, False),
    (Role.RAPPORTOR, False, False),
    (Role.POLIS, False, False),
    (Role.RADSLEDAMOT, False, False),
]


@pytest.mark.parametrize(("role", "sees_unreviewed", "may_decide"), ROLE_TABLE)
def test_review_page_and_decisions_by_role(
    client, koping, koping_org, users, role, sees_unreviewed, may_decide
):
    # The leader is someone else, so only the role decides.
    leader = make_member("ledaren", koping_org, Role.SAMORDNARE)
    walk = make_walk(koping, leader)
    waiting = record(walk, text="Väntar på granskning")
    approved = record(walk, text="Redan granskad")
    review(approved, Observation.Review.GODKAND)
    client.force_login(users[role])

    page = client.get(reverse("walks:review", args=[walk.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert ("Väntar på granskning" in text) is sees_unreviewed
    assert "Redan granskad" in text

    decided = client.post(
        reverse("walks:review_decide", args=[walk.pk, approved.pk]), {"beslut": "avvisa"}
    )
    assert decided.status_code == (302 if may_decide else 403)
    with scopes_disabled():
        approved.refresh_from_db()
        waiting.refresh_from_db()
    assert approved.review == (
        Observation.Review.AVVISAD if may_decide else Observation.Review.GODKAND
    )
    assert waiting.review == Observation.Review.NY


def test_the_walks_leader_and_staff_see_unreviewed_and_only_the_leader_decides(
    client, koping, users
):
    leader, staff = users[Role.RAPPORTOR], users[Role.POLIS]
    walk = make_walk(koping, leader)
    walk.staff.add(staff)
    waiting = record(walk, text="Väntar på granskning")

    for person in (leader, staff):
        client.force_login(person)
        assert (
            "Väntar på granskning"
            in client.get(reverse("walks:review", args=[walk.pk])).content.decode()
        )
    url = reverse("walks:review_decide", args=[walk.pk, waiting.pk])
    assert client.post(url, {"beslut": "godkann"}).status_code == 403  # staff, not leader
    client.force_login(leader)
    assert client.post(url, {"beslut": "godkann"}).status_code == 302
    with scopes_disabled():
        waiting.refresh_from_db()
    assert waiting.review == Observation.Review.GODKAND


def test_an_unreviewed_photo_is_not_served_to_those_who_may_not_see_it(client, walk, users):
    observation = record(walk, photos=[png()])
    with scopes_disabled():
        photo = ObservationPhoto.objects.get(observation=observation)
    url = reverse("walks:photo", args=[walk.pk, photo.pk])

    client.force_login(users[Role.ANALYTIKER])
    assert client.get(url).status_code == 404
    client.force_login(users[Role.SAMORDNARE])
    response = client.get(url + "?storlek=liten")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_the_leader_marks_a_photo_fit_for_the_public_and_takes_it_back(client, walk, users):
    observation = record(walk, photos=[png()])
    with scopes_disabled():
        photo = ObservationPhoto.objects.get(observation=observation)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("walks:photo_public", args=[walk.pk, photo.pk])

    assert client.post(url, {"public_ok": "1"}).status_code == 302
    with scopes_disabled():
        photo.refresh_from_db()
    assert photo.public_ok is True
    client.post(url, {"public_ok": "0"})
    with scopes_disabled():
        photo.refresh_from_db()
    assert photo.public_ok is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["inne", "ute", "sen", "sikt"]),
        ("?ej_granskade=1", ["ute", "sen", "sikt"]),
        ("?utanfor=1", ["ute"]),
        ("?sena=1", ["sen"]),
        ("?punkt={sikt}", ["sikt"]),
    ],
)
def test_review_filters(client, walk, users, query, expected):
    inside = record(walk, text="inne")
    review(inside, Observation.Review.GODKAND)
    record(walk, text="ute", lat=OUTSIDE[0], lon=OUTSIDE[1])
    late = record(walk, text="sen")
    with scopes_disabled():
        Observation.objects.filter(pk=late.pk).update(late=True)
    record(walk, code="sikt", text="sikt")
    client.force_login(users[Role.SAMORDNARE])

    page = client.get(
        reverse("walks:review", args=[walk.pk]) + query.format(sikt=item(walk, "sikt").pk)
    )

    rows = [o.text for o in page.context["observations"]]
    assert rows == expected


def test_review_list_costs_the_same_queries_for_one_and_three_observations(client, walk, users):
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("walks:review", args=[walk.pk])
    counts = []
    for n in (1, 2):
        for _ in range(n):
            record(walk, photos=[png()])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_another_municipalitys_walk_and_observation_are_404(client, walk, arboga_org):
    observation = record(walk)
    client.force_login(make_member("arboga_samordnare", arboga_org, Role.SAMORDNARE))

    assert client.get(reverse("walks:review", args=[walk.pk])).status_code == 404
    decide = reverse("walks:review_decide", args=[walk.pk, observation.pk])
    assert client.post(decide, {"beslut": "godkann"}).status_code == 404


def test_signed_out_review_redirects_to_login(client, walk):
    response = client.get(reverse("walks:review", args=[walk.pk]))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_scores_by_item_are_the_mean_and_count_of_scored_observations_not_rejected(walk):
    record(walk, code="belysning", score=1)
    record(walk, code="belysning", score=2)
    rejected = record(walk, code="belysning", score=0)
    review(rejected, Observation.Review.AVVISAD)
    approved = record(walk, code="sikt", score=3)
    review(approved, Observation.Review.GODKAND)
    record(walk, code="sikt", score=None, text="Ingen poäng")

    with scope(municipality=walk.municipality):
        everything = [(s.code, s.mean, s.n) for s in scores_by_item(walk)]
        public = [(s.code, s.mean, s.n) for s in scores_by_item(walk, approved_only=True)]

    assert everything == [("belysning", 1.5, 2), ("sikt", 3.0, 1), ("skrap", None, 0)]
    assert public == [("belysning", None, 0), ("sikt", 3.0, 1), ("skrap", None, 0)]


def test_the_audit_row_of_a_received_observation_carries_no_text(walk):
    from trygg.core.models import AuditEvent

    record(walk, text="Ring 070-123 45 67 om lampan")
    with scopes_disabled():
        event = AuditEvent.objects.get(event="walks.observation_received")
    assert event.municipality_id == walk.municipality_id
    assert "lampan" not in str(event.data) and "lampan" not in event.summary
    _ = timezone
