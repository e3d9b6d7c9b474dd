"""Grannsamverkan's area message (issue 19, item 7): a police user sends a message to two
grannsamverkan areas — first refused for an exact address, the text kept — the task worker
sends it, the message page shows every delivery, and the ombud's page behind the link in
the e-mail shows the message without a login. Every page passes axe."""

from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.core.models import Municipality
from trygg.programmes.models import AreaMessage
from trygg.programmes.neighbourhood_tasks import send_area_message
from trygg.programmes.tests.neighbourhood_helpers import make_neighbourhood

pytestmark = pytest.mark.browser


@pytest.fixture
def areas(foundation_demo):
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        assert get_user_model().objects.filter(username="polis").exists()
    return [
        make_neighbourhood(
            koping, "Karlsdal", ombud=[("Demo Ombud A", "a@example.org", "+46701740605")]
        ),
        make_neighbourhood(
            koping, "Ullvi", lon=16.05, ombud=[("Demo Ombud B", "b@example.org", "")]
        ),
    ]


@override_settings(SMS_BACKEND="trygg.programmes.sms.MemoryGateway")
def test_police_send_an_area_message_and_the_ombud_read_it(page, live_server, areas):
    login(page, live_server, "polis", "demo")
    visit(page, "/program/grannsamverkan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Grannsamverkan")
    follow(page, page.get_by_role("link", name="Skicka områdesmeddelande"))
    page.get_by_label("Karlsdal").check()
    page.get_by_label("Ullvi").check()
    page.get_by_label("Rubrik").fill("Inbrott i villor")
    page.get_by_label("Meddelande").fill("Inbrott på Storgatan 12 i natt. Lås dörrarna.")
    submit(page, page.get_by_role("button", name="Skicka"))
    expect(page.locator("main")).to_contain_text("exakt adress (Storgatan 12)")
    expect(page.get_by_label("Rubrik")).to_have_value("Inbrott i villor")
    expect(page.get_by_label("Karlsdal")).to_be_checked()

    page.get_by_label("Meddelande").fill("Flera inbrott i villor kring Storgatan i natt.")
    submit(page, page.get_by_role("button", name="Skicka"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbrott i villor")
    with scopes_disabled():
        message = AreaMessage.objects.get()
    send_area_message.call(message.pk)  # the task worker's part
    visit(page, f"/program/grannsamverkan/meddelanden/{message.pk}/")
    expect(page.locator("[data-job-text]")).to_have_text("Klar – 3 av 3 (100 %)")
    expect(page.locator("table.responsive tbody tr")).to_have_count(3)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]

    link = next(line for line in mail.outbox[0].body.splitlines() if "/grannsamverkan/m/" in line)
    ombud = page.context.browser.new_context().new_page()
    # The mail's link is built on SITE_URL; the live server answers the same path.
    visit(ombud, live_server.url + urlparse(link.strip()).path)
    expect(ombud.get_by_role("heading", level=1)).to_have_text("Inbrott i villor")
    expect(ombud.locator("main")).to_contain_text("Flera inbrott i villor kring Storgatan")
    expect(ombud.locator("main")).to_contain_text("Karlsdal, Ullvi")
