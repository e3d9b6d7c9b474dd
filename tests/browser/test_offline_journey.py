"""Offline field work (issue 16) on a 390 px phone as the rapportör: the report form opens
from the service worker's cache, reports with photos wait in the outbox while the network
is off, survive a reload, and each arrives exactly once when the network returns — also the
one whose reply was lost after the server stored it. Every page passes axe-core."""

import io
import re

import pytest
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import allow_failed_requests, axe_check, login, visit
from tests.browser.test_basemap_journey import CANVAS_DRAWN
from trygg.reports.models import Photo, Report

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "service_workers": "allow",
}
FORM = "/rapporter/ny/"
# What the outbox asks and sends: without a network these fail, and the tests refuse some.
OUTBOX_URLS = ("/konto/session.json", "/rapporter/ny/skicka.json")
ENDPOINT = "**/rapporter/ny/skicka.json"


def photo(colour) -> dict:
    out = io.BytesIO()
    image = Image.new("RGB", (3000, 2000), colour)
    exif = Image.Exif()
    exif[0x010F] = "Trygg Testkamera"
    image.save(out, "JPEG", exif=exif)
    return {"name": "IMG_1.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def outbox_items(page):
    return page.locator("[data-outbox-list] li.outbox__item")


def poll(page, predicate, *, seconds=15):
    """Until `predicate` (a JS function) is true. Polled from Python: wait_for_function
    compiles its predicate with eval, which the app's CSP (script-src 'self') refuses."""
    for _ in range(seconds * 10):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"väntade förgäves på {predicate}")


def open_under_worker(page, url):
    """Waits until the service worker is active, then opens `url` through it: a page whose
    navigation began before the worker activated stays uncontrolled until the next one."""
    # Polled from Python: wait_for_function compiles its predicate with eval, which the
    # app's CSP (script-src 'self') refuses.
    active = "() => navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))"
    for _ in range(150):
        if page.evaluate(active):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("tjänstearbetaren blev aldrig aktiv")
    visit(page, url)
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")


def fill_report(page, description, colour):
    page.get_by_label("Vad gäller det?").select_option(label="Krossad ruta")
    page.get_by_label("Latitud").fill("59.5140")
    page.get_by_label("Longitud").fill("15.9926")
    page.get_by_label("Beskrivning").fill(description)
    page.get_by_label("Foto").set_input_files(photo(colour))


def test_reports_filed_offline_arrive_exactly_once_with_receipts(new_context, live_server, demo):
    context = new_context(**PHONE)
    phone = context.new_page()
    allow_failed_requests(phone, *OUTBOX_URLS)
    login(phone, live_server, "rapportor", "demo")
    visit(phone, FORM)
    # Opened once online under the worker, the form is kept for offline use, and so is the
    # basemap its map picker reads (the whole PMTiles file, once).
    open_under_worker(phone, FORM)
    poll(phone, "() => caches.open('trygg-basemap').then(c => c.keys()).then(k => k.length > 0)")

    # The manifest as Chromium itself parses it: installable, no errors.
    cdp = context.new_cdp_session(phone)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert '"short_name": "Trygg"' in manifest["data"]

    context.set_offline(True)
    for description, colour in (
        ("Krossad ruta vid busshållplatsen", (200, 30, 30)),
        ("Krossad ruta i cykelgaraget", (30, 30, 200)),
    ):
        fill_report(phone, description, colour)
        phone.get_by_role("button", name="Skicka rapporten").click()
        expect(phone.locator("[data-outbox-status]")).to_contain_text("sparad i enheten")
        expect(phone.get_by_label("Beskrivning")).to_have_value("")
    expect(outbox_items(phone)).to_have_count(2)
    for i in range(2):
        expect(outbox_items(phone).nth(i)).to_contain_text("Köad")
    axe_check(phone)

    # Reloaded without a network: the page comes from the worker, the queue from IndexedDB,
    # and the map picker draws the basemap from the kept file.
    visit(phone, FORM)
    poll(phone, "() => Number(document.getElementById('pick-map').dataset.basemapTiles || 0) > 0")
    assert phone.locator("#pick-map").get_attribute("data-basemap") == "offline"
    assert phone.evaluate(CANVAS_DRAWN)
    expect(outbox_items(phone)).to_have_count(2)
    expect(outbox_items(phone).filter(has_text="Köad")).to_have_count(2)

    # The server stores the first report, but its reply never reaches the phone.
    calls = []

    def lose_first_reply(route):
        calls.append(route.request.post_data_buffer)
        response = route.fetch()
        if len(calls) == 1:
            assert response.status == 201
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    context.route(ENDPOINT, lose_first_reply)
    context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    # The lost reply leaves its item "skickad"; the next sync (focus, open, every minute)
    # retries it with the same UUID. Opening the app again is one such moment.
    expect(outbox_items(phone).filter(has_text="Mottagen")).to_have_count(1, timeout=20_000)
    visit(phone, FORM)
    expect(outbox_items(phone).filter(has_text="Mottagen")).to_have_count(2, timeout=20_000)
    assert len(calls) == 3  # two reports, one of them twice

    with scopes_disabled():
        stored = list(
            Report.objects.filter(description__startswith="Krossad ruta").filter(
                description__in=["Krossad ruta vid busshållplatsen", "Krossad ruta i cykelgaraget"]
            )
        )
        assert len(stored) == 2
        assert Photo.objects.filter(report__in=stored).count() == 2
        for report in stored:
            with Photo.objects.get(report=report).image.open("rb") as fh:
                data = fh.read()
            assert b"Testkamera" not in data
            # Resized on the phone: the longer side is at most 2,048 px.
            assert max(Image.open(io.BytesIO(data)).size) <= 2048
    links = outbox_items(phone).get_by_role("link", name=re.compile(r"Rapport nr \d+"))
    expect(links).to_have_count(2)
    numbers = {int(re.search(r"\d+", links.nth(i).inner_text()).group()) for i in range(2)}
    assert numbers == {r.pk for r in stored}
    axe_check(phone)


