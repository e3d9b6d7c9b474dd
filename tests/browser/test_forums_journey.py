"""The forums in the browser: the coordinator opens BRÅ from the menu, adds an external
member, creates a meeting, records § 1 of the year and downloads the minutes, then creates
a calendar address. Every page visited passes axe-core (visit/follow/submit check it)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit

pytestmark = pytest.mark.browser


def test_coordinator_runs_bra_with_members_meeting_decision_and_calendar(page, live_server, demo):
    login(page, live_server, "samordnare", "demo")
    main = page.locator("main")
    follow(page, page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Forum"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum")
    follow(page, main.get_by_role("link", name="Brottsförebyggande rådet (BRÅ)", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Brottsförebyggande rådet (BRÅ)")
    expect(main).to_contain_text("Karin Berg, Kommunstyrelsen – Ordförande (KF § 12/2026)")
    expect(main.get_by_role("table", name="Forumets beslut i år")).to_be_visible()

    # The membership page: an external member by name and organisation.
    follow(page, main.get_by_role("link", name="Ledamöter"))
    page.get_by_label("Namn (extern ledamot)").fill("Eva Ek")
    page.get_by_label("Organisation").fill("Mälardalens brand- och räddningsförbund")
    page.get_by_label("Roll i forumet").select_option(label="Ledamot")
    submit(page, main.get_by_role("button", name="Lägg till"))
    expect(page.get_by_role("status")).to_contain_text("Ledamoten är tillagd.")
    expect(main.get_by_role("table", name="Ledamöter")).to_contain_text("Eva Ek")

    # A meeting, a § decision, the minutes.
    follow(page, main.get_by_role("link", name="Brottsförebyggande rådet (BRÅ)", exact=True))
    follow(page, main.get_by_role("link", name="Nytt möte"))
    when = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Mötestid").fill(when.strftime("%Y-%m-%dT13:00"))
    page.get_by_label("Plats").fill("Stadshuset, sal Mälaren")
    submit(page, main.get_by_role("button", name="Skapa mötet"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Brottsförebyggande rådet \(BRÅ\) \d+ \w+ \d{4} 13:00$")
    )
    decision = main.locator("details").filter(has_text="Anteckna ett beslut")
    decision.get_by_text("Anteckna ett beslut").click()
    decision.locator("textarea[name=what]").fill("Rådet föreslår en trygghetsvandring i Kolsva")
    submit(page, decision.get_by_role("button", name="Spara beslutet"))
    decided = main.get_by_role("table", name="Beslut på mötet")
    expect(decided).to_contain_text(re.compile(rf"§ \d+/{when.year}"))
    with page.expect_download() as download:
        main.get_by_role("link", name="Minnesanteckningar PDF").click()
    assert download.value.suggested_filename == f"minnesanteckningar-koping-bra-{when:%Y%m%d}.pdf"

    # The calendar address, shown once.
    follow(page, main.get_by_role("link", name="Brottsförebyggande rådet (BRÅ)", exact=True))
    follow(page, main.get_by_role("link", name="Prenumerera i kalendern"))
    submit(page, main.get_by_role("button", name="Skapa kalenderadress"))
    address = page.get_by_label("Din kalenderadress (visas bara nu)")
    expect(address).to_have_value(re.compile(r"^http://.+/forum/kalender/[\w-]+\.ics$"))
    response = page.request.get(address.input_value())
    assert response.status == 200 and "BEGIN:VEVENT" in response.text()
