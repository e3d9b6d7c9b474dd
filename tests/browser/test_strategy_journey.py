"""The strategic cycle (issue "Strategic cycle") as the coordinator walks it, in chromium, on
the full demo: the strategic lägesbild drafted from data, edited, compared and decided; a
problem picture with figures from the reports; the åtgärdsplan built on the lägesbild, with
measures, an indicator, a follow-up and the estimated effect; a focus area and the year's
medborgarlöfte, published and read by a visitor (and its Atom feed); and the annual follow-up
to Kommunstyrelsen as PDF and Word. Every page visited passes axe-core (WCAG 2.0/2.1 A and
AA) with no violations."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import follow, login, submit, visit

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_CAUSE = "Medborgardialogen i Nibblesbacke visar att mörka gångvägar skapar otrygghet."
PROBLEM = "Skadegörelse vid torget"
PLAN = "Åtgärdsplan mot brott"
MEASURE_WITH_EFFECT = "Bättre belysning i Köping centrala"
MEASURE_PLAIN = "Föräldravandring på helger"
INDICATOR = "Skadegörelse i centrum"
FOCUS_AREA = "Trygga offentliga miljöer"
PROMISE = "Tryggare centrum tillsammans"
ACTIVITY = "Trygghetsvandring runt torget"


def main(page):
    return page.locator("main")


def heading(page):
    return page.get_by_role("heading", level=1)


def nav(page):
    return page.get_by_role("navigation", name="Huvudmeny")


def status(page):
    return page.get_by_role("status")


def form_with(page, button):
    """The form in main holding the submit button named `button`."""
    return (
        main(page).locator("form").filter(has=page.get_by_role("button", name=button, exact=True))
    )


def download(page, link):
    """Clicks a link that downloads a file; returns the file's name and bytes."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, fh.read()


def back_to_strategy(page):
    follow(page, nav(page).get_by_role("link", name="Medborgarlöften"))
    expect(heading(page)).to_have_text("Fokusområden och medborgarlöften")


def test_coordinator_walks_the_strategic_cycle(page, new_context, live_server, demo, tmp_path):
    today = timezone.localdate()
    # The demo has decided the last two years' lägesbild and plan and published this year's
    # promise: the coordinator drafts the next period and next year's promise.
    first, last = today.year + 1, today.year + 2  # 2027–2028 in 2026
    login(page, live_server, "samordnare", "demo")
    back_to_strategy(page)
    expect(page).to_have_url(re.compile(r"/strategi/medborgarloften/$"))

    draft_edit_and_decide_the_picture(page, first, last)
    problem_picture(page)
    action_plan(page, first, last, today)
    focus_area_and_promise(page, new_context, today, today.year + 1)
    annual_follow_up(page, today, tmp_path, today.year + 1)


