"""The välfärdsbrottshandläggare (issue 20) records an analysis of a regelverk with a risk,
adds a control to the catalogue and logs a run of it, and logs a pseudonymous case — first
refused for a personnummer in its text, with what was typed kept. Every page passes axe.
Then the analytiker gets 404 on the register's pages, and the administrator's audit log
shows the read of the case."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import field, follow, login, submit, visit
from trygg.welfare.models import Case

pytestmark = pytest.mark.browser


def test_the_handlaggare_analyses_controls_and_logs_a_case(
    page, new_context, live_server, foundation_demo
):
    login(page, live_server, "valfard", "demo")
    main = page.locator("main")
    follow(page, page.locator("nav.main-nav").get_by_role("link", name="Välfärdsbrott"))
    follow(page, main.get_by_role("link", name="Ny analys"))
    page.get_by_label("Regelverk").select_option(label="Personlig assistans")
    page.get_by_label("Ansvarig funktion").fill("Enhetschef assistans")
    submit(page, main.get_by_role("button", name="Spara analysen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Analys: Personlig assistans")
    field(page, "Risk").fill("Timmar faktureras som inte utförts")
    page.get_by_label("Hur risken kan utnyttjas").fill("Tidrapporter kontrolleras inte")
    page.get_by_label("Sannolikhet (1–4)").select_option("3")
    page.get_by_label("Konsekvens (1–4)").select_option("4")
    page.locator("#id_risk-owner").fill("Enhetschef assistans")
    submit(page, main.get_by_role("button", name="Lägg till risken"))
    expect(main.locator("table")).to_contain_text("3 × 4 = 12 (Hög)")

    follow(page, main.get_by_role("link", name="Kontrollplan"))
    follow(page, main.get_by_role("link", name="Ny kontroll"))
    field(page, "Kontroll").fill("Tillståndskontroll före utbetalning")
    page.get_by_label("Process (regelverk)").select_option(label="Personlig assistans")
    page.get_by_label("Utförs av (funktion)").fill("Controller")
    submit(page, main.get_by_role("button", name="Spara kontrollen"))
    submit(page, main.get_by_role("button", name="Logga kontrollen"), expect_status=400)
    expect(main).to_contain_text("Ange kontrollens resultat.")
    page.get_by_label("Resultat").select_option(label="Avvikelse funnen")
    page.get_by_label("Avvikelser").fill("Ett tillstånd hade gått ut")
    submit(page, main.get_by_role("button", name="Logga kontrollen"))
    expect(main.locator("table")).to_contain_text("Ett tillstånd hade gått ut")

    follow(page, main.get_by_role("link", name="Ärenden"))
    follow(page, main.get_by_role("link", name="Registrera ärende"))
    page.get_by_label("Område (regelverk)").select_option(label="Personlig assistans")
    page.get_by_label("Typ").select_option(label="Fakturering av tjänster som inte utförts")
    page.get_by_label("Hur det upptäcktes").select_option(label="Kontroll i kontrollplanen")
    page.get_by_label("Organisationsnummer").fill("556123-4567")
    page.get_by_label("Utbetalt belopp (kr)").fill("250000")
    page.get_by_label("Beskrivning utan personuppgifter").fill("Gäller 811218-9876")
    submit(page, main.get_by_role("button", name="Spara ärendet"), expect_status=400)
    expect(main).to_contain_text("Texten innehåller ett personnummer.")
    expect(page.get_by_label("Organisationsnummer")).to_have_value("556123-4567")
    page.get_by_label("Beskrivning utan personuppgifter").fill("Timmar utan utförd tjänst")
    submit(page, main.get_by_role("button", name="Spara ärendet"))
    with scopes_disabled():
        case = Case.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ärende {case.reference}")

    other = new_context().new_page()
    login(other, live_server, "analytiker", "demo")
    for name, args in (
        ("welfare:index", []),
        ("welfare:cases", []),
        ("welfare:case_detail", [case.pk]),
    ):
        visit(other, reverse(name, args=args), expect_status=404)

    # The administrator's audit log shows the handläggare's read of the case.
    admin = new_context().new_page()
    login(admin, live_server, "admin", "demo")
    visit(admin, reverse("core:audit_list"))
    rows = admin.locator("main table tbody tr").filter(has_text="Välfärdsbrottsärende läst")
    expect(rows.first).to_contain_text("valfard")
