"""The foundation's journeys as a new user walks them, in chromium, on the demo municipality
(`foundation_demo`: load_demo without the data of the apps built on the foundation, which
these pages do not show). Every page visited passes axe-core (WCAG 2.0/2.1 A and AA) with no
violations, and its stylesheet loads."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit

pytestmark = pytest.mark.browser


def main(page):
    return page.locator("main")


def test_visitor_sees_public_start_page_and_follows_its_links(page, live_server, foundation_demo):
    visit(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trygghet i Köping")
    expect(main(page)).to_contain_text("Köpings kommun arbetar tillsammans med polisen")
    expect(page.locator("header")).to_contain_text("Köping")

    follow(page, page.get_by_role("link", name="Tillgänglighetsredogörelse"))
    expect(page).to_have_url(re.compile(r"/tillganglighet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")
    expect(main(page)).to_contain_text("lagen (2018:1937)")

    visit(page, "/")
    follow(page, main(page).get_by_role("link", name="Logga in"))
    expect(page).to_have_url(re.compile(r"/logga-in/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in i Trygg")
    expect(page.get_by_label("Användarnamn")).to_be_visible()


def test_samordnare_logs_in_and_finds_the_areas_a_place_lies_in(page, live_server, foundation_demo):
    login(page, live_server, "samordnare", "demo")
    expect(page).to_have_url(re.compile(r"/start/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Trygg i Köping")
    expect(main(page)).to_contain_text("Säkerhetssamordnare")

    nav = page.get_by_role("navigation", name="Huvudmeny")
    follow(page, nav.get_by_role("link", name="Områden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Områden")
    expect(nav.get_by_role("link", name="Områden")).to_have_attribute("aria-current", "page")

    follow(page, main(page).get_by_role("link", name="Köping centrala", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Köping centrala")
    expect(main(page)).to_contain_text("Stadsdel")
    expect(
        page.get_by_role("region", name=re.compile("Karta över Köping centrala"))
    ).to_be_visible()

    follow(page, page.get_by_role("link", name="Alla områden"))
    lookup = page.get_by_role("form", name="Vilka områden ligger en plats i?")
    lookup.get_by_label("Latitud").fill("59.5140")
    lookup.get_by_label("Longitud").fill("15.9926")
    submit(page, lookup.get_by_role("button", name="Sök"))
    result = main(page).get_by_role("status")
    expect(result.get_by_role("link", name="Köping centrala", exact=True)).to_be_visible()
    expect(result.get_by_role("link", name="1983C1050", exact=True)).to_be_visible()
    expect(result).not_to_contain_text("utanför kommungränsen")
    expect(result).to_contain_text("H3-celler")


def test_admin_switches_municipality_and_administers_organisations(
    page, live_server, foundation_demo
):
    login(page, live_server, "admin", "demo")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Trygg i Köping")

    switcher = page.locator("header form.switcher")
    switcher.get_by_label("Kommun").select_option(label="Arboga")
    submit(page, switcher.get_by_role("button", name="Byt"))
    expect(page.get_by_role("status")).to_contain_text("Du arbetar nu i Arboga.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Trygg i Arboga")

    switcher.get_by_label("Kommun").select_option(label="Köping")
    submit(page, switcher.get_by_role("button", name="Byt"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Trygg i Köping")

    nav = page.get_by_role("navigation", name="Huvudmeny")
    follow(page, nav.get_by_role("link", name="Organisationer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisationer")
    expect(main(page)).to_contain_text("Köpingebostäder AB")

    follow(page, main(page).get_by_role("link", name="Ny organisation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny organisation")
    page.get_by_label("Namn").fill("Fastighetsägarna Köping")
    page.get_by_label("Typ").select_option(label="Fastighetsbolag")
    page.get_by_label("Funktionsadress för e-post").fill("trygg@fastighet.example")
    submit(page, main(page).get_by_role("button", name="Spara"))
    expect(page).to_have_url(re.compile(r"/administration/organisationer/$"))
    expect(page.get_by_role("status")).to_contain_text("Organisationen är sparad.")
    expect(main(page).get_by_role("link", name="Fastighetsägarna Köping")).to_be_visible()

    follow(page, nav.get_by_role("link", name="Roller"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Personer och roller")
    expect(main(page)).to_contain_text("samordnare")

    follow(page, nav.get_by_role("link", name="Granskningslogg"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Granskningslogg")
    expect(main(page)).to_contain_text("Bytte till Köping")
    expect(main(page)).to_contain_text("Fastighetsägarna Köping")


def test_wrong_password_shows_swedish_error(page, live_server, foundation_demo):
    login(page, live_server, "samordnare", "fel-losenord", expect_success=False)
    expect(page).to_have_url(re.compile(r"/logga-in/$"))
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord.")
    expect(page.get_by_label("Användarnamn")).to_have_value("samordnare")


def no_horizontal_scroll(page, width=360):
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} rullar i sidled vid {width} px ({scroll_width} px)"


def test_works_at_360_px_and_without_javascript(new_context, live_server, foundation_demo):
    narrow = new_context(viewport={"width": 360, "height": 740}).new_page()
    visit(narrow, "/")
    no_horizontal_scroll(narrow)
    follow(narrow, narrow.get_by_role("link", name="Tillgänglighetsredogörelse"))
    no_horizontal_scroll(narrow)
    login(narrow, live_server, "admin", "demo")
    expect(narrow.get_by_role("heading", level=1)).to_have_text("Välkommen till Trygg i Köping")
    no_horizontal_scroll(narrow)
    nav = narrow.get_by_role("navigation", name="Huvudmeny")
    for name in ("Områden", "Roller", "Granskningslogg"):
        # On a phone the menu is folded behind its button (test_phone_layout_journey).
        nav.get_by_role("button", name="Meny").click()
        follow(narrow, nav.get_by_role("link", name=name))
        no_horizontal_scroll(narrow)

    no_js = new_context(java_script_enabled=False).new_page()
    login(no_js, live_server, "samordnare", "demo")
    expect(no_js).to_have_url(re.compile(r"/start/$"))
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Välkommen till Trygg i Köping")
    no_js_nav = no_js.get_by_role("navigation", name="Huvudmeny")
    follow(no_js, no_js_nav.get_by_role("link", name="Områden"))
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Områden")