def draft_edit_and_decide_the_picture(page, first, last):
    follow(page, main(page).get_by_role("link", name="Strategisk lägesbild"))
    expect(heading(page)).to_have_text("Strategisk lägesbild")
    expect(main(page)).to_contain_text(f"Lägesbild {first - 2}–{last - 2}")
    draft = main(page).get_by_role("form", name="Ta fram ett utkast från data")
    draft.get_by_label("Från år").fill(str(first))
    draft.get_by_label("Till år").fill(str(last))
    submit(page, draft.get_by_role("button", name="Skapa utkast"))
    expect(heading(page)).to_have_text(f"Lägesbild {first}–{last}")
    expect(status(page)).to_contain_text("Utkastet är skapat från data.")
    for section in ("Omfattning", "Konsekvenser", "Orsaker", "Källor"):
        expect(main(page).get_by_role("heading", name=section, level=2)).to_be_visible()
    expect(main(page)).to_contain_text(
        re.compile(rf"Under {first}–{last} registrerades [\d\s]+ rapporter")
    )
    expect(main(page).locator("section.md table").first).to_contain_text("Totalt")
    expect(main(page)).to_contain_text("Utkast · Visar version 1")

    follow(page, main(page).get_by_role("link", name="Redigera"))
    expect(heading(page)).to_have_text(f"Redigera lägesbild {first}–{last}")
    causes = page.get_by_label("Orsaker")
    text = causes.input_value()
    old_sentence = next(line for line in text.splitlines() if line.startswith("Rapporterna visar"))
    causes.fill(text.replace(old_sentence, NEW_CAUSE))
    markdown_toolbar(page, causes)
    page.get_by_label("Ändringen i korthet").fill("Orsaker från medborgardialogen")
    submit(page, main(page).get_by_role("button", name="Förhandsgranska"))
    preview = main(page).get_by_role("region", name="Förhandsgranskning")
    expect(preview).to_contain_text(NEW_CAUSE)
    expect(preview.get_by_role("heading", name="Orsaker")).to_be_visible()
    expect(page.get_by_label("Orsaker")).to_have_value(re.compile(re.escape(NEW_CAUSE)))
    submit(page, main(page).get_by_role("button", name="Spara som ny version"))
    expect(status(page)).to_contain_text("En ny version är sparad.")
    expect(main(page)).to_contain_text("Visar version 2")
    expect(main(page)).to_contain_text(NEW_CAUSE)
    expect(main(page).locator("section.md table").filter(has_text="Nibblesbacke")).to_contain_text(
        "31 %"
    )
    expect(main(page).locator("section.md strong").filter(has_text="viktigt")).to_have_count(1)
    expect(main(page)).to_contain_text("Orsaker från medborgardialogen")

    follow(page, main(page).get_by_role("link", name=re.compile("ändringar mot föregående")))
    expect(heading(page)).to_have_text("Ändringar från version 1 till 2")
    expect(main(page).locator("ins").filter(has_text=NEW_CAUSE)).to_have_count(1)
    expect(main(page).locator("ins").filter(has_text="| Nibblesbacke | 31 % |")).to_have_count(1)
    expect(main(page).locator("del").filter(has_text=old_sentence)).to_have_count(1)

    follow(page, main(page).get_by_role("link", name=f"Lägesbild {first}–{last}"))
    decision = main(page).get_by_role("form", name="Remiss och beslut")
    decision.get_by_label("Status").select_option(label="Beslutad")
    decision.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
    decision.get_by_label("Beslutsdatum").fill(f"{first}-03-10")
    decision.get_by_label("Paragraf").fill("§ 123")
    submit(page, decision.get_by_role("button", name="Spara status"))
    expect(status(page)).to_contain_text("Lägesbilden är beslutad.")
    expect(main(page)).to_contain_text(
        f"Beslutad · Beslutad version: 2 (Kommunstyrelsen {first}-03-10 § 123)"
    )


def markdown_toolbar(page, causes):
    """The toolbar over a Markdown textarea, by keyboard only: one Tab stop, arrow keys
    between the buttons, and a spoken status of what was inserted."""
    bar = page.locator('[role="toolbar"][aria-controls="id_orsaker"]')
    expect(bar).to_have_accessible_name("Formatering")
    expect(bar.get_by_role("button")).to_have_text(
        ["Fet", "Rubrik", "Punktlista", "Länk", "Tabell"]
    )
    # Spreadsheet cells pasted at the end, then selected and turned into a table.
    pasted = "Område\tAndel otrygga\nNibblesbacke\t31 %"
    causes.fill(causes.input_value() + "\n" + pasted)
    causes.focus()
    causes.evaluate(
        f"(el) => el.setSelectionRange(el.value.length - {len(pasted)}, el.value.length)"
    )
    causes.press("Shift+Tab")
    expect(bar.get_by_role("button", name="Fet")).to_be_focused()
    page.keyboard.press("End")
    expect(bar.get_by_role("button", name="Tabell")).to_be_focused()
    page.keyboard.press("Enter")
    expect(causes).to_be_focused()
    expect(causes).to_have_value(
        re.compile(re.escape("| Område | Andel otrygga |\n| --- | --- |\n| Nibblesbacke | 31 % |"))
    )
    expect(page.locator("#md-status-2")).to_have_text("Tabell infogad.")
    # A word made bold with the first button, reached again with the arrow keys.
    causes.fill(causes.input_value().rstrip("\n") + "\n\nviktigt")
    causes.evaluate("(el) => el.setSelectionRange(el.value.length - 7, el.value.length)")
    bar.get_by_role("button", name="Tabell").focus()
    page.keyboard.press("ArrowRight")
    expect(bar.get_by_role("button", name="Fet")).to_be_focused()
    page.keyboard.press("Space")
    expect(causes).to_have_value(re.compile(r"\*\*viktigt\*\*$"))


