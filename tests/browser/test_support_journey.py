"""Kvinnojour support and the youth–police cooperation (issue 19, items 4–5): the samordnare
records an agreement (refused first without an organisation, nothing typed lost), adds an
agreed activity, uploads the annual report and reviews it; a police officer enters a
quarter's counts (refused first with a negative count). axe checks every page visited."""

import pytest
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import field, login, submit, visit
from trygg.core.models import Municipality, Organisation
from trygg.programmes.models import ProgrammeKind
from trygg.programmes.tests.support_helpers import PDF, make_programme

pytestmark = pytest.mark.browser


@pytest.fixture
def programmes(foundation_demo):
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        owner = Organisation.objects.filter(municipality=koping).order_by("pk").first()
        Organisation.objects.create(
            municipality=koping, name="Kvinnojouren Demo", kind=Organisation.Kind.FORENING
        )
        assert get_user_model().objects.filter(username="polis").exists()
    return {
        "kvinnojour": make_programme(koping, owner, ProgrammeKind.KVINNOJOUR),
        "unga_polis": make_programme(koping, owner, ProgrammeKind.UNGA_POLIS),
    }


def test_samordnare_records_an_agreement_and_reviews_its_report_and_police_enter_a_quarter(
    page, live_server, programmes, tmp_path
):
    login(page, live_server, "samordnare", "demo")
    visit(page, "/program/stod/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stöd och samverkan")
    visit(page, "/program/stod/overenskommelser/ny/")
    expect(page.get_by_text("Inga klientuppgifter.")).to_be_visible()
    page.get_by_label("Program").select_option(label=programmes["kvinnojour"].name)
    page.get_by_label("Form").select_option("iop")
    page.get_by_label("Belopp (kr)").fill("300000")
    page.get_by_label("Gäller från").fill("2025-01-01")
    page.get_by_label("Gäller till").fill("2026-12-31")
    page.get_by_label("Vad stödet avser").fill("Jourtelefon och stödsamtal")
    submit(page, page.get_by_role("button", name="Registrera överenskommelsen"), expect_status=400)
    expect(page.get_by_text("Ange vilken organisation överenskommelsen gäller.")).to_be_visible()
    expect(page.get_by_label("Vad stödet avser")).to_have_value("Jourtelefon och stödsamtal")
    page.get_by_label("Organisation (kvinnojouren)").select_option(label="Kvinnojouren Demo")
    submit(page, page.get_by_role("button", name="Registrera överenskommelsen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kvinnojouren Demo")

    page.get_by_label("Överenskommen aktivitet").fill("Stödsamtal")
    page.get_by_label("Mål per år").fill("400")
    submit(page, page.get_by_role("button", name="Lägg till aktiviteten"))
    report = tmp_path / "arsrapport.pdf"
    report.write_bytes(PDF)
    page.get_by_label("År som rapporten gäller").fill("2025")
    page.get_by_label("Årsrapport (PDF eller Word)").set_input_files(str(report))
    submit(page, page.get_by_role("button", name="Ladda upp"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Granska årsrapport 2025")
    page.get_by_label("Stödsamtal: redovisat (mål 400)").fill("372")
    page.get_by_label("Stödsamtal: bedömning").select_option("delvis")
    page.get_by_label("Uppföljningsstatus").select_option("godkand")
    submit(page, page.get_by_role("button", name="Spara granskningen"))
    expect(page.get_by_text("Stödsamtal: 372 (delvis uppnått)")).to_be_visible()

    page.context.clear_cookies()
    login(page, live_server, "polis", "demo")
    cooperation = programmes["unga_polis"]
    visit(page, f"/program/stod/samverkan/{cooperation.pk}/kvartal/ny/")
    page.get_by_label("År").fill("2025")
    field(page, "Kvartal").select_option("2")
    page.get_by_label("Pågående vid kvartalets början").fill("10")
    page.get_by_label("Påbörjade under kvartalet").fill("-3")
    page.get_by_label("Avslutade under kvartalet").fill("4")
    page.get_by_label("Av de avslutade: mål uppnått").fill("2")
    page.get_by_label("Samtycke inhämtat").fill("12")
    submit(page, page.get_by_role("button", name="Spara kvartalet"), expect_status=400)
    expect(page.get_by_text("Antalet kan inte vara negativt.")).to_be_visible()
    expect(page.get_by_label("Samtycke inhämtat")).to_have_value("12")
    page.get_by_label("Påbörjade under kvartalet").fill("5")
    submit(page, page.get_by_role("button", name="Spara kvartalet"))
    expect(page.locator('td[data-label="Påbörjade"]').first).to_have_text("5")
