"""CSV and XLSX of the filtered report list. Respects visibility (the queryset comes from
report_list) and redaction (originals only for roles allowed to see them); audited. No cell
runs as a formula in a spreadsheet (trygg/core/spreadsheets.py)."""

import csv
from io import BytesIO, StringIO

from django.utils import timezone
from openpyxl import Workbook

from trygg.core.kernel import audit
from trygg.core.spreadsheets import csv_cell, xlsx_row
from trygg.core.text import clean
from trygg.core.viewer import Viewer

from . import selectors

HEADERS = [
    "nr",
    "typ",
    "kategori",
    "huvudkategori",
    "inträffade",
    "inträffade_senast",
    "rapporterad",
    "status",
    "plats",
    "latitud",
    "longitud",
    "precision",
    "områden",
    "beskrivning",
    "kostnad_kr",
    "polisens_diarienummer",
    "antal_inblandade",
    "unga_inblandade",
    "rapporterande_organisation",
    "tilldelad_organisation",
    "skyddsnivå",
    "källa",
]


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else ""


def rows(*, viewer: Viewer, reports):
    originals = viewer.may("reports.view_original")
    reports = selectors.with_area_names(reports)
    for r in reports.iterator(chunk_size=2000):
        row = [
            r.pk,
            r.get_kind_display(),
            r.category.name,
            r.category.parent.name if r.category.parent_id else r.category.name,
            _local(r.occurred_at),
            _local(r.occurred_until),
            _local(r.reported_at),
            r.get_status_display(),
            r.place_name if originals else r.place_name_redacted,
            r.lat if r.lat is not None else "",
            r.lon if r.lon is not None else "",
            r.get_precision_display(),
            "; ".join(a.name for a in r.areas.all()),
            r.description if originals else r.description_redacted,
            r.cost_sek if r.cost_sek is not None else "",
            r.police_report_number,
            r.people_count if r.people_count is not None else "",
            {True: "ja", False: "nej"}.get(r.youth_involved, ""),
            r.organisation.name if r.organisation_id else "",
            r.assigned_organisation.name if r.assigned_organisation_id else "",
            r.get_sensitivity_display(),
            r.get_source_display(),
        ]
        # Rows stored before control characters were stripped on input (or written past the
        # services) must not break the file: openpyxl refuses them, Excel too.
        yield [clean(v) for v in row]


def to_csv(*, viewer: Viewer, reports) -> str:
    out = StringIO()
    # A BOM and semicolons: what Swedish Excel opens correctly with a double-click.
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
    n = 0
    for row in rows(viewer=viewer, reports=reports):
        writer.writerow([csv_cell(v) for v in row])
        n += 1
    audit(
        viewer, "reports.exported", summary=f"Exporterade {n} rapporter som CSV", fmt="csv", rows=n
    )
    return out.getvalue()


def to_xlsx(*, viewer: Viewer, reports) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rapporter")
    ws.append(HEADERS)
    n = 0
    for row in rows(viewer=viewer, reports=reports):
        ws.append(xlsx_row(ws, row))
        n += 1
    out = BytesIO()
    wb.save(out)
    audit(
        viewer,
        "reports.exported",
        summary=f"Exporterade {n} rapporter som XLSX",
        fmt="xlsx",
        rows=n,
    )
    return out.getvalue()
