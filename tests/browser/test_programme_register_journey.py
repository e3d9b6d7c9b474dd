"""The samordnare registers a programme with its logic model (issue 19, item 1) and sees its
outcome page (item 8): from the start page's "Program" to the form, the goal taken from the
kind, a partner and an indicator added, and the outputs a kind registers for the period.
Every page visited passes axe-core."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import field, follow, login, submit, visit
from trygg.core.models import Organisation
from trygg.programmes.outputs import Output, OutputSource, output_sources

pytestmark = pytest.mark.browser


def _walks(programme, start, end):
    return [Output("Genomförda nattvandringar", 14, "st")]


def test_the_samordnare_registers_a_programme_and_sees_its_outcome(
    page, live_server, foundation_demo
):
    with scopes_disabled():
        owner = Organisation.objects.filter(municipality__kommunkod="1983").order_by("pk")[0]
    main = page.locator("main")
    login(page, live_server, "samordnare", "demo")
    visit(page, "/program/")
    expect(main).to_contain_text("Inga program registrerade ännu.")
    follow(page, main.get_by_role("link", name="Registrera program"))

    page.get_by_label("Namn").fill("Nattvandring vid Resecentrum")
    page.get_by_label("Typ av program").select_option(value="nattvandring")
    # No owner first: refused with the reason, and nothing typed is lost.
    page.get_by_label("Mekanism").fill("Synliga vuxna ökar den informella kontrollen.")
    submit(page, main.get_by_role("button", name="Registrera programmet"))
    expect(main).to_contain_text("kan inte sakna organisation")
    expect(page.get_by_label("Mekanism")).to_have_value(
        "Synliga vuxna ökar den informella kontrollen."
    )
    page.get_by_label("Ansvarig organisation").select_option(value=str(owner.pk))
    field(page, "Problem").fill("Skadegörelse vid Resecentrum på helgkvällar.")
    field(page, "Aktivitet").fill("Vuxna vandrar fredag och lördag.")
    page.get_by_label("Kortsiktigt resultat").fill("Fler vuxna ute helgkvällar.")
    page.get_by_label("Långsiktigt resultat").fill("Mindre skadegörelse.")
    with output_sources.registered(
        OutputSource("journey.walks", frozenset({"nattvandring"}), _walks)
    ):
        submit(page, main.get_by_role("button", name="Registrera programmet"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Nattvandring vid Resecentrum")
        expect(main.locator(".lead")).to_contain_text("G5")
        chain = main.locator("ol.logic-chain li")
        expect(chain).to_have_count(5)
        expect(chain.nth(0)).to_contain_text("Skadegörelse vid Resecentrum")
        expect(chain.nth(2)).to_contain_text("Synliga vuxna")
        expect(chain.nth(4)).to_contain_text("Mindre skadegörelse.")

        field(page, "Indikator").fill("Genomförda nattvandringar")
        page.get_by_label("Enhet").fill("st")
        field(page, "Mål").fill("40")
        submit(page, main.get_by_role("button", name="Lägg till indikatorn"))
        expect(page.get_by_role("status")).to_contain_text("Indikatorn är tillagd.")
        field(page, "Organisation").select_option(value=str(owner.pk))
        page.get_by_label("Överenskommelse").select_option(value="iop")
        submit(page, main.get_by_role("button", name="Lägg till partnern"))
        expect(page.get_by_role("status")).to_contain_text("Partnern är tillagd.")

        outputs = main.get_by_role("region", name="Prestationer")
        expect(outputs).to_contain_text("Genomförda nattvandringar")
        expect(outputs).to_contain_text("14 st")
        expect(main).to_contain_text("Uppgift saknas: programmet har inga områden.")
