"""A night-walk leader (no account) logs an evening on a 390 px phone through the group's
secret link: fewer than two walkers is refused on the phone, the route is drawn on the map
and typed, an observation is coded to a report category. A second evening is logged with
the network off and arrives once when it is back. The samordnare then turns the observation
into a report with one action. Every page passes axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import allow_failed_requests, axe_check, login, submit, visit
from tests.browser.test_offline_journey import PHONE, open_under_worker, poll
from trygg.core.models import Municipality, Organisation
from trygg.programmes.models import NightWalkLog, NightWalkObservation
from trygg.programmes.tests.nightwalk_helpers import make_group

pytestmark = pytest.mark.browser


@pytest.fixture
def group(foundation_demo):
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        owner = Organisation.objects.get(municipality=koping, name="Säkerhetsavdelningen")
    return make_group(koping, owner, name="Fredagsgruppen")


def test_a_leader_logs_a_walk_on_a_phone_and_an_observation_becomes_a_report(
    new_context, live_server, group
):
    context = new_context(**PHONE)
    phone = context.new_page()
    phone.set_default_navigation_timeout(60_000)  # a shared, loaded machine
    allow_failed_requests(phone, "/konto/session.json", "/logg.json")
    calendar = f"/program/nattvandring/l/{group.link_token}/"
    url = f"{calendar}logg/"
    visit(phone, calendar)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Fredagsgruppen")
    axe_check(phone)
    visit(phone, url)
    open_under_worker(phone, url)
    poll(
        phone,
        "() => caches.open('trygg-nightwalk-links').then(c => c.keys()).then(k => k.length > 0)",
    )
    axe_check(phone)

    # One adult is not a night walk: refused on the phone with the reason, nothing sent.
    phone.get_by_label("Antal vuxna som gick").fill("1")
    phone.get_by_label("Områden och gator ni gick").fill("Stora Torget och Resecentrum")
    phone.get_by_role("button", name="Spara kvällens logg").click()
    expect(phone.locator("[data-log-errors]")).to_contain_text("minst två vuxna")
    axe_check(phone)

    phone.get_by_label("Antal vuxna som gick").fill("3")
    box = phone.locator("#log-map").bounding_box()
    for dx, dy in ((0.3, 0.4), (0.5, 0.5), (0.7, 0.45)):
        phone.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    expect(phone.locator("#route-status")).to_have_text("Rutten har 3 punkter.")
    slot = phone.locator("[data-observation-slot]").first
    slot.get_by_label("Kategori").select_option(label="Klotter")
    slot.get_by_label("Vad ni såg").fill("Nytt klotter på elskåpet")
    slot.get_by_label("Plats i ord").fill("Elskåpet vid torget")
    phone.get_by_label("Orosanmälan gjord").check()
    phone.get_by_role("button", name="Spara kvällens logg").click()
    expect(phone.locator("[data-log-status]")).to_contain_text("mottagen", timeout=20_000)
    axe_check(phone)
    with scopes_disabled():
        log = NightWalkLog.objects.get(group=group)
        assert (log.walkers, len(log.route), log.concern_reported) == (3, 3, True)
        assert log.observations.get().category.code == "klotter"

    # The next evening without coverage: kept on the phone, sent once when the net is back.
    context.set_offline(True)
    visit(phone, url)  # from the worker's cache
    yesterday = timezone.localdate() - timedelta(days=1)
    phone.get_by_label("Kväll").fill(yesterday.isoformat())
    phone.get_by_label("Antal vuxna som gick").fill("2")
    phone.get_by_label("Områden och gator ni gick").fill("Kvarteren norr om torget")
    phone.get_by_role("button", name="Spara kvällens logg").click()
    expect(phone.locator("[data-log-status]")).to_contain_text("skickas när det finns nät")
    expect(phone.locator("[data-log-outbox] li.outbox__item").first).to_contain_text("Köad")
    context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    poll(
        phone,
        "() => document.querySelectorAll('[data-log-outbox] [data-state=mottagen]').length >= 2",
        seconds=20,
    )
    phone.evaluate("window.dispatchEvent(new Event('focus'))")
    phone.wait_for_timeout(500)
    with scopes_disabled():
        assert NightWalkLog.objects.filter(group=group).count() == 2

    # The samordnare makes the observation a report with one action.
    desk = new_context().new_page()
    desk.set_default_navigation_timeout(60_000)
    login(desk, live_server, "samordnare", "demo")
    visit(desk, f"/program/nattvandring/{group.pk}/")
    axe_check(desk)
    submit(desk, desk.get_by_role("button", name="Gör rapport"))
    expect(desk.locator(".messages")).to_contain_text("Observationen är nu rapport nr")
    axe_check(desk)
    with scopes_disabled():
        observation = NightWalkObservation.objects.get(log__group=group)
        assert observation.report is not None
        assert observation.report.category.code == "klotter"
