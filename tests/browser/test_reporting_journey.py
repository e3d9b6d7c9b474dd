"""The reporting journeys (issue "Inrapporteringssystem") as new users walk them, in chromium,
on the full demo: a field worker reports from a phone with position and photo, the
coordinator finds, maps, assigns and closes the report, and a citizen reports through the
public form, with and without JavaScript, while personal data stays masked. Every page
visited passes axe-core (WCAG 2.0/2.1 A and AA) with no violations."""

import io
import re

import pytest
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.core.models import AuditEvent
from trygg.reports.models import Report

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "permissions": ["geolocation"],
    "geolocation": {"latitude": 59.5140, "longitude": 15.9926},
}
DESCRIPTION = "Krossad ruta i busskuren vid Glasgatan, glaset ligger kvar på trottoaren"


def main(page):
    return page.locator("main")


def heading(page):
    return page.get_by_role("heading", level=1)


def photo_with_exif() -> bytes:
    """A small JPEG from a phone camera, with the camera's make and a GPS position."""
    image = Image.new("RGB", (640, 480), (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Trygg Testkamera"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 30.0, 50.4), 3: "E", 4: (15.0, 59.0, 33.4)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert b"Exif" in data
    return data


def no_horizontal_scroll(page):
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} rullar i sidled vid {width} px ({scroll_width} px)"


def test_field_worker_reports_from_phone_and_coordinator_handles_it(new_context, live_server, demo):
    # --- The field worker, on a phone ---------------------------------------------------
    phone = new_context(**PHONE).new_page()
    login(phone, live_server, "rapportor", "demo")
    nav = phone.get_by_role("navigation", name="Huvudmeny")
    # On a phone the menu is folded behind its button (test_phone_layout_journey).
    nav.get_by_role("button", name="Meny").tap()
    follow(phone, nav.get_by_role("link", name="Rapporter"))
    follow(phone, main(phone).get_by_role("link", name="Ny rapport"))
    expect(heading(phone)).to_have_text("Ny rapport")
    no_horizontal_scroll(phone)

    phone.get_by_role("button", name="Använd min position").tap()
    expect(phone.locator("#gps-status")).to_contain_text("Position hämtad")
    expect(phone.get_by_label("Latitud")).to_have_value("59.514000")
    expect(phone.get_by_label("Longitud")).to_have_value("15.992600")

    category = phone.get_by_label("Vad gäller det?")
    category.select_option(label="Krossad ruta")
    expect(category.locator("option:checked")).to_have_text("Krossad ruta")
    expect(category.locator("option:checked").locator("xpath=..")).to_have_attribute(
        "label", "Skadegörelse"
    )
    phone.get_by_label("Beskrivning").fill(DESCRIPTION)
    phone.get_by_label("Foto").set_input_files(
        {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": photo_with_exif()}
    )
    submit(phone, main(phone).get_by_role("button", name="Skicka rapporten"))

    expect(phone.get_by_role("status")).to_contain_text(re.compile(r"Tack! Rapport nr \d+"))
    number = re.search(r"Rapport nr (\d+)", phone.get_by_role("status").inner_text()).group(1)
    expect(heading(phone)).to_have_text(f"Rapport {number}: Skadegörelse – Krossad ruta")
    expect(main(phone)).to_contain_text(DESCRIPTION)
    expect(main(phone)).to_contain_text("(59.51400; 15.99260)")
    thumbnail = main(phone).get_by_role("img", name="Foto 1 till rapporten")
    expect(thumbnail).to_be_visible()
    thumbnail.evaluate("img => img.decode()")
    assert thumbnail.evaluate("img => img.naturalWidth") == 320  # the thumbnail, not the photo
    # The stored photo has lost the camera's metadata and position.
    full = phone.request.get(thumbnail.locator("xpath=..").get_attribute("href"))
    assert full.ok and full.headers["content-type"] == "image/jpeg"
    assert b"Exif" not in full.body() and b"Testkamera" not in full.body()
    no_horizontal_scroll(phone)

    # --- The coordinator, at a desk --------------------------------------------------------
    page = new_context().new_page()
    login(page, live_server, "samordnare", "demo")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    follow(page, nav.get_by_role("link", name="Rapporter"))
    expect(heading(page)).to_have_text("Rapporter")
    page.get_by_text("Filtrera och sortera").click()
    page.get_by_label("Kategori").select_option(label="Krossad ruta")
    page.get_by_label("Fritext").fill("Glasgatan")
    submit(page, page.locator("#filterform").get_by_role("button", name="Visa"))
    expect(main(page).get_by_role("status")).to_have_text("1 rapport")
    row = main(page).get_by_role("row").filter(has=page.get_by_role("link", name=number))
    expect(row).to_contain_text("Krossad ruta")
    expect(row).to_contain_text("Tekniska förvaltningen")

    follow(page, main(page).get_by_role("link", name="Visa på karta"))
    expect(heading(page)).to_have_text("Karta över rapporter")
    expect(page.locator("#map-status")).to_have_text(
        re.compile(r"^1 rapport med exakt plats i kartbilden")
    )
    follow(page, main(page).get_by_role("link", name="listan över rapporter"))
    expect(main(page).get_by_role("status")).to_have_text("1 rapport")

    follow(page, main(page).get_by_role("link", name=number, exact=True))
    expect(heading(page)).to_have_text(f"Rapport {number}: Skadegörelse – Krossad ruta")
    page.get_by_label("Tilldela organisation").select_option(label="Tekniska förvaltningen")
    submit(page, main(page).get_by_role("button", name="Tilldela", exact=True))
    expect(page.get_by_role("status")).to_contain_text("Ändringen är sparad.")
    for status in ("Åtgärdas", "Avslutad"):
        page.get_by_label("Ny status").select_option(label=status)
        submit(page, main(page).get_by_role("button", name="Spara status"))
        expect(page.get_by_role("status")).to_contain_text("Ändringen är sparad.")
    expect(main(page).locator(".status").first).to_have_text("Avslutad")

    history = main(page).locator("ol.history").get_by_role("listitem")
    expect(history).to_have_count(5)
    expect(history.nth(0)).to_contain_text("Rami Rapportör: Skapad")
    expect(history.nth(1)).to_contain_text("Rami Rapportör: Foto tillagt")
    expect(history.nth(2)).to_contain_text("Sara Samordnare: Tilldelad – Tekniska förvaltningen")
    expect(history.nth(3)).to_contain_text("Sara Samordnare: Status ändrad (Ny → Åtgärdas)")
    expect(history.nth(4)).to_contain_text("Sara Samordnare: Status ändrad (Åtgärdas → Avslutad)")


CITIZEN_TEXT = (
    "Nytt klotter på bänkarna vid Stora Torget. Han som gjorde det heter 19811218-9876 "
    "och går att nå på 070-123 45 67."
)


def citizen_fills_in_the_form(page, *, place, text):
    expect(heading(page)).to_have_text("Rapportera till Köpings kommun")
    page.get_by_label("Vad vill du rapportera?").select_option(label="Klotter")
    page.get_by_label("Var? (adress eller plats)").fill(place)
    page.get_by_label("Beskriv vad du sett").fill(text)


def send_again_as_text(page, place):
    """A place the gazetteer does not know is said on the form, the text kept; sending
    again stores it as text only (issue 15)."""
    expect(main(page)).to_contain_text(f"Vi hittar ingen adress eller plats som heter ”{place}”.")
    expect(page.get_by_label("Var? (adress eller plats)")).to_have_value(place)
    submit(page, main(page).get_by_role("button", name="Skicka", exact=True))


def test_citizen_reports_and_personal_data_stays_masked(page, new_context, live_server, demo):
    visit(page, "/")
    follow(page, main(page).get_by_role("link", name="Rapportera något som känns otryggt"))
    citizen_fills_in_the_form(page, place="Stora Torget", text=CITIZEN_TEXT)
    # The page solves a proof-of-work challenge before the form is sent.
    submit(page, main(page).get_by_role("button", name="Skicka", exact=True))
    send_again_as_text(page, "Stora Torget")
    expect(page).to_have_url(re.compile(r"/kommun/koping/arende/[A-Z0-9]+/\?ny=1$"))
    expect(main(page).get_by_role("status")).to_contain_text("Tack! Din rapport är mottagen.")
    expect(heading(page)).to_have_text(re.compile(r"^Ärende [A-Z0-9]{6,}$"))
    code = heading(page).inner_text().removeprefix("Ärende ")
    facts = main(page).locator("dl.facts")
    expect(facts).to_contain_text(code)
    expect(facts).to_contain_text("Skadegörelse – Klotter")
    expect(facts).to_contain_text("Ny")
    expect(main(page)).to_contain_text(
        "heter [personnummer borttaget] och går att nå på [telefonnummer borttaget]."
    )
    expect(main(page)).not_to_contain_text("19811218-9876")
    expect(main(page)).to_contain_text("Personuppgifter i texten har maskerats.")

    # The analyst finds the citizen's report; the text stays masked for them.
    analyst = new_context().new_page()
    login(analyst, live_server, "analytiker", "demo")
    number = find_newest_citizen_report(analyst, "Stora Torget")
    follow(analyst, main(analyst).get_by_role("link", name=number, exact=True))
    expect(heading(analyst)).to_have_text(f"Rapport {number}: Skadegörelse – Klotter")
    expect(main(analyst)).to_contain_text("(Medborgare)")
    expect(main(analyst)).to_contain_text("heter [personnummer borttaget]")
    expect(main(analyst)).not_to_contain_text("19811218-9876")
    expect(main(analyst)).not_to_contain_text("070-123 45 67")
    expect(main(analyst)).to_contain_text("Personuppgifter i texten är maskerade.")
    expect(main(analyst).get_by_role("link", name="Visa originaltext (loggas)")).to_have_count(0)
    # The proof-of-work was solved: the report is not marked as unverified.
    expect(main(analyst).locator("ol.history")).to_have_text(re.compile(r"Medborgare: Skapad"))
    expect(main(analyst).locator("ol.history")).not_to_contain_text("webbläsarverifiering")

    # The coordinator, sent the link by the analyst, may read the original text.
    coordinator = new_context().new_page()
    login(coordinator, live_server, "samordnare", "demo")
    visit(coordinator, analyst.url)
    follow(coordinator, main(coordinator).get_by_role("link", name="Visa originaltext (loggas)"))
    expect(main(coordinator)).to_contain_text(CITIZEN_TEXT)
    expect(main(coordinator)).to_contain_text("Du läser originaltexten. Läsningen är loggad.")
    # The reading is in the audit log (which the administrator reads).
    assert AuditEvent.objects.filter(
        event="reports.original_read",
        actor__username="samordnare",
        summary=f"Läste originaltext i rapport #{number}",
    ).exists()


def find_newest_citizen_report(page, text) -> str:
    """Filters the report list to citizens' reports of graffiti matching `text`, newest
    first, and returns the number of the first one."""
    nav = page.get_by_role("navigation", name="Huvudmeny")
    follow(page, nav.get_by_role("link", name="Rapporter"))
    page.get_by_text("Filtrera och sortera").click()
    page.get_by_label("Kategori").select_option(label="Klotter")
    page.get_by_label("Källa").select_option(label="Medborgare")
    page.get_by_label("Fritext").fill(text)
    page.get_by_label("Sortering").select_option(label="Senast rapporterade")
    submit(page, page.locator("#filterform").get_by_role("button", name="Visa"))
    first = main(page).get_by_role("table").get_by_role("row").nth(1)
    expect(first).to_contain_text("Skadegörelse – Klotter")
    expect(first).to_contain_text("Medborgare")
    return first.get_by_role("link").first.inner_text()


def test_citizen_form_works_without_javascript(new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    visit(page, "/")
    follow(page, main(page).get_by_role("link", name="Rapportera något som känns otryggt"))
    expect(page.get_by_role("region", name=re.compile("Karta där du kan klicka"))).to_be_hidden()
    citizen_fills_in_the_form(
        page, place="Gångtunneln vid Resecentrum", text="Klotter över hela tunnelväggen."
    )
    submit(page, main(page).get_by_role("button", name="Skicka", exact=True))
    send_again_as_text(page, "Gångtunneln vid Resecentrum")
    expect(main(page).get_by_role("status")).to_contain_text("Tack! Din rapport är mottagen.")
    expect(heading(page)).to_have_text(re.compile(r"^Ärende [A-Z0-9]{6,}$"))
    expect(main(page)).to_contain_text("Klotter över hela tunnelväggen.")

    # Stored, and marked for the triager as sent without the browser check.
    code = heading(page).inner_text().removeprefix("Ärende ")
    with scopes_disabled():
        report = Report.objects.get(tracking_code=code)
        assert report.source == Report.Source.MEDBORGARE
        assert report.place_name == "Gångtunneln vid Resecentrum"
        assert report.events.filter(text="Skickad utan webbläsarverifiering.").exists()


def test_import_progress_is_shown_in_place_until_the_result_is_one_link_away(
    page, live_server, demo
):
    """An analyst watches a long import: the progress moves without the page reloading, and
    the result is a link when it is done."""
    from trygg.core.models import Municipality
    from trygg.reports.models import ImportJob

    with scopes_disabled():
        koping = Municipality.objects.get(slug="koping")
        job = ImportJob.objects.create(
            municipality=koping,
            kind="polisen",
            filename="handelser.json",
            file="handelser.json",
            status="kor",
            total=10_000,
            processed=2_000,
        )
    login(page, live_server, "analytiker", "demo")
    visit(page, f"{live_server.url}/rapporter/import/{job.pk}/")
    status = main(page).get_by_role("status")
    expect(status).to_have_text("Pågår – 2000 av 10000 (20 %)")
    result = main(page).get_by_role("link", name="Visa resultatet")
    expect(result).to_be_hidden()
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(processed=10_000, status="klar")
    expect(status).to_have_text("Klar – 10000 av 10000 (100 %)", timeout=10_000)
    expect(result).to_be_visible()
    follow(page, result)
    expect(main(page).get_by_role("status")).to_have_text("Klar – 10000 av 10000 (100 %)")


def test_an_import_whose_worker_died_says_so_in_place_and_can_be_started_again(
    page, live_server, demo
):
    """The task worker is killed mid-import: instead of "Pågår" for ever, the page says the
    work was interrupted, and the analyst starts the import again from the result."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from trygg.core.models import Municipality
    from trygg.reports.models import ImportJob

    now = timezone.now()
    with scopes_disabled():
        koping = Municipality.objects.get(slug="koping")
        job = ImportJob(
            municipality=koping,
            kind="polisen",
            filename="handelser.json",
            status="kor",
            queued_at=now,
            started_at=now,
            heartbeat_at=now,
            total=10,
            processed=4,
        )
        job.file.save("handelser.json", ContentFile(b"[]"), save=False)
        job.save()
    login(page, live_server, "analytiker", "demo")
    visit(page, f"{live_server.url}/rapporter/import/{job.pk}/")
    status = main(page).get_by_role("status")
    expect(status).to_have_text("Pågår – 4 av 10 (40 %)")
    with scopes_disabled():
        # The worker's last beat was an hour ago: it is gone.
        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=now - timedelta(hours=1))
    expect(status).to_have_text("Misslyckades – 4 av 10 (40 %)", timeout=10_000)
    follow(page, main(page).get_by_role("link", name="Visa resultatet"))
    expect(main(page)).to_contain_text("Misslyckades: arbetet avbröts. Du kan starta det igen.")
    submit(page, main(page).get_by_role("button", name="Starta importen igen"))
    expect(main(page)).to_contain_text("Importen har startats igen.")
    with scopes_disabled():
        again = ImportJob.objects.exclude(pk=job.pk).get()
    assert page.url == f"{live_server.url}/rapporter/import/{again.pk}/"
