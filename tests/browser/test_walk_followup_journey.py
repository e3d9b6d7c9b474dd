"""From observation to measure (issue 18, items 4–5) as the walk's leader does it, in
chromium: two observations become two findings (one owned by a municipal organisation, one
by Trafikverket), one becomes a measure in the åtgärdsplan, and the protocol PDF names both
findings. Every page visited passes axe-core (WCAG 2.0/2.1 A and AA) with no violations."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import follow, login, submit, visit
from tests.helpers import make_area, viewer_for
from trygg.core.models import Municipality
from trygg.strategy import services as strategy
from trygg.walks.tests.followup_data import add_observation, make_walk

pytestmark = pytest.mark.browser


@pytest.fixture
def walk(foundation_demo):
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        leader = get_user_model().objects.get(username="samordnare")
    area = make_area(koping, "Vandringsområde Centrum", lon=15.99, lat=59.51, d=0.004)
    walk = make_walk(koping, leader, area=area)
    add_observation(walk, "belysning", 0, "Mörk gångtunnel", lat=59.509, lon=15.988, photos=(True,))
    add_observation(walk, "sikt", 1, "Buskage skymmer busshållplatsen", lat=59.511, lon=15.993)
    year = timezone.localdate().year
    with scope(municipality=koping):
        strategy.plan_save(
            viewer=viewer_for(leader, koping), title="Åtgärdsplan för vandringen",
            start_year=year, end_year=year + 1, picture=None, follow_up_months=3,
        )  # fmt: skip
    return walk


def _main(page):
    return page.locator("main")


def _new_finding(page, observation, title, proposal, *, organisation="", owner="", email=""):
    details = _main(page).locator("details").filter(has_text="Ny brist från observationer")
    if not details.get_attribute("open") == "":
        details.locator("summary").click()
    form = details.locator("form")
    form.get_by_label(observation).check()
    form.get_by_label("Brist:", exact=True).fill(title)
    form.get_by_label("Förslag till åtgärd").fill(proposal)
    if organisation:
        form.get_by_label("Ansvarig organisation i kommunen").select_option(label=organisation)
    if owner:
        form.get_by_label("Extern ansvarig").fill(owner)
    if email:
        form.get_by_label("E-post till ansvarig").fill(email)
    deadline = timezone.localdate() + timedelta(days=30)
    form.get_by_label("Svar senast").fill(deadline.isoformat())
    submit(page, form.get_by_role("button", name="Spara bristen"))
    expect(page.get_by_role("status")).to_contain_text("Bristen är registrerad.")


def test_leader_turns_observations_into_findings_and_one_into_a_measure(page, live_server, walk):
    login(page, live_server, "samordnare", "demo")
    visit(page, f"/vandringar/{walk.pk}/brister/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Brister och åtgärder: Kvällsvandring i centrum"
    )
    expect(_main(page).locator("table tbody tr")).to_have_count(2)

    _new_finding(
        page, "1. Belysning, poäng 0: Mörk gångtunnel", "Mörk gångtunnel",
        "Byt armaturerna och sätt upp fler lampor.", organisation="Tekniska förvaltningen",
    )  # fmt: skip
    _new_finding(
        page, "2. Sikt och överblick, poäng 1: Buskage skymmer busshållplatsen",
        "Buskage vid busshållplatsen", "Klipp ner buskaget.", owner="Trafikverket",
        email="region.mitt@trafikverket.example",
    )  # fmt: skip

    tunnel = (
        _main(page)
        .locator("section")
        .filter(has=page.get_by_role("heading", name="Mörk gångtunnel"))
    )
    submit(page, tunnel.get_by_role("button", name="Gör till åtgärd i åtgärdsplanen"))
    expect(page.get_by_role("status")).to_contain_text(
        "Bristen är nu åtgärden ”Mörk gångtunnel” i åtgärdsplanen."
    )
    tunnel = (
        _main(page)
        .locator("section")
        .filter(has=page.get_by_role("heading", name="Mörk gångtunnel"))
    )
    follow(page, tunnel.get_by_role("link", name="Mörk gångtunnel"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mörk gångtunnel")
    page.go_back()

    visit(page, f"/vandringar/{walk.pk}/brister/")
    with page.expect_download() as info:
        _main(page).get_by_role("link", name="Ladda ner protokollet (PDF)").click()
    with open(info.value.path(), "rb") as fh:
        data = fh.read()
    assert data[:5] == b"%PDF-"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Mörk gångtunnel" in text
    assert "Buskage vid busshållplatsen" in text
    assert "Observationer på kartan" in text
