"""Building a citizen dialogue (issue 17, items 1–2) as the samordnare does, in chromium on
the foundation demo: a new dialogue from the menu, an open survey under it with a yes/no
question and a map question shown only to those who answered yes, the preview, a channel
with its QR poster, and publishing. Every page visited passes axe-core (WCAG 2.0/2.1 A and
AA) with no violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit

pytestmark = pytest.mark.browser

DIALOGUE = "Trygghet i Köpings centrum"
SURVEY = "Trygghetsenkät 2026"
FIRST = "Har du varit i centrum en kväll den senaste månaden?"
MAP = "Markera var i centrum du känner dig otrygg"


def main(page):
    return page.locator("main")


def heading(page):
    return page.get_by_role("heading", level=1)


def button(page, name):
    return main(page).get_by_role("button", name=name, exact=True)


def test_samordnare_builds_a_survey_with_a_map_and_a_conditional_question_and_publishes_it(
    page, live_server, foundation_demo
):
    login(page, live_server, "samordnare", "demo")
    follow(
        page,
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Medborgardialog"
        ),
    )
    expect(heading(page)).to_have_text("Medborgardialog")
    expect(main(page)).to_contain_text("Inga dialoger ännu.")

    follow(page, main(page).get_by_role("link", name="Ny dialog"))
    page.locator("#id_title").fill(DIALOGUE)
    page.get_by_label("Frågeställning").fill("Var och när känner sig invånarna otrygga i centrum?")
    page.get_by_label("Beslutad av").fill("BRÅ 2026-03-12 § 4")
    page.get_by_role("checkbox", name="Trygghetsvandring").check()
    page.locator("#id_starts_on").fill("2026-04-01")
    page.locator("#id_ends_on").fill("2026-06-30")
    page.get_by_label("Så återkopplas resultatet").fill("Ni sa – vi gör på webben i september.")
    submit(page, button(page, "Spara"))
    expect(heading(page)).to_have_text(DIALOGUE)
    expect(main(page)).to_contain_text("Enkät, Trygghetsvandring")

    follow(page, main(page).get_by_role("link", name="Ny enkät"))
    page.locator("#id_title").fill(SURVEY)
    page.get_by_role("radio", name="Öppen länk (självselekterat urval)").check()
    submit(page, button(page, "Spara"))
    expect(heading(page)).to_have_text(SURVEY)
    expect(main(page)).to_contain_text("Inga frågor ännu.")

    # Publishing an empty survey is refused with the reason.
    submit(page, button(page, "Publicera enkäten"))
    expect(main(page)).to_contain_text("En enkät utan frågor kan inte publiceras.")

    follow(page, main(page).get_by_role("link", name="Ett svarsalternativ"))
    page.locator("#id_text").fill(FIRST)
    page.locator("#id_options").fill("ja=Ja\nnej=Nej")
    page.get_by_label("Svarsalternativ på engelska").fill("Yes\nNo")
    submit(page, button(page, "Spara frågan"))
    expect(main(page)).to_contain_text("Frågan är sparad.")

    follow(page, main(page).get_by_role("link", name="Plats på karta"))
    page.locator("#id_text").fill(MAP)
    page.get_by_label("Fråga om tid på dygnet").check()
    page.get_by_label("Fråga om orsak").check()
    page.get_by_role("checkbox", name="Ja", exact=True).check()
    submit(page, button(page, "Spara frågan"))
    expect(main(page)).to_contain_text(f"Visas bara om ”{FIRST}” besvarats med Ja.")
    expect(main(page).locator("ol.questions > li")).to_have_count(2)

    follow(page, main(page).get_by_role("link", name="Förhandsvisa"))
    expect(main(page).get_by_role("group", name=MAP)).to_be_visible()
    expect(main(page)).to_contain_text("Nästa fråga visas bara för den som svarat Ja.")
    follow(page, main(page).get_by_role("link", name="Engelska"))
    expect(main(page).locator('span[lang="en"]', has_text="Yes")).to_be_visible()
    follow(page, main(page).get_by_role("link", name=SURVEY))

    page.get_by_label("Kanal eller plats").fill("Affisch på biblioteket")
    submit(page, button(page, "Lägg till kanalen"))
    expect(main(page)).to_contain_text("Kanalen Affisch på biblioteket har en egen länk")
    follow(page, main(page).get_by_role("link", name="Affisch Affisch på biblioteket"))
    expect(heading(page)).to_have_text(SURVEY)
    expect(main(page).locator("figure.poster__qr svg")).to_be_visible()
    expect(main(page)).to_contain_text(re.compile(r"/enkat/[\w-]+/\?kanal=[\w-]+"))
    follow(page, main(page).get_by_role("link", name=SURVEY))

    submit(page, button(page, "Publicera enkäten"))
    expect(main(page)).to_contain_text("Version 1 är publicerad och öppen för svar.")
    expect(main(page)).to_contain_text("Öppen för svar")
    # A change now goes into version 2; version 1 stays as answered.
    expect(main(page)).to_contain_text("Ändrar du något skapas version 2 som ett utkast")
