"""The annual follow-up to Kommunstyrelsen from the programmes' and the welfare register's
data (issues 19 and 20, "Done when"): the samordnare opens "Uppföljning" from the menu and
reads, under G4–G7, the sentences the demo's programmes write and, under G8, the welfare
register's aggregates. The page passes axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login

pytestmark = pytest.mark.browser

EXPECTED = {
    "G4": "genomförda aktivitetstillfällen:",
    "G5": "genomförda nattvandringskvällar:",
    "G6": "påbörjade ärenden:",
    "G7": "genomförda träffar och föreläsningar:",
    "G8": "kontroller genomfördes",
}


def test_the_samordnare_reads_g4_to_g8_in_the_annual_follow_up(page, live_server, demo):
    login(page, live_server, "samordnare", "demo")
    follow(page, page.locator("nav.main-nav").get_by_role("link", name="Uppföljning"))
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Årlig uppföljning till Kommunstyrelsen"
    )
    for goal, words in EXPECTED.items():
        # The paragraphs between this goal's heading and the next one.
        sentences = main.locator(f"h2:text-matches('^{goal} ') ~ p").filter(has_text=words)
        expect(sentences.first).to_be_visible()
