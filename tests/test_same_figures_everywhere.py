"""One amount reads the same on every surface: the lägesbild page, its PDF and DOCX, the
report list, the strategic draft and the annual follow-up (184 350,50 kr → 184 351 kr); and
the report list's local days hold the reports of those days across DST and New Year."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import docx
import pypdf
import pytest
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_report, viewer_for
from trygg.core.models import Role
from trygg.locale_sv import STOCKHOLM
from trygg.reports.selectors import ReportFilter, report_list
from trygg.strategy import annual, drafting

NB = "\u00a0"
SHOWN = f"184{NB}351{NB}kr"  # 184 350,50 kr rounded half up
PERIOD = {"fran": "2026-11-02", "till": "2026-11-15"}


@pytest.fixture
def costly(koping):
    when = datetime(2026, 11, 5, 21, 0, tzinfo=STOCKHOLM)
    return make_report(koping, "klotter", when=when, cost_sek=Decimal("184350.50"))


def _docx_cells(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [c.text for t in document.tables for row in t.rows for c in row.cells]


def _pdf_text(data: bytes) -> str:
    # Typst writes a no-break space as a space glyph: it comes back as a plain space.
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


def test_an_amount_is_the_same_text_on_the_page_in_the_pdf_and_in_the_docx(client, users, costly):
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("lagesbild:picture"), PERIOD).content.decode()
    pdf = client.get(reverse("lagesbild:picture_document", args=["pdf"]), PERIOD)
    word = client.get(reverse("lagesbild:picture_document", args=["docx"]), PERIOD)
    assert pdf["Content-Type"] == "application/pdf"
    # On the page: the organisation's row, the total and the notable report.
    assert page.count(SHOWN) == 3 and f"184{NB}350{NB}kr" not in page
    # In the DOCX: the organisation's row and the total of the cost table.
    assert _docx_cells(word.content).count(SHOWN) == 2
    assert _pdf_text(pdf.content).count(SHOWN.replace(NB, " ")) == 2


def test_the_report_list_rounds_the_same_way_and_the_report_keeps_its_ore(client, users, costly):
    client.force_login(users[Role.SAMORDNARE])
    listing = client.get(reverse("reports:list"), PERIOD).content.decode()
    detail = client.get(reverse("reports:detail", args=[costly.pk])).content.decode()
    assert SHOWN in listing
    assert f"184{NB}350,50{NB}kr" in detail


def test_the_strategic_draft_and_the_annual_follow_up_show_the_same_amount(users, koping, costly):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        sections = drafting.draft_sections(viewer=viewer, start_year=2026, end_year=2026)
        figures = annual.goal_figures(viewer=viewer, year=2026)
    assert f"**{SHOWN}**" in sections["konsekvenser"]
    assert any(SHOWN in line for lines in figures.values() for line in lines)


@pytest.mark.parametrize(
    ("day", "inside", "outside"),
    [
        # 00:30 on the 23-hour day summer time begins is still 28 March in UTC.
        (date(2026, 3, 29), datetime(2026, 3, 28, 23, 30, tzinfo=UTC),
         datetime(2026, 3, 28, 22, 30, tzinfo=UTC)),
        # 23:30 on the 25-hour day summer time ends; 00:30 the next day is not in it.
        (date(2026, 10, 25), datetime(2026, 10, 25, 22, 30, tzinfo=UTC),
         datetime(2026, 10, 25, 23, 30, tzinfo=UTC)),
        # New Year's Eve at 23:30 is in 2026; ten past midnight is New Year's Day.
        (date(2026, 12, 31), datetime(2026, 12, 31, 22, 30, tzinfo=UTC),
         datetime(2026, 12, 31, 23, 10, tzinfo=UTC)),
        (date(2027, 1, 1), datetime(2026, 12, 31, 23, 10, tzinfo=UTC),
         datetime(2026, 12, 31, 22, 30, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_a_local_day_in_the_report_list_holds_that_days_reports(
    users, koping, day, inside, outside
):
    wanted = make_report(koping, "klotter", when=inside)
    make_report(koping, "klotter", when=outside)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        found = report_list(viewer=viewer, filters=ReportFilter(date_from=day, date_to=day))
        assert list(found.values_list("pk", flat=True)) == [wanted.pk]


def test_a_year_in_the_annual_follow_up_is_the_local_calendar_year(users, koping):
    # In 2026 (local): ten past midnight on New Year's Day, which is still 2025 in UTC, and
    # 23:30 on New Year's Eve. The other two are 2025 and 2027 in Stockholm.
    make_report(koping, "klotter", when=datetime(2025, 12, 31, 23, 10, tzinfo=UTC))
    make_report(koping, "klotter", when=datetime(2026, 12, 31, 22, 30, tzinfo=UTC))
    make_report(koping, "klotter", when=datetime(2025, 12, 31, 22, 59, tzinfo=UTC))
    make_report(koping, "klotter", when=datetime(2026, 12, 31, 23, 10, tzinfo=UTC))
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        figures = annual.goal_figures(viewer=viewer, year=2026)
    assert figures["G1"][0].startswith("2 rapporter om brott och otrygghet (1 året före)")
