"""The dialogue's follow-up (issue 17, items 5–7) as the coordinator walks it, in chromium:
a focus group recorded with its composition and consent, a quote noted, a free-text answer
coded with a theme, and "ni sa – vi gör" published with a decided measure; then a logged-out
visitor finds the page from the start page and reads the measure. Every page visited passes
axe-core (WCAG 2.0/2.1 A and AA) with no violations."""

from datetime import date

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import follow, login, submit, visit
from trygg.core.models import Municipality, Organisation
from trygg.dialog.tests.follow_up_helpers import make_answers, make_dialogue, make_survey
from trygg.strategy.models import ActionPlan, Measure

pytestmark = pytest.mark.browser

MEASURE = "Ny belysning i gångtunneln vid stationen"


def _data():
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        dialogue = make_dialogue(koping, title="Kvällar i centrum")
        survey = make_survey(dialogue, title="Trygghetsenkät centrum")
        make_answers(survey, ["Tunneln vid stationen är helt mörk på kvällen."] * 6)
        plan = ActionPlan.objects.create(
            municipality=koping, title="Åtgärdsplan 2026–2027", start_year=2026, end_year=2027
        )
        Measure.objects.create(
            municipality=koping,
            plan=plan,
            title=MEASURE,
            owner=Organisation.objects.filter(municipality=koping).first(),
            start=date(2026, 9, 1),
            end=date(2026, 12, 31),
            status=Measure.Status.PAGAR,
        )
    return koping, dialogue


def main(page):
    return page.locator("main")


def test_coordinator_records_codes_and_publishes_and_a_visitor_reads_it(
    page, new_context, live_server, foundation_demo
):
    koping, dialogue = _data()
    login(page, live_server, "samordnare", "demo")

    # A focus group: composition as counts, consent recorded.
    visit(page, f"/dialog/{dialogue.pk}/samtal/")
    follow(page, main(page).get_by_role("link", name="Registrera ett samtal"))
    page.get_by_label("Typ").select_option(label="Fokusgrupp")
    page.get_by_label("Rubrik").fill("Unga på fritidsgården")
    page.get_by_label("Datum").fill("2026-05-04")
    page.get_by_label("Syfte").fill("Höra unga om kvällarna i centrum")
    page.get_by_label("Så rekryterades deltagarna").fill("Via fritidsgårdens ledare")
    page.get_by_label("Antal deltagare").fill("6")
    page.get_by_label("Antal kvinnor").fill("3")
    page.get_by_label("Antal män").fill("3")
    page.get_by_label("Antal i åldern 16–24 år").fill("6")
    page.get_by_label("Samtycke inhämtat från alla deltagare").check()
    page.get_by_label("Hur samtycket inhämtades").fill("Skriftligt, blankett")
    submit(page, main(page).get_by_role("button", name="Spara"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fokusgrupp: Unga på fritidsgården")

    # A quote with a pseudonym and a theme.
    page.get_by_label("Anteckning eller citat").fill("Vi går aldrig genom tunneln på kvällen.")
    page.get_by_label("Det är ett citat").check()
    page.get_by_label("Vem sa det (pseudonym)").select_option("Deltagare B")
    page.get_by_label("Teman").select_option(label="Trasig eller saknad belysning")
    submit(page, main(page).get_by_role("button", name="Spara anteckningen"))
    expect(main(page).locator("blockquote")).to_contain_text("Deltagare B")

    # One free-text answer coded with a theme.
    follow(page, main(page).get_by_role("link", name="Intervjuer och fokusgrupper"))
    follow(page, main(page).get_by_role("link", name="Koda fritextsvar"))
    follow(page, main(page).get_by_role("link", name="Varför känner du dig otrygg där?"))
    main(page).locator("input[name=answers]").first.check()
    page.get_by_label("Teman").select_option(label="Trasig eller saknad belysning")
    submit(page, main(page).get_by_role("button", name="Koda valda svar"))
    expect(page.get_by_role("status")).to_contain_text("1 svar kodade.")
    expect(main(page).locator("li.card").first).to_contain_text("Trasig eller saknad belysning")

    # "Ni sa – vi gör" with the decided measure.
    follow(page, main(page).get_by_role("link", name="Koda fritextsvar"))
    follow(page, main(page).get_by_role("link", name="Ni sa – vi gör"))
    page.get_by_label("Ni sa – vi gör").fill(
        "Ni sa att tunneln vid stationen är mörk. Vi byter belysningen i höst."
    )
    page.get_by_label("Åtgärder som beslutades").select_option(
        label=f"{MEASURE} (Åtgärdsplan 2026–2027)"
    )
    submit(page, main(page).get_by_role("button", name="Publicera"))
    expect(page.get_by_role("status")).to_contain_text("Sidan är publicerad.")

    # A logged-out visitor finds it from the start page.
    visitor = new_context().new_page()
    visit(visitor, f"/kommun/{koping.slug}/")
    follow(visitor, visitor.locator("main").get_by_role("link", name="Ni sa – vi gör"))
    follow(visitor, visitor.locator("main").get_by_role("link", name="Kvällar i centrum"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Ni sa – vi gör: Kvällar i centrum"
    )
    decided = visitor.locator("main li.card").filter(has_text=MEASURE)
    expect(decided).to_contain_text("Pågår")
    expect(visitor.locator("main")).to_contain_text("Vi byter belysningen i höst.")
    expect(visitor.locator("main")).not_to_contain_text("Vi går aldrig genom tunneln")