def test_a_full_phone_says_so_and_keeps_the_form(new_context, live_server, demo):
    context = new_context(**PHONE)
    context.add_init_script(
        "window.TryggOutboxTestHooks = {beforeWrite: function () {"
        " throw new DOMException('Kvoten är slut', 'QuotaExceededError'); }};"
    )
    phone = context.new_page()
    allow_failed_requests(phone, *OUTBOX_URLS)
    login(phone, live_server, "rapportor", "demo")
    visit(phone, FORM)
    fill_report(phone, "Klotter på skolans vägg", (10, 120, 10))
    phone.get_by_role("button", name="Skicka rapporten").click()
    expect(phone.locator("[data-outbox-status]")).to_contain_text(
        "Enheten har inte plats för fler utkast"
    )
    expect(phone.get_by_label("Beskrivning")).to_have_value("Klotter på skolans vägg")
    axe_check(phone)
    with scopes_disabled():
        assert not Report.objects.filter(description="Klotter på skolans vägg").exists()


def test_a_refused_report_stays_in_the_outbox_until_it_is_changed(new_context, live_server, demo):
    context = new_context(**PHONE)
    phone = context.new_page()
    allow_failed_requests(phone, *OUTBOX_URLS)
    login(phone, live_server, "rapportor", "demo")
    visit(phone, FORM)
    open_under_worker(phone, FORM)
    context.set_offline(True)
    fill_report(phone, "Trasig belysning i gångtunneln", (90, 90, 0))
    phone.get_by_label("Foto").set_input_files(
        {"name": "bild.jpg", "mimeType": "image/jpeg", "buffer": b"inte en bild"}
    )
    phone.get_by_role("button", name="Skicka rapporten").click()
    expect(outbox_items(phone).filter(has_text="Köad")).to_have_count(1)
    context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    item = outbox_items(phone).filter(has_text="Behöver ändras")
    expect(item).to_have_count(1, timeout=20_000)
    expect(item).to_contain_text("Filen är ingen bild som kan läsas")
    axe_check(phone)

    # Changed and sent again, it arrives; nothing was lost or stored twice on the way.
    item.get_by_role("button", name="Ändra").click()
    expect(phone.get_by_label("Beskrivning")).to_have_value("Trasig belysning i gångtunneln")
    phone.get_by_label("Foto").set_input_files(photo((90, 90, 0)))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Skicka rapporten").click()
    expect(phone.get_by_role("status")).to_contain_text(re.compile(r"Tack! Rapport nr \d+"))
    axe_check(phone)
    with scopes_disabled():
        assert Report.objects.filter(description="Trasig belysning i gångtunneln").count() == 1


def test_a_signed_out_phone_keeps_its_queue_until_its_owner_signs_in(
    new_context, live_server, demo
):
    context = new_context(**PHONE)
    phone = context.new_page()
    allow_failed_requests(phone, *OUTBOX_URLS)
    login(phone, live_server, "rapportor", "demo")
    visit(phone, FORM)
    open_under_worker(phone, FORM)
    context.set_offline(True)
    fill_report(phone, "Nedskräpning vid återvinningsstationen", (50, 50, 50))
    phone.get_by_role("button", name="Skicka rapporten").click()
    expect(outbox_items(phone).filter(has_text="Köad")).to_have_count(1)
    # A draft saved six days ago: the phone warns before Safari's seven days run out.
    phone.evaluate(
        """() => TryggOutbox.put({id: TryggOutbox.newId(), created: Date.now() - 6 * 864e5,
             owner: document.documentElement.dataset.user, state: "utkast", label: "Gammalt utkast",
             fields: [], files: [], endpoint: "/rapporter/ny/skicka.json"})"""
    )
    expect(phone.locator("[data-outbox-list]")).to_contain_text("äldre än fem dagar")

    # The session ends while the phone is offline; the network comes back.
    context.clear_cookies()
    context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone.locator("[data-outbox-list]")).to_contain_text("Du är utloggad", timeout=20_000)
    expect(outbox_items(phone).filter(has_text="Köad")).to_have_count(1)
    axe_check(phone)
    with scopes_disabled():
        assert not Report.objects.filter(
            description="Nedskräpning vid återvinningsstationen"
        ).exists()

    # Signed in again, the start page shows the queue and sends it.
    login(phone, live_server, "rapportor", "demo")
    received = outbox_items(phone).filter(has_text="Mottagen")
    expect(received).to_have_count(1, timeout=20_000)
    with scopes_disabled():
        assert (
            Report.objects.filter(description="Nedskräpning vid återvinningsstationen").count() == 1
        )
