"""Journey: the samordnare opens a survey's results, breaks them down by DeSO, sees the small
groups written as "färre än 5", and downloads the figures as CSV (issue 17 item 4). Every
page it visits is checked with axe-core (conftest)."""

import csv
from io import StringIO

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import login, submit, visit
from trygg.core.models import Municipality
from trygg.dialog.models import Survey
from trygg.dialog.services.results_export import HEADERS
from trygg.dialog.tests.results_helpers import add_answers, make_survey
from trygg.geo.models import Area

pytestmark = pytest.mark.browser


def _survey():
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        desos = list(
            Area.objects.filter(municipality=koping, kind="deso")
            .order_by("code")
            .values_list("code", flat=True)[:3]
        )
    survey = make_survey(koping, mode=Survey.Mode.OPEN)
    add_answers(
        survey,
        [(desos[0], "kvinna", "25-44", {"q0": "1"})] * 20
        + [(desos[0], "man", "25-44", {"q0": "3"})] * 3
        + [(desos[1], "kvinna", "45-64", {"q0": "1"})] * 30
        + [(desos[1], "man", "45-64", {"q0": "3"})] * 10
        + [(desos[2], "kvinna", "65-", {"q0": "2"})] * 25,
    )
    return survey


def test_samordnare_reads_results_per_deso_with_small_groups_hidden_and_downloads_csv(
    page, live_server, foundation_demo
):
    survey = _survey()
    login(page, live_server, "samordnare", "demo")
    visit(page, f"{live_server.url}/dialog/enkater/{survey.pk}/resultat/")
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultat: Trygghetsenkät")
    expect(main).to_contain_text("Öppen länk – självselekterat urval, ovägt")

    page.get_by_label("Dela upp efter").select_option(label="DeSO")
    submit(page, main.get_by_role("button", name="Visa"))
    table = main.locator("table.results")
    expect(table.locator("caption")).to_have_text("Fråga 0: hur trygg känner du dig? – DeSO")
    expect(table.get_by_role("cell", name="färre än 5")).to_have_count(1)

    with page.expect_download() as info:
        main.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), encoding="utf-8-sig") as fh:
        rows = list(csv.reader(StringIO(fh.read()), delimiter=";"))
    assert rows[0] == HEADERS
    assert sum(r[5] == "färre än 5" for r in rows[1:]) == 1
    assert {r[2] for r in rows[1:]} == {"DeSO"}
