"""The start page of each demo role in the browser (issue 15): each sees its own dashboard,
follows a figure to the list behind it, and every page visited passes axe-core; the
rapportör's page works at phone width with one big "Ny rapport"."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login

pytestmark = pytest.mark.browser

# Demo user → (the first panel of their dashboard, a link in it to follow, the h1 it leads to)
ROLES = [
    ("samordnare", "Nya rapporter att bedöma", "nya rapporter att bedöma", "Rapporter"),
    ("analytiker", "Lägesbilden", "Lägesbilden för perioden", "lägesbild"),
    ("polis", "Polisens lägesbild inför mötet", None, None),
    ("radsledamot", "Nästa möte i BRÅ", None, None),
]


@pytest.mark.parametrize(("user", "panel", "link", "heading"), ROLES)
def test_each_role_starts_on_its_dashboard_and_follows_a_figure(
    page, live_server, demo, user, panel, link, heading
):
    login(page, live_server, user, "demo")
    main = page.locator("main")
    region = main.get_by_role("region", name=panel)
    expect(region).to_be_visible()
    if link:
        follow(page, region.get_by_role("link", name=link).first)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def test_the_coordinators_key_figures_are_charts_with_a_text_alternative(page, live_server, demo):
    login(page, live_server, "samordnare", "demo")
    figures = page.locator("main").get_by_role("region", name="Nyckeltal")
    expect(
        figures.get_by_role("img", name="Rapporter per dag, de senaste 28 dagarna")
    ).to_be_visible()
    expect(
        figures.get_by_role("img", name="Skadekostnad per år (mål G2), i år hittills")
    ).to_be_visible()
    follow(page, figures.get_by_role("link", name="skadekostnad i år (G2)"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapporter")


def test_the_rapportor_reports_from_the_big_button_at_phone_width(new_context, live_server, demo):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    login(page, live_server, "rapportor", "demo")
    button = page.locator("main").get_by_role("link", name="Ny rapport", exact=True)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 48
    expect(
        page.locator("main").get_by_role("region", name="Mina senaste rapporter")
    ).to_be_visible()
    follow(page, button)
    expect(page.get_by_role("heading", level=1)).to_contain_text("rapport")
