"""Focus areas and medborgarlöfte: drafted by the säkerhetssamordnare, published only when
signed by both parties, readable by a logged-out visitor, and followed in an Atom feed
(checked with feedparser, a third-party parser)."""

from datetime import date

import feedparser
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import Role
from trygg.strategy import services
from trygg.strategy.models import CitizenPromise, FocusArea


def _promise(users, koping, *, signed=True):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        focus = services.focus_area_save(
            viewer=viewer,
            title="Trygg centrumkväll",
            description="Torget helgkvällar",
            decided_on=date(2026, 3, 12),
            decision_reference="EST 2026-03-12 § 4",
            status="aktivt",
        )
        promise = services.promise_save(
            viewer=viewer,
            year=2026,
            title="Tryggare centrum",
            introduction="Vi lovar.",
            focus_areas=[focus],
            signed_on=date(2026, 4, 1) if signed else None,
            signed_by_municipality="Kommunstyrelsens ordförande" if signed else "",
            signed_by_police="Lokalpolisområdeschef" if signed else "",
        )
        services.activity_save(
            viewer=viewer,
            promise=promise,
            title="Nattvandring fredagar",
            description="",
            owner="annan",
            owner_name="Nattvandrarna i Köping",
            status="pagar",
            follow_up="12 kvällar hittills",
            focus_area=focus,
        )
    return viewer, promise


def test_publishing_needs_both_signatures(users, koping):
    viewer, promise = _promise(users, koping, signed=False)
    with scope(municipality=koping):
        try:
            services.promise_publish(viewer=viewer, promise=promise)
        except Exception as exc:  # noqa: BLE001
            assert "undertecknat av både kommunen och polisen" in " ".join(exc.messages)
        promise.refresh_from_db()
    assert not promise.published


def test_visitor_reads_the_published_promise_and_its_progress(client, users, koping):
    viewer, promise = _promise(users, koping)
    url = reverse("public:promise", args=[koping.slug])
    assert "inget publicerat medborgarlöfte" in client.get(url).content.decode()
    with scope(municipality=koping):
        services.promise_publish(viewer=viewer, promise=promise)
    page = client.get(url).content.decode()
    assert "Medborgarlöfte 2026: Tryggare centrum" in page
    assert "Nattvandring fredagar" in page and "Pågår" in page and "Nattvandrarna i Köping" in page
    assert "0 av 1 aktiviteter är genomförda och 1 pågår" in page
    assert reverse("public:promise", args=[koping.slug]) in client.get("/").content.decode()


def test_atom_feed_is_valid_for_a_feed_reader(client, users, koping):
    viewer, promise = _promise(users, koping)
    with scope(municipality=koping):
        services.promise_publish(viewer=viewer, promise=promise)
    response = client.get(reverse("public:promise_feed", args=[koping.slug]))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Medborgarlöften i Köping"
    titles = [e.title for e in feed.entries]
    assert "Medborgarlöfte 2026: Tryggare centrum" in titles
    assert "Nattvandring fredagar: pågår" in titles
    assert all(e.id and e.updated for e in feed.entries)


def test_unpublished_promise_is_not_public_anywhere(client, users, koping):
    _promise(users, koping)
    assert client.get(reverse("public:promise_year", args=[koping.slug, 2026])).status_code == 404
    feed = feedparser.parse(client.get(reverse("public:promise_feed", args=[koping.slug])).content)
    assert feed.entries == []


def test_samordnare_drafts_and_publishes_in_the_app(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("strategy:focus_area_create"),
        {
            "title": "Unga i centrum",
            "decided_on": "2026-03-12",
            "decision_reference": "EST § 3",
            "status": "aktivt",
        },
    )
    with scopes_disabled():
        focus = FocusArea.objects.get()
    response = client.post(
        reverse("strategy:promise_create"),
        {
            "year": "2026",
            "title": "Löfte",
            "focus_areas": [focus.pk],
            "signed_on": "2026-04-01",
            "signed_by_municipality": "KSO",
            "signed_by_police": "LPO-chef",
        },
    )
    with scopes_disabled():
        promise = CitizenPromise.objects.get()
    assert response["Location"] == reverse("strategy:promise_detail", args=[promise.pk])
    client.post(
        response["Location"],
        {
            "title": "Trygghetsvandring",
            "goal": "G1",
            "owner": "kommun",
            "status": "planerad",
            "focus_area": focus.pk,
        },
    )
    client.post(reverse("strategy:promise_publish", args=[promise.pk]))
    promise.refresh_from_db()
    assert promise.published


def test_duplicate_year_is_refused_in_swedish(client, users, koping):
    _promise(users, koping)
    client.force_login(users[Role.SAMORDNARE])
    page = client.post(reverse("strategy:promise_create"), {"year": "2026", "title": "Igen"})
    assert "redan ett medborgarlöfte för det året" in page.content.decode()


def test_only_samordnare_edits(client, users, koping):
    client.force_login(users[Role.RADSLEDAMOT])
    assert client.get(reverse("strategy:promises")).status_code == 200
    assert client.get(reverse("strategy:promise_create")).status_code == 403