def save_report_filter(page, name, query):
    visit(page, f"/rapporter/?{query}")
    save = main(page).locator("form").filter(has=page.get_by_label("Spara filtret som"))
    save.get_by_label("Spara filtret som").fill(name)
    submit(page, save.get_by_role("button", name="Spara filter"))
    expect(page.locator(".messages")).to_contain_text("Filtret är sparat.")


def problem_picture(page):
    save_report_filter(page, "Torget", "q=torget")
    back_to_strategy(page)
    follow(page, main(page).get_by_role("link", name="Åtgärdsplaner"))
    expect(heading(page)).to_have_text("Åtgärdsplaner och problembilder")
    follow(page, main(page).get_by_role("link", name="Ny problembild"))
    expect(heading(page)).to_have_text("Ny problembild")
    page.get_by_label("Problem:", exact=True).fill(PROBLEM)
    page.get_by_label("Kartläggning (scanning)").fill(
        "Krossade rutor och klotter runt torget, mest fredag och lördag kväll."
    )
    page.get_by_label("Rapportfilter").select_option(label="Torget")
    submit(page, main(page).get_by_role("button", name="Spara"))
    expect(status(page)).to_contain_text("Problembilden är sparad.")
    expect(heading(page)).to_have_text(PROBLEM)
    figures = main(page).get_by_role("region", name=PROBLEM)
    expect(figures.get_by_role("columnheader")).to_have_count(8)
    expect(figures.get_by_role("columnheader").first).to_have_text(re.compile(r"^\d{4} kv[1-4]$"))
    expect(figures.get_by_role("cell")).to_have_count(8)
    quarters = [int(n) for n in figures.get_by_role("cell").all_inner_texts()]
    assert sum(quarters) > 0, quarters
    expect(main(page)).not_to_contain_text("Filtret matchar inga rapporter")
    expect(main(page).get_by_role("link", name=re.compile("Visa rapporterna"))).to_have_attribute(
        "href", re.compile(r"q=torget")
    )
    expect(page.get_by_label("Kartläggning (scanning)")).to_have_value(re.compile("Krossade rutor"))


def add_measure(page, title, owner, goal, start, end, **effect):
    page.locator("details").filter(has_text="Lägg till en åtgärd").locator("summary").click()
    form = form_with(page, "Spara åtgärden")
    form.get_by_label("Åtgärd:", exact=True).fill(title)
    form.get_by_label("Ansvarig organisation").select_option(label=owner)
    form.get_by_label("Mål i riktlinjen").select_option(label=goal)
    form.get_by_label("Start:", exact=True).fill(start.isoformat())
    form.get_by_label("Slut:", exact=True).fill(end.isoformat())
    if effect:
        form.get_by_label("Problembild").select_option(label=PROBLEM)
        form.get_by_label("Område där åtgärden görs").select_option(
            label=f"{effect['area']} (RegSO)"
        )
        form.get_by_label("Jämförelseområde (för effekten)").select_option(
            label=f"{effect['comparison']} (RegSO)"
        )
        form.get_by_label("Kategori som ska minska").select_option(label=effect["category"])
    submit(page, form.get_by_role("button", name="Spara åtgärden"))
    expect(status(page)).to_contain_text("Åtgärden är sparad.")
    expect(main(page).get_by_role("region", name="Åtgärder")).to_contain_text(title)


