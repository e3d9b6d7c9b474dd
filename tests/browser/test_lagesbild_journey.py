"""The operational lägesbild journeys (issue "Operational lägesbild") as new users walk them,
in chromium, on the full demo: the coordinator reads the period's picture, follows a figure
to the reports behind it, runs the lägesbildsmöte (agenda, decisions, action items, minutes
as PDF and Word) and carries an open action item to the next meeting; the police add their
lägesbild for the period. Every page visited passes axe-core (WCAG 2.0/2.1 A and AA) with no
violations."""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import axe_check, follow, login, submit, visit

pytestmark = pytest.mark.browser

EARLIER_ACTION = "Laga belysningen i gångtunneln vid Resecentrum"
EARLIER_DECISION = "Förstärkt väktarrond och nattvandrare vid torget och resecentrum"
NEW_ACTION = "Klipp buskaget längs gångvägen mot Karlbergsskolan"
NEW_DECISION = "Polisen och nattvandrarna patrullerar vid Karlbergsskolan"


def main(page):
    return page.locator("main")


def heading(page):
    return page.get_by_role("heading", level=1)


def nav(page):
    return page.get_by_role("navigation", name="Huvudmeny")


def row(table, text):
    return table.get_by_role("row").filter(has_text=text)


def download(page, link):
    """Clicks a link that downloads a file; returns the file's name and bytes."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), "rb") as fh:
        return download.suggested_filename, fh.read()


def pdf_text(data: bytes, tmp_path) -> str:
    assert data.startswith(b"%PDF"), data[:20]
    path = tmp_path / "dokument.pdf"
    path.write_bytes(data)
    # Words as the reader sees them; table cells wrap lines anywhere.
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def docx_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "dokument.docx"
    path.write_bytes(data)
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


def test_coordinator_reads_the_picture_and_runs_the_meeting(page, live_server, demo, tmp_path):
    today = timezone.localdate()
    login(page, live_server, "samordnare", "demo")
    follow(page, nav(page).get_by_role("link", name="Lägesbild", exact=True))

    # The default period: the 14 days up to today (no meeting is planned yet).
    start = today - timedelta(days=13)
    expect(heading(page)).to_have_text(
        re.compile(r"^Operativ lägesbild \d+ [a-zåäö]{3}–\d+ [a-zåäö]{3} \d{4}$")
    )
    period = main(page).get_by_role("form", name="Välj period")
    expect(period.get_by_label("Från")).to_have_value(start.isoformat())
    expect(period.get_by_label("Till")).to_have_value(today.isoformat())
    summary = main(page).get_by_role("region", name="Sammanfattning")
    expect(summary).to_contain_text(re.compile(r"\d+ rapporter under 14 dagar\."))
    expect(summary).to_contain_text("Mot föregående period")
    expect(summary).to_contain_text("Mot samma period i fjol")

    categories = main(page).get_by_role("table", name="Antal rapporter per kategori och förändring")
    damage = categories.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Skadegörelse")
    )
    expect(damage.get_by_role("cell").nth(2)).to_contain_text(
        re.compile(r"(Ingen säkerställd förändring|Ökning|Minskning)")
    )
    expect(damage.get_by_role("cell").nth(2)).to_contain_text(re.compile(r"\d+ mot \d+ tidigare"))
    damage_count = damage.get_by_role("cell").first.inner_text()

    hotspots = main(page).get_by_role("region", name="Var: hot spots")
    expect(hotspots.get_by_role("img", name=re.compile("Karta"))).to_be_visible()
    areas = main(page).get_by_role("table", name="Rapporter per stadsdel")
    expect(areas.get_by_role("rowheader", name="Köping centrala")).to_be_visible()

    # The lägesbild as PDF and Word.
    title = f"Lägesbild Köping {start.isoformat()}–{today.isoformat()}"
    name, data = download(page, main(page).get_by_role("link", name="Ladda ned PDF"))
    assert name.endswith(".pdf")
    assert title in pdf_text(data, tmp_path)
    name, data = download(page, main(page).get_by_role("link", name="Ladda ned Word (DOCX)"))
    assert name.endswith(".docx")
    assert title in docx_text(data, tmp_path)

    # A figure leads to the reports behind it.
    follow(page, damage.get_by_role("link", name="Skadegörelse"))
    expect(heading(page)).to_have_text("Rapporter")
    expect(page.get_by_label("Kategori").locator("option:checked")).to_have_text(
        "Skadegörelse – alla"
    )
    expect(page.locator("#filterform").get_by_label("Från")).to_have_value(start.isoformat())
    expect(main(page).get_by_role("status")).to_have_text(f"{damage_count} rapporter")

    follow(page, nav(page).get_by_role("link", name="Lägesbild", exact=True))
    follow(page, main(page).get_by_role("link", name="Lägesbildsmöten"))

    # The earlier meeting (the old address leads to the forum): its decision and open action.
    expect(heading(page)).to_have_text("Lägesbildsmöte")
    open_actions = main(page).get_by_role("table", name="Öppna åtgärder")
    expect(open_actions).to_contain_text(EARLIER_ACTION)
    earlier = main(page).get_by_role("table", name="Tidigare möten").get_by_role("row").nth(1)
    expect(earlier).to_contain_text("Genomfört")
    follow(page, earlier.get_by_role("link"))
    expect(heading(page)).to_contain_text("Lägesbildsmöte")
    expect(main(page).get_by_role("table", name="Beslut på mötet")).to_contain_text(
        EARLIER_DECISION
    )
    action = row(main(page).get_by_role("table", name="Åtgärder från mötet"), EARLIER_ACTION)
    expect(action.get_by_role("cell").nth(1)).to_have_text("Tekniska förvaltningen")
    expect(action.get_by_role("cell").nth(3)).to_contain_text("Öppen")
    follow(page, main(page).get_by_role("link", name="Lägesbildsmöte", exact=True))

    # A new meeting at the next time in the schedule, with a generated agenda.
    follow(page, main(page).get_by_role("link", name="Nytt möte"))
    expect(heading(page)).to_have_text("Nytt möte – Lägesbildsmöte")
    held = page.get_by_label("Mötestid").input_value()
    assert held.endswith("T09:00"), held
    meeting_day = date.fromisoformat(held[:10])
    assert today < meeting_day <= today + timedelta(days=14)
    page.get_by_label("Plats").fill("Stadshuset, rum 3")
    for org in (
        "Säkerhetsavdelningen",
        "Polisen, lokalpolisområde Köping",
        "Tekniska förvaltningen",
    ):
        page.get_by_label(org).check()
    submit(page, main(page).get_by_role("button", name="Skapa mötet"))
    expect(page.get_by_role("status")).to_contain_text("Mötet är skapat med en dagordning.")
    expect(heading(page)).to_have_text(re.compile(r"^Lägesbildsmöte \d+ \w+ \d{4} 09:00$"))
    period_end = meeting_day - timedelta(days=1)
    period_start = period_end - timedelta(days=13)
    agenda = main(page).get_by_role("list").filter(has_text="Övriga frågor")
    items = agenda.get_by_role("listitem")
    # The meeting is ahead: its period counts the days up to today, and its title says so.
    expect(items.first).to_contain_text(
        f"Lägesbild {period_start.isoformat()}–{min(period_end, today).isoformat()}"
    )
    expect(items.first).to_contain_text(re.compile(r"\d+ rapporter\. Mot föregående period"))
    expect(agenda).to_contain_text(
        re.compile(rf"Uppföljning av insats § \d+/\d+: {EARLIER_DECISION}")
    )
    expect(agenda).to_contain_text(f"Öppen åtgärd: {EARLIER_ACTION}")
    expect(items.last).to_contain_text("Övriga frågor")

    # A decision that directs resources, and an action item.
    until = meeting_day + timedelta(days=28)
    decision = main(page).locator("details").filter(has_text="Besluta om en insats")
    decision.get_by_text("Besluta om en insats").click()
    decision.get_by_label("Insats").fill(NEW_DECISION)
    decision.get_by_label("Område").select_option(label="Köping centrala (RegSO)")
    decision.get_by_label("Plats").fill("Karlbergsskolan")
    decision.get_by_label("Tidsfönster").fill("fredag–lördag 21–01")
    decision.get_by_label("Ansvarig organisation").select_option(
        label="Polisen, lokalpolisområde Köping"
    )
    decision.get_by_label("Till och med").fill(until.isoformat())
    submit(page, decision.get_by_role("button", name="Spara beslutet"))
    expect(page.get_by_role("status")).to_contain_text("Sparat.")
    decided = row(main(page).get_by_role("table", name="Beslut på mötet"), NEW_DECISION)
    expect(decided.get_by_role("cell")).to_have_text(
        [
            re.compile(r"^§ \d+/\d{4}$"),
            # The decision's text, then what other apps offer on it ("Planera trygghetsvandring").
            re.compile("^" + re.escape(NEW_DECISION)),
            "Köping centrala, Karlbergsskolan",
            "fredag–lördag 21–01",
            "Polisen, lokalpolisområde Köping",
            until.isoformat(),
            re.compile("^Beslutad"),
        ]
    )

    action = main(page).locator("details").filter(has_text="Lägg till en åtgärd")
    action.get_by_text("Lägg till en åtgärd").click()
    # By name: the agenda form's field has the same id, so its label points there (see report).
    action.locator("input[name=title]").fill(NEW_ACTION)
    action.get_by_label("Ansvarig organisation").select_option(label="Tekniska förvaltningen")
    action.get_by_label("Ansvarig person (frivilligt)").fill("Parkchefen")
    due = meeting_day + timedelta(days=10)
    action.get_by_label("Klart senast").fill(due.isoformat())
    submit(page, action.get_by_role("button", name="Spara åtgärden"))
    expect(page.get_by_role("status")).to_contain_text("Sparat.")
    added = row(main(page).get_by_role("table", name="Åtgärder från mötet"), NEW_ACTION)
    expect(added.get_by_role("cell").nth(1)).to_have_text("Tekniska förvaltningen (Parkchefen)")
    expect(added.get_by_role("cell").nth(2)).to_have_text(due.isoformat())
    expect(added.get_by_role("cell").nth(3)).to_contain_text("Öppen")

    # The minutes as PDF and Word.
    minutes_title = f"Minnesanteckningar Lägesbildsmöte {meeting_day.isoformat()}"
    name, data = download(page, main(page).get_by_role("link", name="Minnesanteckningar PDF"))
    assert name == f"minnesanteckningar-koping-lagesbild-{meeting_day:%Y%m%d}.pdf"
    text = pdf_text(data, tmp_path)
    assert minutes_title in text
    assert NEW_DECISION in text and NEW_ACTION in text and EARLIER_ACTION in text
    name, data = download(page, main(page).get_by_role("link", name="Minnesanteckningar Word"))
    assert name == f"minnesanteckningar-koping-lagesbild-{meeting_day:%Y%m%d}.docx"
    text = docx_text(data, tmp_path)
    assert minutes_title in text
    assert NEW_DECISION in text and NEW_ACTION in text and EARLIER_ACTION in text

    # The meeting after that carries the open action items on its agenda.
    follow(page, main(page).get_by_role("link", name="Lägesbildsmöte", exact=True))
    follow(page, main(page).get_by_role("link", name="Nytt möte"))
    expect(page.get_by_label("Mötestid")).to_have_value(
        f"{(meeting_day + timedelta(days=14)).isoformat()}T09:00"
    )
    submit(page, main(page).get_by_role("button", name="Skapa mötet"))
    agenda = main(page).get_by_role("list").filter(has_text="Övriga frågor")
    expect(agenda).to_contain_text(re.compile(rf"Uppföljning av insats § \d+/\d+: {NEW_DECISION}"))
    expect(agenda).to_contain_text(f"Öppen åtgärd: {EARLIER_ACTION}")
    carried = agenda.get_by_role("listitem").filter(has_text=f"Öppen åtgärd: {NEW_ACTION}")
    expect(carried).to_contain_text(f"Ansvarig: Tekniska förvaltningen. Klart senast {due}.")
    submit(page, carried.get_by_role("button", name=re.compile("^Markera klar")))
    expect(page.get_by_role("status")).to_contain_text(
        f"Åtgärden ”{NEW_ACTION}” är markerad som klar."
    )
    carried = main(page).get_by_role("listitem").filter(has_text=f"Öppen åtgärd: {NEW_ACTION}")
    expect(carried).to_contain_text("klar")
    expect(carried.get_by_role("button")).to_have_count(0)
    follow(page, main(page).get_by_role("link", name="Lägesbildsmöte", exact=True))
    open_actions = main(page).get_by_role("table", name="Öppna åtgärder")
    expect(open_actions).to_contain_text(EARLIER_ACTION)
    expect(open_actions).not_to_contain_text(NEW_ACTION)


POLICE_SUMMARY = (
    "Fler anmälningar om skadegörelse kring Resecentrum under helgkvällar. "
    "Ungdomsgrupper samlas vid Stora Torget efter klockan 22."
)
POLICE_ITEM = "Återkommande stenkastning mot bussar vid Resecentrum fredagar."


def test_coordinator_orders_a_half_year_as_a_document(page, live_server, demo, tmp_path):
    """A period longer than a quarter is made by the task worker: the coordinator follows
    its page and downloads it there."""
    today = timezone.localdate()
    start = today - timedelta(days=181)
    login(page, live_server, "samordnare", "demo")
    follow(page, nav(page).get_by_role("link", name="Lägesbild", exact=True))
    period = main(page).get_by_role("form", name="Välj period")
    period.get_by_label("Från").fill(start.isoformat())
    period.get_by_label("Till").fill(today.isoformat())
    submit(page, period.get_by_role("button", name="Visa"))
    expect(main(page)).to_contain_text("dokumentet tas fram i bakgrunden")
    follow(page, main(page).get_by_role("link", name="Beställ PDF"))
    expect(heading(page)).to_have_text("Lägesbild som dokument")
    expect(main(page).get_by_role("status")).to_contain_text("Dokumentet är klart.")
    name, data = download(page, main(page).get_by_role("link", name=re.compile("^Ladda ned")))
    assert name == f"lagesbild-koping-{start:%Y%m%d}-{today:%Y%m%d}.pdf"
    assert f"Lägesbild Köping {start.isoformat()}–{today.isoformat()}" in pdf_text(data, tmp_path)
    follow(page, main(page).get_by_role("link", name="Tillbaka till lägesbilden"))
    orders = main(page).get_by_role("group").filter(has_text="Beställda dokument")
    orders.get_by_text("Beställda dokument").click()
    expect(orders.get_by_role("link", name=re.compile(r"\(PDF\)$"))).to_be_visible()


def test_the_document_page_tells_when_the_document_is_ready_without_reloading(
    page, live_server, demo, monkeypatch
):
    """The worker is slow: the page says the order waits, then, without reloading (focus and
    screen readers stay where they are), that the document is ready, with its link."""
    from django_scopes import scope, scopes_disabled

    from trygg.core.jobs import job_claim
    from trygg.core.models import Municipality
    from trygg.lagesbild import services, tasks
    from trygg.lagesbild.models import DocumentJob

    # The order is queued, but no worker takes it until the test says so.
    monkeypatch.setattr(tasks, "build_picture_document", SimpleNamespace(enqueue=lambda pk: None))
    today = timezone.localdate()
    login(page, live_server, "samordnare", "demo")
    visit(
        page,
        f"{live_server.url}/lagesbild/lagesbild.docx?fran={today - timedelta(days=120)}"
        f"&till={today}",
    )
    status = main(page).get_by_role("status")
    expect(status).to_contain_text("Väntar på sin tur")
    expect(main(page).get_by_role("link", name=re.compile("^Ladda ned"))).to_be_hidden()
    back = main(page).get_by_role("link", name="Tillbaka till lägesbilden")
    back.focus()
    with scopes_disabled():
        job = DocumentJob.objects.get()
        koping = Municipality.objects.get(slug="koping")
    with scope(municipality=koping):
        services.document_job_build(job_claim(DocumentJob, job.pk))
    expect(status).to_have_text("Dokumentet är klart.", timeout=10_000)
    link = main(page).get_by_role("link", name=re.compile(r"^Ladda ned lagesbild-koping-.*\.docx$"))
    expect(link).to_be_visible()
    expect(back).to_be_focused()
    axe_check(page)


def test_police_add_their_picture_and_the_coordinator_sees_it(page, new_context, live_server, demo):
    login(page, live_server, "polis", "demo")
    follow(page, nav(page).get_by_role("link", name="Lägesbild", exact=True))
    police = main(page).get_by_role("region", name="Polisens lägesbild")
    expect(police).to_contain_text("Polisen har inte lagt in någon lägesbild för perioden.")
    start = page.get_by_role("form", name="Välj period").get_by_label("Från").input_value()
    end = page.get_by_role("form", name="Välj period").get_by_label("Till").input_value()
    follow(page, police.get_by_role("link", name="Lägg in polisens lägesbild"))
    expect(heading(page)).to_have_text("Polisens lägesbild för perioden")
    expect(page.get_by_label("Från")).to_have_value(start)
    expect(page.get_by_label("Till")).to_have_value(end)
    page.get_by_label("Polisens lokala lägesbild").fill(POLICE_SUMMARY)
    first = main(page).get_by_role("group", name="Punkt 1")
    first.get_by_label("Tema").select_option(label="Stöld, inbrott och skadegörelse")
    first.get_by_label("Område").select_option(label="Köping centrala (RegSO)")
    first.get_by_label("Beskrivning").fill(POLICE_ITEM)
    first.get_by_label("Referens").fill("5000-K123456-26")
    submit(page, main(page).get_by_role("button", name="Spara"))
    expect(page.get_by_role("status")).to_contain_text("Polisens lägesbild är sparad.")
    expect(heading(page)).to_have_text("Polisens lokala lägesbild")
    expect(main(page)).to_contain_text(POLICE_SUMMARY)

    coordinator = new_context().new_page()
    login(coordinator, live_server, "samordnare", "demo")
    follow(coordinator, nav(coordinator).get_by_role("link", name="Lägesbild", exact=True))
    police = main(coordinator).get_by_role("region", name="Polisens lägesbild")
    expect(police).to_contain_text(POLICE_SUMMARY)
    expect(police.get_by_role("listitem")).to_have_text(
        f"Stöld, inbrott och skadegörelse (Köping centrala): {POLICE_ITEM} [5000-K123456-26]"
    )
    expect(police).to_contain_text("Begränsad")
