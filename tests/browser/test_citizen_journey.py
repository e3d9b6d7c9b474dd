"""The citizen loop (issue 15 item 10) as a citizen and a coordinator walk it, in chromium,
on the full demo: a citizen on a phone reports with a photo and one tap for the position,
asks for e-mail on status changes and gets a tracking code; the coordinator sees the photo
beside the original text and closes the report with a public reply; the citizen reads the
reply on the tracking page and reopens the report because it is not fixed. Every page
visited passes axe-core (WCAG 2.0/2.1 A and AA) with no violations."""

import re
from io import BytesIO

import pytest
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.reports.models import Photo, Report, StatusSubscription

pytestmark = pytest.mark.browser

# Stora Torget in Köping, inside the municipality's boundary.
LAT, LON = 59.5140, 15.9926
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "permissions": ["geolocation"],
    "geolocation": {"latitude": LAT, "longitude": LON},
}
NOTIFY = "anna.besked@example.se"
REPLY = "Klottret är sanerat. Ring Bo på 070-123 45 67 om du ser mer."
REPLY_SHOWN = "Klottret är sanerat. Ring Bo på [telefonnummer borttaget] om du ser mer."


def main(page):
    return page.locator("main")


def heading(page):
    return page.get_by_role("heading", level=1)


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), (40, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "Trygg Testkamera"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 30.0, 50.4), 3: "E", 4: (15.0, 59.0, 33.4)}  # GPS IFD
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_citizen_reports_with_photo_and_position_follows_the_reply_and_reopens(
    new_context, live_server, demo, mailoutbox
):
    # --- The citizen, on a phone -----------------------------------------------------------
    phone = new_context(**PHONE).new_page()
    visit(phone, "/kommun/koping/rapportera/")
    expect(heading(phone)).to_have_text("Rapportera till Köpings kommun")
    phone.get_by_label("Vad vill du rapportera?").select_option(label="Klotter")
    phone.get_by_label("Var? (adress eller plats)").fill("Stora Torget")
    phone.get_by_role("button", name="Använd min position").tap()
    expect(phone.locator("#gps-status")).to_contain_text("Position hämtad")
    phone.get_by_label("Beskriv vad du sett").fill("Nytt klotter på bänkarna vid torget.")
    phone.get_by_label("Foto (frivilligt)").set_input_files(
        files=[{"name": "klotter.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}]
    )
    expect(phone.locator("#photo-status")).to_contain_text("Vald bild: klotter.jpg.")
    phone.get_by_label("E-post för besked när ärendet ändrar status (frivilligt)").fill(NOTIFY)
    submit(phone, main(phone).get_by_role("button", name="Skicka", exact=True))
    expect(phone).to_have_url(re.compile(r"/kommun/koping/arende/[A-Z0-9]+/\?ny=1$"))
    expect(main(phone).get_by_role("status")).to_contain_text("Tack! Din rapport är mottagen.")
    code = heading(phone).inner_text().removeprefix("Ärende ")
    expect(main(phone).locator("ol.history")).to_contain_text("Rapporten togs emot.")
    tracking_url = f"/kommun/koping/arende/{code}/"

    with scopes_disabled():
        report = Report.objects.get(tracking_code=code)
        photo = Photo.objects.get(report=report)
        assert (report.lat, report.lon, report.precision) == (LAT, LON, "punkt")
        assert StatusSubscription.objects.get(report=report).email == NOTIFY
    assert photo.from_citizen
    with photo.image.open("rb") as fh:
        assert len(Image.open(BytesIO(fh.read())).getexif()) == 0

    # --- The coordinator sees the photo beside the original and closes with a reply ------
    staff = new_context().new_page()
    login(staff, live_server, "samordnare", "demo")
    visit(staff, f"/rapporter/{report.pk}/")
    expect(main(staff)).to_contain_text("Medborgaren skickade ett foto.")
    expect(main(staff).get_by_role("img", name=re.compile("Medborgarens foto"))).to_have_count(0)
    follow(staff, main(staff).get_by_role("link", name="Visa originaltext och foto (loggas)"))
    expect(
        main(staff).get_by_role("img", name="Medborgarens foto 1 till rapporten")
    ).to_be_visible()
    expect(main(staff)).not_to_contain_text(NOTIFY)
    status_form = main(staff).locator("form[action$='/status/']")
    status_form.get_by_label("Ny status").select_option(label="Avslutad")
    status_form.get_by_label("Svar till medborgaren (frivilligt)").fill(REPLY)
    submit(staff, status_form.get_by_role("button", name="Spara status"))
    expect(main(staff)).to_contain_text("Avslutad")

    # The citizen asked for mail: one, with the reply masked and an unsubscribe link.
    assert [m.to for m in mailoutbox] == [[NOTIFY]]
    assert REPLY_SHOWN in mailoutbox[0].body and "/sluta-bevaka/" in mailoutbox[0].body

    # --- The citizen reads the reply, finds it not fixed and reopens -----------------------
    visit(phone, tracking_url)
    history = main(phone).locator("ol.history")
    expect(history).to_contain_text("Ny status: Avslutad.")
    expect(history).to_contain_text(f"Svar från kommunen: {REPLY_SHOWN}")
    expect(main(phone)).not_to_contain_text("070-123 45 67")
    phone.get_by_label("Vad är inte åtgärdat?").fill("Klottret på den norra bänken är kvar.")
    submit(phone, main(phone).get_by_role("button", name="Inte åtgärdat – öppna igen"))
    expect(main(phone).get_by_role("status")).to_contain_text("Ärendet är öppnat igen.")
    expect(main(phone).locator("dl.facts")).to_contain_text("Ny")
    expect(history).to_contain_text(
        "Du öppnade ärendet igen: Klottret på den norra bänken är kvar."
    )

    # --- Back in the coordinator's queue -------------------------------------------------
    visit(staff, f"/rapporter/{report.pk}/")
    expect(main(staff).locator(".status").first).to_have_text("Ny")
    expect(main(staff).locator("ol.history")).to_contain_text("Öppnad igen av medborgaren")
