"""The leader plans a trygghetsvandring from a decision: from the EST-gruppen's meeting the
decision's "Planera trygghetsvandring" link opens the form with the decision's text, the
route is drawn on the map (and described in text), and the walk's page shows the join link
as an address and a QR code. Every page visited passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.forums.models import Decision
from trygg.geo.models import Area

pytestmark = pytest.mark.browser


def test_the_samordnare_plans_a_walk_from_a_decision_and_sees_the_join_link(
    page, live_server, demo
):
    with scopes_disabled():  # the demo's EST meeting, looked up to open its page
        decision = (
            Decision.objects.filter(
                meeting__forum__kind="est", meeting__forum__municipality__kommunkod="1983"
            )
            .order_by("meeting__held_at", "number")
            .first()
        )
        centrala = Area.objects.get(municipality__kommunkod="1983", name="Köping centrala")
    login(page, live_server, "samordnare", "demo")
    main = page.locator("main")
    visit(page, reverse("forums:meeting_detail", args=[decision.meeting_id]))
    follow(
        page,
        main.get_by_role("link", name=f"Planera trygghetsvandring utifrån {decision.paragraph}"),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Planera trygghetsvandring")
    expect(main.locator(".lead")).to_contain_text(decision.what)

    page.get_by_label("Rubrik").fill("Kvällsvandring vid torget")
    page.get_by_role("combobox", name="Område").select_option(value=str(centrala.pk))
    walk_on = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Förmöte").fill((walk_on - timedelta(days=7)).isoformat())
    page.get_by_label("Datum för vandringen").fill(walk_on.isoformat())
    page.get_by_label("Starttid").fill("19:00")
    page.get_by_label("Samlingsplats").fill("Stora Torget")
    page.get_by_label("Slingan i text").fill("Från torget söderut och tillbaka.")
    route_map = page.locator("#route-map")
    expect(route_map).to_be_visible()
    for x, y in ((150, 80), (200, 120), (260, 140)):
        route_map.click(position={"x": x, "y": y})
    expect(page.locator("#route-status")).to_have_text("Slingan har 3 punkter.")
    route = page.locator("input[name=route]").input_value()
    assert route.startswith('{"type":"LineString","coordinates":[[')
    page.get_by_role("spinbutton", name="Boende").fill("8")
    page.get_by_role("spinbutton", name="Polis").fill("2")
    submit(page, main.get_by_role("button", name="Planera vandringen"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Kvällsvandring vid torget")
    expect(page.get_by_role("status")).to_contain_text("Vandringen är planerad.")
    expect(main).to_contain_text(f"{decision.paragraph} {decision.meeting.forum.name}")
    link = page.get_by_role("textbox", name="Länk", exact=True)
    expect(link).to_have_value(re.compile(r"^http://.+/vandringar/[\w-]+/falt/$"))
    expect(main.get_by_role("img", name="QR-kod för deltagarlänken")).to_be_visible()
    expect(page.locator("#route-view")).to_be_visible()

    # Revoked, the address is gone from the page; a new one replaces it.
    old = link.input_value()
    submit(page, main.get_by_role("button", name="Återkalla länken"))
    expect(main).to_contain_text("Länken är återkallad och fungerar inte.")
    submit(page, main.get_by_role("button", name="Skapa ny länk"))
    expect(page.get_by_role("textbox", name="Länk", exact=True)).not_to_have_value(old)
