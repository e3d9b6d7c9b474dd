"""The county user (issue 21, "Done when"): `lansstyrelsen` logs in and lands on the county's
overview, sees Köping's and Arboga's published figures side by side and the other
municipalities of Västmanland as "Publicerar inget", opens the law matrix, the measures
library, the cross-border hot spots (run by the worker) and the draft to Brå, and is turned
away from a municipal page. Every page visited passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.county.models import County
from trygg.county.tasks import run_county_hotspots

pytestmark = pytest.mark.browser


def test_lansstyrelsen_sees_the_county_side_by_side_and_no_municipal_page(page, live_server, demo):
    main = page.locator("main")
    login(page, live_server, "lansstyrelsen", "demo")
    expect(page.get_by_role("heading", level=1)).to_have_text("Västmanlands län: översikt")

    members = main.get_by_role("region", name="Kommunerna i länet")
    for name in ("Köping", "Arboga"):
        row = members.get_by_role("row").filter(has_text=name)
        expect(row).to_contain_text("Publicerad")
    expect(members.get_by_role("row").filter(has_text="Sala")).to_contain_text("Publicerar inget")
    side = main.get_by_role("region", name="Sida vid sida")
    expect(side.get_by_role("columnheader", name="Köping")).to_be_visible()
    expect(side.get_by_role("columnheader", name="Arboga")).to_be_visible()
    expect(side.get_by_role("row")).not_to_have_count(1)

    nav = main.get_by_role("navigation", name="Länets sidor")
    follow(page, nav.get_by_role("link", name="Lagens krav"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lagens krav i länets kommuner")
    expect(main.get_by_role("row").filter(has_text="Köping")).to_contain_text(
        re.compile("Uppfyllt|Saknas")
    )
    expect(main.get_by_role("row").filter(has_text="Sala")).to_contain_text("Publicerar inget")

    follow(page, nav.get_by_role("link", name="Åtgärdsbibliotek"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Åtgärdsbibliotek för länet")
    library = main.get_by_role("region", name="Åtgärder")
    expect(library.get_by_role("row").filter(has_text="Köping").first).to_be_visible()

    follow(page, nav.get_by_role("link", name="Brännpunkter över gränserna"))
    expect(main).to_contain_text("Analysen har inte körts ännu.")
    submit(page, main.get_by_role("button", name="Kör analysen"))
    expect(page.get_by_role("status")).to_contain_text("Analysen har startats")
    run_county_hotspots.call(County.objects.get(code="19").pk)  # the task worker's part
    visit(page, "/lan/brannpunkter/")
    expect(main).to_contain_text("Senaste körning")

    follow(page, nav.get_by_role("link", name="Rapport till Brå"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Utkast: länets årliga rapport till Brå"
    )

    # A municipality's own pages are not the county's.
    visit(page, "/rapporter/", expect_status=403)
