"""Exports of a survey's aggregate results: the page's figures, suppressed exactly as shown
(the same cells from selectors.results), as CSV, XLSX or PDF; every export is audited."""

import csv
import io

from django.utils import timezone

from trygg.core.kernel import audit, require
from trygg.core.spreadsheets import csv_cell, xlsx_row
from trygg.core.viewer import Viewer
from trygg.documents.model import Document, column, heading, para, table
from trygg.documents.pdf import render_pdf

from ..audit_events import RESULTS_EXPORTED
from ..models import Survey
from ..selectors.results import survey_results

HEADERS = [
    "Fråga (nyckel)",
    "Fråga",
    "Indelning",
    "Grupp",
    "Svarsalternativ",
    "Andel",
    "Konfidensintervall 95 %",
    "Antal svar",
    "Svarssätt",
]


def results_rows(results) -> list[list]:
    """One line per question × group × option (and the group's total), as on the page."""
    lines = []
    for q in results.questions:
        for row in q.rows:
            for label, cell in zip(q.options, row.cells, strict=True):
                lines.append(
                    [q.key, q.text, results.breakdown_label, row.label, label, cell.text,
                     cell.ci, cell.count if cell.count is not None else cell.text,
                     results.mode_label]
                )  # fmt: skip
            lines.append(
                [q.key, q.text, results.breakdown_label, row.label, "Alla som svarat", "",
                 "", row.total.count if row.total.count is not None else row.total.text,
                 results.mode_label]
            )  # fmt: skip
        if q.map is not None:
            for name, cell in q.map.areas:
                lines.append(
                    [q.key, q.text, "Område", name, "Markeringar", "", "",
                     cell.count if cell.count is not None else cell.text, results.mode_label]
                )  # fmt: skip
    return lines


def results_document(survey: Survey, results) -> Document:
    """The same cells as a document: one table per question, a row per group, a column per
    option (shares, or "färre än 5" / "–" where hidden), and the group's number of answers."""
    blocks = [
        para(f"{results.mode_label}. Indelning: {results.breakdown_label}."),
        para(
            "Grupper med färre än 5 svar visas inte, och inte heller värden som skulle avslöja "
            "dem.",
            small=True,
        ),
    ]
    for q in results.questions:
        blocks.append(heading(q.text, level=3))
        if not q.options:
            continue
        columns = [column("Grupp", width=2)]
        columns += [column(label, align="right") for label in q.options]
        columns.append(column("Antal svar", align="right"))
        rows = []
        for row in q.rows:
            total = row.total.count if row.total.count is not None else row.total.text
            rows.append([row.label, *(cell.text for cell in row.cells), str(total)])
        blocks.append(table(columns, rows))
        if q.map is not None and q.map.areas:
            blocks.append(
                table(
                    [column("Område", width=2), column("Markeringar", align="right")],
                    [
                        [name, str(cell.count if cell.count is not None else cell.text)]
                        for name, cell in q.map.areas
                    ],
                )
            )
    municipality = survey.municipality
    return Document(
        title=f"Resultat: {survey.title}",
        subtitle=f"{survey.dialogue.title} – {results.breakdown_label}",
        footer=f"{municipality.official_name} · enkätresultat",
        blocks=blocks,
        author=municipality.official_name,
        keywords=("medborgardialog", "enkät"),
    )


def results_export(*, viewer: Viewer, survey: Survey, breakdown: str, fmt: str) -> bytes:
    """The results of one breakdown as a file; fmt is "csv", "xlsx" or "pdf"."""
    require(viewer, "dialog.export")
    results = survey_results(viewer=viewer, survey=survey, breakdown=breakdown)
    lines = results_rows(results)
    if fmt == "csv":
        out = io.StringIO()
        # A BOM and semicolons: what Swedish Excel opens correctly with a double-click.
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        for line in lines:
            writer.writerow([csv_cell(v) for v in line])
        data = ("\ufeff" + out.getvalue()).encode("utf-8")
    elif fmt == "pdf":
        data = render_pdf(results_document(survey, results), generated_at=timezone.localtime())
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        sheet = wb.create_sheet("Resultat")
        sheet.append(xlsx_row(sheet, HEADERS))
        for line in lines:
            sheet.append(xlsx_row(sheet, line))
        buffer = io.BytesIO()
        wb.save(buffer)
        data = buffer.getvalue()
    audit(
        viewer,
        RESULTS_EXPORTED,
        survey,
        summary=f"Enkätresultat exporterade ({fmt.upper()})",
        format=fmt,
        breakdown=breakdown or "kommun",
        lines=len(lines),
    )
    return data