def action_plan(page, first, last, today):
    follow(page, main(page).get_by_role("link", name="Åtgärdsplaner och problembilder"))
    demo_plan = f"Åtgärdsplan mot brott och otrygghet {first - 2}–{last - 2}"
    expect(main(page)).to_contain_text(demo_plan)
    new_plan = main(page).get_by_role("form", name="Ny åtgärdsplan")
    new_plan.get_by_label("Rubrik").fill(PLAN)
    new_plan.get_by_label("Från år").fill(str(first))
    new_plan.get_by_label("Till år").fill(str(last))
    new_plan.get_by_label("Lägesbild planen bygger på").select_option(
        label=f"Lägesbild {first}–{last}"
    )
    submit(page, new_plan.get_by_role("button", name="Skapa"))
    expect(heading(page)).to_have_text(f"{PLAN} {first}–{last}")
    expect(main(page)).to_contain_text("Bygger på")
    expect(main(page)).to_contain_text("(beslutad)")
    expect(main(page)).to_contain_text("Inga åtgärder ännu.")

    start = today - timedelta(days=182)
    add_measure(
        page,
        MEASURE_WITH_EFFECT,
        "Tekniska förvaltningen",
        "G2 Få störningar och egendomsskador i kommunens verksamheter",
        start,
        today + timedelta(days=365),
        area="Köping centrala",
        comparison="Nibblesbacke",
        category="Skadegörelse",
    )
    add_measure(
        page,
        MEASURE_PLAIN,
        "Socialförvaltningen",
        "G7 Information, föreläsningar och stöd till föräldrar",
        today + timedelta(days=14),
        today + timedelta(days=380),
    )

    follow(page, main(page).get_by_role("link", name=MEASURE_WITH_EFFECT))
    expect(heading(page)).to_have_text(MEASURE_WITH_EFFECT)
    expect(main(page)).to_contain_text(PROBLEM)
    expect(main(page)).to_contain_text(
        "Köping centrala jämfört med Nibblesbacke, lika långa perioder före och efter starten."
    )
    effect = main(page).get_by_role("region", name="Rapporter före och efter")
    expect(effect.get_by_role("rowheader")).to_have_text(["Köping centrala", "Nibblesbacke"])
    effect_text = main(page).get_by_text(
        re.compile(r"^(I åtgärdsområdet blev det|Ingen säkerställd skillnad mot jämförelseområdet)")
    )
    expect(effect_text).to_contain_text("jämförelseområdet")
    expect(effect_text).to_contain_text("konfidensintervall")
    expect(effect_text).to_contain_text("inte att åtgärden orsakade den")

    main(page).get_by_text("Lägg till en indikator").click()
    indicator = form_with(page, "Spara indikatorn")
    indicator.get_by_label("Indikator").fill(INDICATOR)
    indicator.get_by_label("Typ").select_option(label="Från rapporterna")
    indicator.get_by_label("Kategori").select_option(label="Skadegörelse")
    indicator.get_by_label("Område").select_option(label="Köping centrala (RegSO)")
    submit(page, indicator.get_by_role("button", name="Spara indikatorn"))
    expect(status(page)).to_contain_text("Indikatorn är sparad.")
    series = main(page).get_by_role("region", name=INDICATOR)
    expect(series.get_by_role("columnheader")).to_have_count(8)
    assert sum(float(n) for n in series.get_by_role("cell").all_inner_texts()) > 0
    expect(main(page)).not_to_contain_text("Indikatorn matchar inga rapporter")
    expect(main(page).get_by_role("heading", name=INDICATOR)).to_be_visible()

    follow_up = form_with(page, "Spara uppföljningen")
    expect(follow_up.get_by_label("Datum")).to_have_value(today.isoformat())
    follow_up.get_by_label("Status").select_option(label="Pågår")
    follow_up.get_by_label("Hur går det?").fill("Tio nya armaturer är uppsatta vid torget.")
    submit(page, follow_up.get_by_role("button", name="Spara uppföljningen"))
    expect(status(page)).to_contain_text("Uppföljningen är sparad.")
    expect(main(page).locator("ol.history")).to_contain_text(
        f"{today.isoformat()} Pågår: Tio nya armaturer är uppsatta vid torget."
    )

    edit_and_withdraw_measures(page, today)

    follow(page, main(page).get_by_role("link", name=PLAN, exact=True))
    measures = main(page).get_by_role("region", name="Åtgärder")
    expect(measures.get_by_role("row").filter(has_text=MEASURE_WITH_EFFECT)).to_contain_text(
        "Pågår"
    )
    decide = main(page).get_by_role("form", name="Beslut")
    decide.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
    decide.get_by_label("Beslutsdatum").fill(f"{first}-04-14")
    decide.get_by_label("Paragraf").fill("§ 156")
    submit(page, decide.get_by_role("button", name="Markera som beslutad"))
    expect(status(page)).to_contain_text("Planen är beslutad.")
    expect(main(page)).to_contain_text(f"Beslutad – Kommunstyrelsen {first}-04-14 § 156")
    expect(main(page).get_by_role("button", name="Markera som beslutad")).to_have_count(0)


