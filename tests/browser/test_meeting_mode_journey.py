"""Meeting mode in the browser: the samordnare opens the demo's lägesbildsmöte on the
projector, steps through the agenda with the keyboard (and the buttons), records an insats
in place, and finds it in the minutes. Every page visited passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit
from trygg.lagesbild.tests.test_document_docx import open_docx

pytestmark = pytest.mark.browser


class _Key:
    """A key press that navigates, for `follow` (which checks the page it leads to)."""

    def __init__(self, page, key):
        self.page, self.key = page, key

    def click(self):
        self.page.keyboard.press(self.key)


def test_coordinator_runs_the_lagesbildsmote_from_the_screen(page, live_server, demo):
    login(page, live_server, "samordnare", "demo")
    main = page.locator("main")
    follow(page, page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Forum"))
    follow(page, main.get_by_role("link", name="Lägesbildsmöte", exact=True))
    past = main.get_by_role("region", name="Tidigare möten")
    follow(page, past.get_by_role("link").first)
    follow(page, main.get_by_role("link", name="Mötesläge"))

    # Item 1: the period's lägesbild with its figures and the hot-spot map.
    position = main.locator(".meeting-mode__position")
    expect(position).to_have_text(re.compile(r"^Punkt 1 av \d+$"))
    total = int(position.inner_text().rsplit(" ", 1)[1])
    assert total >= 2
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^1\. Lägesbild "))
    expect(main.locator(".meeting-mode__figures dt").first).to_have_text("Rapporter")
    expect(main.locator("svg.hotspot-map")).to_be_visible()

    # The keyboard steps forward and back; the buttons do the same.
    follow(page, _Key(page, "ArrowRight"))
    expect(position).to_have_text(f"Punkt 2 av {total}")
    follow(page, _Key(page, "PageDown"))
    expect(position).to_have_text(f"Punkt 3 av {total}" if total >= 3 else f"Punkt 2 av {total}")
    follow(page, _Key(page, "ArrowLeft"))
    expect(position).to_have_text(f"Punkt 2 av {total}")
    follow(page, main.get_by_role("link", name="Föregående punkt"))
    expect(position).to_have_text(f"Punkt 1 av {total}")
    follow(page, main.get_by_role("link", name="Nästa punkt"))
    expect(position).to_have_text(f"Punkt 2 av {total}")

    # An insats decided in place; typing in the form does not turn the page.
    decision = main.locator("details").filter(has_text="Besluta om en insats")
    decision.get_by_text("Besluta om en insats").click()
    what = decision.get_by_label("Insats")
    what.fill("Extra nattvandring vid Resecentrum")
    what.press("ArrowLeft")
    expect(position).to_have_text(f"Punkt 2 av {total}")
    decision.get_by_label("Område").select_option(label="Köping centrala (RegSO)")
    decision.get_by_label("Ansvarig organisation").select_option(label="Väktarbolaget i Köping")
    until = timezone.localdate() + timedelta(days=14)
    decision.get_by_label("Till och med").fill(until.isoformat())
    submit(page, decision.get_by_role("button", name="Spara beslutet"))
    expect(page.get_by_role("status")).to_contain_text("Beslutet är sparat.")
    expect(position).to_have_text(f"Punkt 2 av {total}")
    decided = main.locator(".meeting-mode__decisions")
    expect(decided).to_contain_text(re.compile(r"§ \d+/\d{4} Extra nattvandring vid Resecentrum"))

    # The same decision is the meeting's: on its page and in its minutes.
    follow(page, main.get_by_role("link", name="Lämna mötesläget"))
    expect(main.get_by_role("table", name="Beslut på mötet")).to_contain_text(
        "Extra nattvandring vid Resecentrum"
    )
    with page.expect_download() as download:
        main.get_by_role("link", name="Minnesanteckningar Word").click()
    document = open_docx(open(download.value.path(), "rb").read())
    texts = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Extra nattvandring vid Resecentrum" in texts
