"""The phone layout in the browser at 390 × 844: the main pages of the demo's roles fit the
width (nothing scrolls sideways, the page nor a part of it), list tables become cards with
their headings as labels, and the menu folds behind a disclosure button — unfolded when
JavaScript is off. Every page visited passes axe-core (visit/follow/submit check it)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, visit

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# Elements wider than their box: the page itself, or a part that would scroll sideways.
OVERFLOWING = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > 390) out.push(`document ${root.scrollWidth}px`);
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if (!["auto", "scroll"].includes(style.overflowX)) continue;
    const wide = el.scrollWidth > el.clientWidth + 1;
    if (wide) out.push(`${el.tagName}.${el.className} ${el.scrollWidth}px`);
  }
  return out;
}"""
PAGES = {
    "samordnare": [
        "/start/",
        "/rapporter/",
        "/rapporter/ny/",
        "/lagesbild/",
        "/forum/",
        "/strategi/medborgarloften/",
        "/strategi/atgardsplaner/",
        "/strategi/statistik/",
        "/strategi/lagesbild/",
        "/strategi/uppfoljning/",
        "/omraden/",
    ],
    "rapportor": ["/start/", "/rapporter/ny/"],
    "analytiker": ["/start/", "/lagesbild/", "/rapporter/"],
}


def _fits(page):
    assert page.evaluate(OVERFLOWING) == [], page.url


@pytest.fixture
def phone(new_context):
    return new_context(**PHONE).new_page()


@pytest.mark.parametrize("role", sorted(PAGES))
def test_the_main_pages_of_each_role_fit_a_phone(phone, live_server, demo, role):
    login(phone, live_server, role, "demo")
    for path in PAGES[role]:
        visit(phone, path)
        _fits(phone)
    if role == "samordnare":
        # A meeting and a report detail, reached as a user would.
        visit(phone, "/forum/")
        follow(phone, phone.locator("main").get_by_role("link", name="Lägesbildsmöte", exact=True))
        _fits(phone)
        region = phone.get_by_role("region", name="Tidigare möten")
        follow(phone, region.get_by_role("link").first)
        _fits(phone)
        visit(phone, "/rapporter/")
        follow(phone, phone.locator("main table tbody a").first)
        _fits(phone)


def test_a_list_table_is_a_card_per_row_with_its_headings_as_labels(phone, live_server, demo):
    login(phone, live_server, "samordnare", "demo")
    visit(phone, "/rapporter/")
    table = phone.locator("main table.responsive").first
    cell = table.locator("tbody tr").first.locator("td[data-label]").first
    label = cell.get_attribute("data-label")
    assert label
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{label}"'
    assert table.locator("thead").bounding_box()["width"] <= 1  # hidden, but still the headers
    assert table.locator("tbody tr").first.evaluate("tr => getComputedStyle(tr).display") == "block"
    expect(phone.get_by_role("table").first).to_be_attached()
    expect(phone.get_by_role("columnheader").first).to_be_attached()


def test_the_menu_folds_behind_a_button_and_unfolds(phone, live_server, demo):
    login(phone, live_server, "samordnare", "demo")
    visit(phone, "/start/")
    nav = phone.get_by_role("navigation", name="Huvudmeny")
    button = nav.get_by_role("button", name="Meny")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Rapporter", exact=True)).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Rapporter", exact=True)).to_be_visible()
    _fits(phone)
    phone.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    button.click()
    follow(phone, nav.get_by_role("link", name="Rapporter", exact=True))
    expect(
        phone.get_by_role("navigation", name="Huvudmeny").get_by_role("button")
    ).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_menu_is_unfolded_and_the_page_still_fits(
    new_context, live_server, demo
):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    login(page, live_server, "samordnare", "demo")
    visit(page, "/rapporter/")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    expect(nav.get_by_role("button", name="Meny")).to_be_hidden()
    expect(nav.get_by_role("link", name="Rapporter", exact=True)).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_the_public_citizen_form_fits_a_phone(phone, live_server, demo):
    visit(phone, "/kommun/koping/rapportera/")
    _fits(phone)
    visit(phone, "/")
    _fits(phone)