def edit_and_withdraw_measures(page, today):
    """The measure's goal is shown; it is edited on its page and the change is in its
    history; the other measure is withdrawn, not deleted."""
    facts = main(page).locator("dl.facts")
    expect(facts).to_contain_text("G2 Få störningar och egendomsskador i kommunens verksamheter")
    main(page).locator("details").filter(has_text="Ändra åtgärden").locator("summary").click()
    edit = main(page).get_by_role("form", name="Ändra åtgärden")
    expect(edit.get_by_label("Åtgärd:", exact=True)).to_have_value(MEASURE_WITH_EFFECT)
    new_end = today + timedelta(days=500)
    edit.get_by_label("Slut:", exact=True).fill(new_end.isoformat())
    edit.get_by_label("Mål i riktlinjen").select_option(label="G1 En trygg och säker kommun")
    submit(page, edit.get_by_role("button", name="Spara ändringarna"))
    expect(status(page)).to_contain_text("Åtgärden är ändrad.")
    expect(facts).to_contain_text("G1 En trygg och säker kommun")
    history = main(page).get_by_role("list", name="Historik")
    expect(history.locator(":scope > li").first).to_contain_text("Sara Samordnare")
    expect(history.locator(":scope > li").first).to_contain_text(
        f"Slut: {(today + timedelta(days=365)).isoformat()} → {new_end.isoformat()}"
    )
    expect(history).to_contain_text("Uppföljning av " + MEASURE_WITH_EFFECT)

    follow(page, main(page).get_by_role("link", name=PLAN, exact=True))
    follow(page, main(page).get_by_role("link", name=MEASURE_PLAIN))
    main(page).locator("details").filter(has_text="Dra tillbaka åtgärden").locator(
        "summary"
    ).click()
    withdraw = main(page).get_by_role("form", name="Dra tillbaka åtgärden")
    withdraw.get_by_label("Varför dras den tillbaka?").fill("Ingår i föräldrastödet i stället.")
    submit(page, withdraw.get_by_role("button", name="Dra tillbaka åtgärden"))
    expect(status(page)).to_contain_text("Åtgärden är tillbakadragen.")
    expect(main(page)).to_contain_text(
        f"Tillbakadragen {today.isoformat()}: Ingår i föräldrastödet i stället."
    )
    expect(main(page).get_by_role("form", name="Ändra åtgärden")).to_have_count(0)
    expect(main(page).get_by_role("list", name="Historik")).to_contain_text(
        f"Åtgärd {MEASURE_PLAIN} tillbakadragen"
    )
    follow(page, main(page).get_by_role("link", name=PLAN, exact=True))
    expect(
        main(page)
        .get_by_role("region", name="Åtgärder")
        .get_by_role("row")
        .filter(has_text=MEASURE_PLAIN)
    ).to_contain_text("Tillbakadragen")
    follow(page, main(page).get_by_role("link", name=MEASURE_WITH_EFFECT))


