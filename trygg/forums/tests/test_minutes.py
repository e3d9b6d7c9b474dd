"""Minutes for every forum as PDF and DOCX: attendance, agenda, the § decisions (insatser
in the lägesbildsmöte, plain decisions elsewhere), action items, and what the lägesbild adds."""

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from trygg.documents.tests.test_no_django import impure_imports
from trygg.forums.minutes import Minutes, MinutesAction, MinutesDecision, minutes_docx, minutes_pdf
from trygg.lagesbild.document_content import hotspot_blocks, summary_blocks
from trygg.lagesbild.tests.documents_sample import sample_picture
from trygg.lagesbild.tests.test_document_docx import cells, headings, open_docx
from trygg.lagesbild.tests.test_document_pdf import text_of
from trygg.locale_sv import STOCKHOLM

NOW = datetime(2026, 3, 20, 10, tzinfo=STOCKHOLM)


def _minutes(**changes) -> Minutes:
    minutes = Minutes(
        municipality_name="Köping",
        forum_name="Brottsförebyggande rådet (BRÅ)",
        held_at=datetime(2026, 3, 17, 13, 30, tzinfo=STOCKHOLM),
        place="Stadshuset, sal Mälaren",
        status="Genomfört",
        participants=["Anna Åberg (samordnare)", "Örjan Ek (polis)", "Li Ström <li@example.se>"],
        organisations=["Köpings kommun", "Polisen"],
        members=[("Karin Berg", "Ordförande"), ("Örjan Ek", "Ledamot")],
        agenda=[("Lägesbild", "Ökning av skadegörelse i #centrum; *se bilaga*."), ("Övrigt", "")],
        notes="Diskussion om belysning vid stationen.\n\nPolisen återkommer om $kameror [sic].",
        decisions=[
            MinutesDecision(
                paragraph="§ 1/2026",
                what="Rådet föreslår trygghetsvandring i centrum",
                area="",
                place="",
                time_window="",
                responsible="Köpings kommun",
                until=None,
                status="Beslutad",
            )
        ],
        actions=[
            MinutesAction(
                title="Boka vandringen <centrum>",
                owner="Köpings kommun",
                due=date(2026, 4, 15),
                status="Öppen",
            )
        ],
    )
    return replace(minutes, **changes)


def test_a_bra_meetings_minutes_have_every_section_with_numbered_decisions():
    text = text_of(minutes_pdf(_minutes(), generated_at=NOW))
    for expected in [
        "Minnesanteckningar Brottsförebyggande rådet (BRÅ) 2026-03-17",
        "Närvarande",
        "Li Ström <li@example.se>",
        "Karin Berg (Ordförande)",
        "Ökning av skadegörelse i #centrum; *se bilaga*.",
        "Polisen återkommer om $kameror [sic].",
        "§ 1/2026",
        "Rådet föreslår trygghetsvandring i centrum",
        "Boka vandringen <centrum>",
    ]:
        assert expected in text, expected
    assert "Beslut om insatser" not in text and "Lägesbild för perioden" not in text


def test_a_bra_meetings_minutes_as_docx_list_decisions_without_insats_columns():
    document = open_docx(minutes_docx(_minutes(), generated_at=NOW))
    assert headings(document) == [
        "Minnesanteckningar Brottsförebyggande rådet (BRÅ) 2026-03-17",
        "Närvarande",
        "Dagordning",
        "Anteckningar",
        "Beslut",
        "Åtgärder",
    ]
    decisions = next(cells(t) for t in document.tables if cells(t)[0][0] == "§")
    assert decisions == [
        ["§", "Beslut", "Ansvarig", "Gäller till", "Status"],
        [
            "§ 1/2026",
            "Rådet föreslår trygghetsvandring i centrum",
            "Köpings kommun",
            "–",
            "Beslutad",
        ],
    ]


def test_a_lagesbildsmote_has_insatser_and_the_picture_the_lagesbild_adds():
    picture = sample_picture()
    insats = MinutesDecision(
        paragraph="§ 4/2026",
        what="Extra nattvandring",
        area="Centrum",
        place="Stationsområdet",
        time_window="fre–lör 21–02",
        responsible="Köpings kommun",
        until=date(2026, 4, 30),
        status="Beslutad",
    )
    minutes = _minutes(
        forum_name="Lägesbildsmöte",
        insatser=True,
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 14),
        decisions=[insats],
        contributed=summary_blocks(picture) + hotspot_blocks(picture),
    )
    document = open_docx(minutes_docx(minutes, generated_at=NOW))
    decisions = next(cells(t) for t in document.tables if cells(t)[0][0] == "§")
    assert decisions[1] == [
        "§ 4/2026",
        "Extra nattvandring",
        "Centrum",
        "Stationsområdet",
        "fre–lör 21–02",
        "Köpings kommun",
        "2026-04-30",
        "Beslutad",
    ]
    text = text_of(minutes_pdf(minutes, generated_at=NOW))
    assert "Beslut om insatser" in text and "Karta över Köping" in text


def test_empty_minutes_say_so():
    empty = _minutes(participants=[], organisations=[], members=[], agenda=[], notes="")
    text = text_of(minutes_pdf(replace(empty, decisions=[], actions=[]), generated_at=NOW))
    for expected in [
        "Inga deltagare antecknade.",
        "Ingen dagordning antecknad.",
        "Inga beslut.",
        "Inga åtgärder.",
    ]:
        assert expected in text


@pytest.mark.parametrize("name", ["minutes.py"])
def test_the_minutes_module_imports_no_django_and_no_model(name):
    path = Path(__file__).resolve().parent.parent / name
    bad = impure_imports(path, ("trygg.documents", "trygg.locale_sv"))
    assert not bad, f"{name} imports {bad}"
