"""The planning pages: every role on every page (the rapportör may view, not plan), planning
from a decision keeps the link, the join link with its QR code expires, is revoked and
renewed (audited), and walk_for_join_token answers only for a live link."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_forum, make_meeting, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.forums.models import Decision
from trygg.walks.models import Walk
from trygg.walks.selectors.walks import walk_for_join_token
from trygg.walks.services import planning

A, S, N, R, P, L = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
)
ROLES = (A, S, N, R, P, L)


@pytest.fixture
def walk(koping, users):
    area = make_area(koping, "Centrum")
    viewer = viewer_for(users[S], koping)
    with scope(municipality=koping):
        template = planning.template_default(viewer=viewer)
        return planning.walk_plan(
            viewer=viewer,
            title="Vandring i centrum",
            area=area,
            walk_on=timezone.localdate() + timedelta(days=7),
            template=template,
            leader=users[S],
            route_description="Från Stora torget längs Östra Långgatan.",
            participant_counts={"boende": 6},
        )


# Page → the status for each role (A, S, N, R, P, L); GET pages only (POSTs below).
PAGES = {
    "walks:list": (200, 200, 200, 200, 200, 200),
    "walks:detail": (200, 200, 200, 200, 200, 200),
    "walks:plan": (403, 200, 403, 403, 403, 403),
    "walks:edit": (403, 200, 403, 403, 403, 403),
    "walks:templates": (200, 200, 403, 403, 403, 403),
    "walks:template_create": (200, 200, 403, 403, 403, 403),
}


@pytest.mark.parametrize(
    ("name", "role", "status"),
    [(name, role, row[i]) for name, row in PAGES.items() for i, role in enumerate(ROLES)],
)
def test_each_role_reaches_exactly_the_planning_pages_it_may(
    client, users, walk, name, role, status
):
    client.force_login(users[role])
    args = [walk.pk] if name in ("walks:detail", "walks:edit") else []
    assert client.get(reverse(name, args=args)).status_code == status


def test_the_rapportor_sees_the_walk_but_neither_the_plan_button_nor_the_join_link(
    client, users, walk
):
    client.force_login(users[R])
    listing = client.get(reverse("walks:list")).content.decode()
    page = client.get(reverse("walks:detail", args=[walk.pk])).content.decode()
    assert "Vandring i centrum" in listing
    assert "Planera trygghetsvandring" not in listing
    assert "Från Stora torget längs Östra Långgatan." in page
    assert walk.join_token not in page


def test_the_samordnare_sees_the_join_link_as_address_and_qr_code(client, users, walk):
    client.force_login(users[S])
    page = client.get(reverse("walks:detail", args=[walk.pk])).content.decode()
    assert f'value="http://testserver/vandringar/{walk.join_token}/falt/"' in page
    assert 'alt="QR-kod för deltagarlänken" width="200"' in page
    assert 'src="data:image/svg+xml;base64,' in page


def test_revoking_and_renewing_the_join_link_is_audited_and_changes_the_secret(client, users, walk):
    client.force_login(users[S])
    old = walk.join_token
    client.post(reverse("walks:join_revoke", args=[walk.pk]))
    assert walk_for_join_token(old) is None
    page = client.get(reverse("walks:detail", args=[walk.pk])).content.decode()
    assert "Länken är återkallad och fungerar inte." in page
    client.post(reverse("walks:join_renew", args=[walk.pk]))
    with scopes_disabled():
        walk.refresh_from_db()
    assert walk.join_token != old
    assert walk_for_join_token(walk.join_token) == walk
    assert walk_for_join_token(old) is None
    events = AuditEvent.objects.filter(object_id=str(walk.pk)).values_list("event", flat=True)
    assert sorted(e for e in events if "join" in e) == [
        "walks.join_link_renewed",
        "walks.join_link_revoked",
    ]


def test_the_walks_leader_may_manage_its_link_without_being_samordnare(client, users, koping, walk):
    with scopes_disabled():
        Walk.objects.filter(pk=walk.pk).update(leader=users[P])
    client.force_login(users[P])
    assert client.post(reverse("walks:join_revoke", args=[walk.pk])).status_code == 302
    client.force_login(users[N])
    assert client.post(reverse("walks:join_renew", args=[walk.pk])).status_code == 403


TOKENS = [
    ("live", {}, True),
    ("revoked", {"join_revoked_at": timezone.now()}, False),
    ("expired", {"join_expires_at": timezone.now() - timedelta(minutes=1)}, False),
    ("cancelled", {"status": Walk.Status.INSTALLD}, False),
    ("closed, drafts still come in", {"status": Walk.Status.GENOMFORD}, True),
]


@pytest.mark.parametrize(("case", "change", "opens"), TOKENS, ids=[t[0] for t in TOKENS])
def test_the_join_token_opens_only_a_live_link(walk, case, change, opens):
    with scopes_disabled():
        Walk.objects.filter(pk=walk.pk).update(**change)
    assert (walk_for_join_token(walk.join_token) is not None) is opens
    assert walk_for_join_token("fel" + walk.join_token) is None
    assert walk_for_join_token("") is None


def test_the_leader_moves_the_links_end_but_not_before_the_walk(client, users, walk):
    client.force_login(users[S])
    later = walk.walk_on + timedelta(days=5)
    client.post(reverse("walks:join_expiry", args=[walk.pk]), {"expires_on": later.isoformat()})
    with scopes_disabled():
        walk.refresh_from_db()
    assert timezone.localtime(walk.join_expires_at).date() == later + timedelta(days=1)
    response = client.post(
        reverse("walks:join_expiry", args=[walk.pk]),
        {"expires_on": (walk.walk_on - timedelta(days=1)).isoformat()},
        follow=True,
    )
    assert "Länken måste gälla åtminstone vandringens dag." in response.content.decode()


def test_a_decision_offers_planning_to_the_samordnare_and_the_walk_keeps_it(client, users, koping):
    area = make_area(koping, "Centrum")
    meeting = make_meeting(koping, timezone.now())
    decision = Decision.objects.create(
        municipality=koping, meeting=meeting, what="Trygghetsvandring i centrum", area=area
    )
    make_forum(koping, "est")
    plan_url = f"{reverse('walks:plan')}?beslut={decision.pk}"
    client.force_login(users[N])
    assert (
        plan_url
        not in client.get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    )
    client.force_login(users[S])
    meeting_page = client.get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
    assert f'<br><a href="{plan_url}">Planera trygghetsvandring' in meeting_page
    form = client.get(plan_url).content.decode()
    assert "Trygghetsvandring i centrum" in form
    with scope(municipality=koping):
        template = planning.template_default(viewer=viewer_for(users[S], koping))
    response = client.post(
        plan_url,
        {
            "beslut": decision.pk,
            "title": "Centrum i mars",
            "area": area.pk,
            "walk_on": "2027-03-10",
            "pre_meeting_on": "2027-03-01",
            "template": template.pk,
            "leader": users[S].pk,
            "count_kommunen": "3",
            "route": "",
        },
        follow=True,
    )
    with scopes_disabled():
        walk = Walk.objects.get()
    assert (walk.decision_id, walk.forum_id) == (decision.pk, meeting.forum_id)
    page = response.content.decode()
    assert "Inga boende är med" in page
    assert f"{decision.paragraph} {meeting.forum.name}" in page


def test_a_route_that_is_not_geojson_is_shown_next_to_the_map(client, users, koping):
    area = make_area(koping, "Centrum")
    client.force_login(users[S])
    client.get(reverse("walks:plan"))
    with scope(municipality=koping):
        template = planning.template_default(viewer=viewer_for(users[S], koping))
    response = client.post(
        reverse("walks:plan"),
        {
            "title": "X",
            "area": area.pk,
            "walk_on": "2027-03-10",
            "template": template.pk,
            "leader": users[S].pk,
            "route": "{inte json",
        },
    )
    assert response.status_code == 200
    assert "Slingan kunde inte läsas. Rita den igen." in response.content.decode()


def test_the_list_filters_by_status_and_says_when_nothing_matches(client, users, walk):
    client.force_login(users[N])
    planned = client.get(reverse("walks:list"), {"status": "planerad"}).content.decode()
    closed = client.get(reverse("walks:list"), {"status": "avslutad"}).content.decode()
    assert "Vandring i centrum" in planned
    assert "Inga vandringar med den statusen." in closed


@pytest.mark.parametrize("rows", [1, 3])
def test_the_list_takes_the_same_queries_for_one_or_three_walks(
    client, users, koping, walk, rows, django_assert_num_queries
):
    with scopes_disabled():
        for n in range(rows - 1):
            walk.pk, walk.join_token = None, f"t{n}"
            walk.save()
    client.force_login(users[N])
    client.get(reverse("walks:list"))
    with django_assert_num_queries(5):
        client.get(reverse("walks:list"))


def test_the_samordnares_start_page_shows_the_next_walk(client, users, walk):
    client.force_login(users[S])
    page = client.get(reverse("core:start")).content.decode()
    assert f'<a href="{reverse("walks:detail", args=[walk.pk])}">Vandring i centrum</a>' in page


def test_the_template_page_reorders_points_without_javascript(client, users, koping):
    client.force_login(users[A])
    client.get(reverse("walks:templates"))
    with scopes_disabled():
        from trygg.walks.models import ChecklistItem

        second = ChecklistItem.objects.get(code="sikt")
    client.post(reverse("walks:item_move", args=[second.pk]), {"riktning": "upp"})
    with scopes_disabled():
        codes = list(
            ChecklistItem.objects.filter(template=second.template).values_list("code", flat=True)
        )
    assert codes[:2] == ["sikt", "belysning"]
    page = client.get(reverse("walks:template_edit", args=[second.template_id])).content.decode()
    assert page.index("<strong>Sikt och överblick</strong>") < page.index(
        "<strong>Belysning</strong>"
    )