def focus_area_and_promise(page, new_context, today, year):
    back_to_strategy(page)
    follow(page, main(page).get_by_role("link", name="Nytt fokusområde"))
    expect(heading(page)).to_have_text("Nytt fokusområde")
    page.get_by_label("Fokusområde").fill(FOCUS_AREA)
    page.get_by_label("Beskrivning").fill("Torget, resecentrum och gångvägarna dit.")
    page.get_by_label("Beslutat").fill(f"{today.year}-01-20")
    page.get_by_label("Beslutsreferens").fill(f"EST-gruppen {today.year}-01-20 § 4")
    page.get_by_label("Köping centrala (RegSO)", exact=True).check()
    submit(page, main(page).get_by_role("button", name="Spara"))
    expect(status(page)).to_contain_text("Fokusområdet är sparat.")
    focus = main(page).get_by_role("region", name="Fokusområden")
    expect(focus.get_by_role("row").filter(has_text=FOCUS_AREA)).to_contain_text("Köping centrala")

    follow(page, main(page).get_by_role("link", name="Nytt medborgarlöfte"))
    expect(heading(page)).to_have_text("Nytt medborgarlöfte")
    page.get_by_label("År").fill(str(year))
    page.get_by_label("Rubrik").fill(PROMISE)
    page.get_by_label("Inledning").fill("Kommunen och polisen gör centrum tryggare tillsammans.")
    page.get_by_label(FOCUS_AREA).check()
    page.get_by_label("Undertecknat").fill(f"{today.year}-02-01")
    page.get_by_label("För kommunen").fill("Anna Ek, kommunstyrelsens ordförande")
    page.get_by_label("För polisen").fill("Per Lind, lokalpolisområdeschef")
    submit(page, main(page).get_by_role("button", name="Spara"))
    expect(status(page)).to_contain_text("Medborgarlöftet är sparat.")
    expect(heading(page)).to_have_text(f"Medborgarlöfte {year}: {PROMISE}")
    expect(main(page)).to_contain_text("Utkast, inte publicerat.")

    activity = main(page).get_by_role("form", name="Lägg till eller följ upp en aktivitet")
    activity.get_by_label("Aktivitet:", exact=True).fill(ACTIVITY)
    activity.get_by_label("Fokusområde").select_option(label=FOCUS_AREA)
    activity.get_by_label("Ansvarig").select_option(label="Polisen")
    activity.get_by_label("Status").select_option(label="Genomförd")
    activity.get_by_label("Uppföljning (visas publikt)").fill("Vandringen gjordes i september.")
    submit(page, activity.get_by_role("button", name="Spara aktiviteten"))
    expect(status(page)).to_contain_text("Aktiviteten är sparad.")
    activities = main(page).get_by_role("region", name="Aktiviteter")
    expect(activities.get_by_role("row").filter(has_text=ACTIVITY)).to_contain_text("Genomförd")
    expect(main(page)).to_contain_text("1 av 1 aktiviteter genomförda")

    submit(page, main(page).get_by_role("button", name="Publicera"))
    expect(status(page)).to_contain_text("Medborgarlöftet är publicerat")
    expect(main(page)).to_contain_text(f"Publicerat {today.isoformat()}")

    visitor = new_context().new_page()
    visit(visitor, "/")
    follow(visitor, main(visitor).get_by_role("link", name="Medborgarlöftet"))
    expect(heading(visitor)).to_have_text(f"Medborgarlöfte {year}: {PROMISE}")
    expect(main(visitor)).to_contain_text(FOCUS_AREA)
    expect(main(visitor).get_by_role("heading", name=ACTIVITY)).to_be_visible()
    expect(main(visitor)).to_contain_text("1 av 1 aktiviteter är genomförda och 0 pågår.")
    expect(
        visitor.get_by_role("progressbar", name="Andel genomförda aktiviteter")
    ).to_have_attribute("value", "100")
    expect(main(visitor)).to_contain_text("Anna Ek, kommunstyrelsens ordförande (kommunen)")
    feed_link = main(visitor).get_by_role("link", name=re.compile("Atom-flöde"))
    response = visitor.request.get(feed_link.get_attribute("href"))
    assert response.ok, response.status
    assert "atom" in response.headers["content-type"]
    feed = ET.fromstring(response.body())
    assert feed.tag == f"{ATOM}feed"
    titles = [e.text for e in feed.iter(f"{ATOM}title")]
    assert f"Medborgarlöfte {year}: {PROMISE}" in titles
    assert f"{ACTIVITY}: genomförd" in titles


def annual_follow_up(page, today, tmp_path, year):
    back_to_strategy(page)
    follow(page, main(page).get_by_role("link", name="Årlig uppföljning till KS"))
    expect(heading(page)).to_have_text(f"Årlig uppföljning till Kommunstyrelsen {today.year}")
    expect(main(page).get_by_role("heading", name=re.compile("^G1 "))).to_be_visible()
    expect(main(page)).to_contain_text("rapporter om brott och otrygghet")
    # The year of the promise made above.
    page.get_by_label("År").fill(str(year))
    submit(page, main(page).get_by_role("button", name="Visa"))
    expect(heading(page)).to_have_text(f"Årlig uppföljning till Kommunstyrelsen {year}")

    name, pdf = download(page, main(page).get_by_role("link", name="Ladda ned PDF"))
    assert name == f"uppfoljning-koping-{year}.pdf"
    assert pdf.startswith(b"%PDF"), pdf[:20]
    path = tmp_path / "uppfoljning.pdf"
    path.write_bytes(pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "Uppföljning av riktlinjen" in text
    assert MEASURE_WITH_EFFECT in text
    assert f"Effekt av {MEASURE_WITH_EFFECT}:" in text

    name, docx = download(page, main(page).get_by_role("link", name="Ladda ned Word (DOCX)"))
    assert name == f"uppfoljning-koping-{year}.docx"
    path = tmp_path / "uppfoljning.docx"
    path.write_bytes(docx)
    document = Document(str(path))
    paragraphs = " ".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Uppföljning av riktlinjen" in paragraphs
    assert ACTIVITY in cells
