"""Journey: an export larger than a direct download is ordered from the report list, made in
the background with its progress shown, and downloaded from its page (issue 15 item 4).
Every page it visits is checked with axe-core (conftest)."""

import csv
import re
from io import StringIO

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.reports import exports

pytestmark = pytest.mark.browser


def main(page):
    return page.locator("main")


def test_analyst_orders_a_large_export_and_downloads_it_from_its_page(
    page, live_server, demo, monkeypatch
):
    # The demo has a few thousand reports: a small limit makes its whole list "large".
    monkeypatch.setattr(exports, "DIRECT_LIMIT", 100)
    login(page, live_server, "analytiker", "demo")
    visit(page, f"{live_server.url}/rapporter/")
    follow(page, main(page).get_by_role("link", name="Exportera CSV"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stor export")
    expect(main(page)).to_contain_text("tas fram i bakgrunden")
    submit(page, main(page).get_by_role("button", name="Ta fram exporten som CSV"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Export av rapporter")
    status = main(page).get_by_role("status")
    expect(status).to_contain_text(re.compile(r"Exporten är klar: \d+ rapporter\."))
    link = main(page).get_by_role("link", name=re.compile(r"^Ladda ned rapporter-.*\.csv$"))
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), encoding="utf-8-sig") as fh:
        rows = list(csv.reader(StringIO(fh.read()), delimiter=";"))
    assert rows[0] == exports.HEADERS
    assert len(rows) - 1 == int(re.search(r"(\d+) rapporter", status.inner_text()).group(1))
