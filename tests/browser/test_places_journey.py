"""Places that land on the map (issue 15), in chromium on the full demo: a citizen types
"Nibblesbacke", picks the suggestion with the keyboard and sends; the samordnare finds the
report in that district's row of the lägesbild. An administrator imports an address file
(SWEREF 99 TM) and a field worker's "Storgatan 3" then lands at that address. Every page
visited passes axe-core (WCAG 2.0/2.1 A and AA) with no violations."""

import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pyproj import Transformer

from tests.browser.conftest import axe_check, follow, login, submit, visit
from trygg.reports.models import Report

pytestmark = pytest.mark.browser

# A point in Köping's centre, written into the address file in SWEREF 99 TM.
STORGATAN_3 = (59.5140, 15.9926)


def main(page):
    return page.locator("main")


def district_count(page, name: str) -> int:
    today = timezone.localdate().isoformat()
    visit(page, f"/lagesbild/?fran={today}&till={today}")
    table = page.get_by_role("region", name="Rapporter per stadsdel")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
    return int(row.get_by_role("cell").first.inner_text())


def test_a_citizen_types_nibblesbacke_and_the_report_is_in_that_districts_row(
    new_context, live_server, demo
):
    coordinator = new_context().new_page()
    login(coordinator, live_server, "samordnare", "demo")
    before = district_count(coordinator, "Nibblesbacke")

    page = new_context().new_page()
    visit(page, "/kommun/koping/rapportera/")
    page.get_by_label("Vad vill du rapportera?").select_option(label="Klotter")
    place = page.get_by_role("combobox", name="Var? (adress eller plats)")
    place.press_sequentially("Nibbl", delay=30)
    listbox = page.get_by_role("listbox", name="Förslag på platser")
    expect(listbox).to_be_visible()
    expect(place).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=re.compile(r"^Nibblesbacke – Stadsdel$"))
    expect(option).to_be_visible()
    expect(page.locator("main [role=status]").filter(has_text="förslag")).to_have_count(1)
    axe_check(page)  # the open list too
    place.press("ArrowDown")
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    expect(place).to_have_attribute("aria-activedescendant", re.compile(r"^place-options-"))
    place.press("Enter")
    expect(place).to_have_value("Nibblesbacke")
    expect(listbox).to_be_hidden()
    page.get_by_label("Beskriv vad du sett").fill("Klotter på elskåpet vid lekplatsen.")
    submit(page, main(page).get_by_role("button", name="Skicka", exact=True))
    expect(page).to_have_url(re.compile(r"/kommun/koping/arende/[A-Z0-9]+/\?ny=1$"))

    with scopes_disabled():
        report = Report.objects.get(source="medborgare", place_name="Nibblesbacke")
        assert (report.precision, report.lat) == ("omrade", None)
    assert district_count(coordinator, "Nibblesbacke") == before + 1

    # On the map it is part of Nibblesbacke's count, not a point of its own.
    visit(coordinator, "/rapporter/karta/?q=elsk%C3%A5pet+vid+lekplatsen")
    expect(coordinator.locator("#map-status")).to_contain_text(
        "1 placerade i en stadsdel visas som stadsdelens antal"
    )
    expect(coordinator.locator(".area-count")).to_have_count(1)
    expect(coordinator.locator(".area-count")).to_have_text("1")
    axe_check(coordinator)


def test_an_imported_address_file_places_storgatan_3(new_context, live_server, demo, tmp_path):
    to_sweref = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    east, north = to_sweref.transform(STORGATAN_3[1], STORGATAN_3[0])
    path = tmp_path / "adresser-koping.csv"
    path.write_text(
        "Gatunamn;Nummer;Bokstav;Postnummer;Postort;N;E\n"
        f"Storgatan;3;;731 30;Köping;{north:.3f};{east:.3f}\n"
        f"Storgatan;3;B;731 30;Köping;{north + 12:.3f};{east:.3f}\n",
        encoding="utf-8",
    )
    admin = new_context().new_page()
    login(admin, live_server, "admin", "demo")
    visit(admin, "/omraden/")
    follow(admin, main(admin).get_by_role("link", name="Adressregister"))
    admin.get_by_label("Adressfil").set_input_files(str(path))
    admin.get_by_label("Filformat").select_option(label="CSV med SWEREF 99 TM (EPSG:3006)")
    submit(admin, main(admin).get_by_role("button", name="Importera"))
    expect(main(admin).get_by_role("status")).to_contain_text("2 adresser importerade")

    field = new_context().new_page()
    login(field, live_server, "rapportor", "demo")
    visit(field, "/rapporter/ny/")
    field.get_by_label("Vad gäller det?").select_option(label="Klotter")
    place = field.get_by_role("combobox", name="Plats (adress eller platsnamn)")
    place.press_sequentially("storgatan 3", delay=30)
    options = field.get_by_role("listbox", name="Förslag på platser").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_have_text("Storgatan 3, Köping – adress")
    place.press("ArrowDown")
    place.press("Enter")
    expect(place).to_have_value("Storgatan 3, Köping")
    field.get_by_label("Beskrivning").fill("Klotter på porten.")
    submit(field, main(field).get_by_role("button", name="Skicka rapporten"))
    expect(main(field)).to_contain_text("Den ligger på adressen Storgatan 3, Köping.")
    expect(main(field)).to_contain_text("adress eller namngiven plats")
    with scopes_disabled():
        report = Report.objects.get(place_name="Storgatan 3, Köping")
    assert (report.precision, round(report.lat, 5), round(report.lon, 5)) == (
        "adress",
        *STORGATAN_3,
    )
