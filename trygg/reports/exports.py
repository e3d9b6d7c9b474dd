"""CSV and XLSX of the filtered report list. Respects visibility (the queryset comes from
report_list) and redaction (originals only for roles allowed to see them); audited. No cell
runs as a formula in a spreadsheet (trygg/core/spreadsheets.py).

One query reads the rows as tuples with the areas' names aggregated in SQL: model instances,
a prefetch of areas and the JSON columns they carry cost the demo's 4,379 reports ~2 minutes
(issue 15); tuples of plain columns stream."""

import csv
from collections.abc import Iterator
from io import BytesIO

from django.db import connections
from django.db.models.expressions import RawSQL
from openpyxl import Workbook

from trygg.core.kernel import audit
from trygg.core.spreadsheets import csv_cell, xlsx_row
from trygg.core.text import clean
from trygg.core.viewer import Viewer
from trygg.locale_sv import STOCKHOLM

from .models import ExportJob, Report

# Up to this many rows an export is a direct download (issue 15's decision); a larger one is
# an ExportJob (services/export_jobs.py), written by the task worker.
DIRECT_LIMIT = 20_000
# A job saves its progress (and beats, core.jobs) this often.
PROGRESS_EVERY = 2000

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


def _labels(field: str) -> dict:
    return {k: str(v) for k, v in Report._meta.get_field(field).flatchoices}


def _area_names(vendor: str) -> RawSQL:
    """The report's areas' names joined by '; ' in (kind, name) order, as the list shows them;
    a correlated subquery, so the export stays one query however many rows it has."""
    # Only table names from the models' meta and fixed text: nothing from a request.
    through = Report.areas.through._meta.db_table
    area = Report.areas.field.related_model._meta.db_table
    report = Report._meta.db_table
    inner = f"SELECT a.name, a.kind FROM {through} ra JOIN {area} a ON a.id = ra.area_id"  # noqa: S608
    inner += f" WHERE ra.report_id = {report}.id"
    if vendor == "postgresql":
        sql = f"SELECT string_agg(x.name, '; ' ORDER BY x.kind, x.name) FROM ({inner}) x"  # noqa: S608
    else:
        # SQLite before 3.44 has no ORDER BY inside an aggregate; group_concat keeps the order
        # of an ordered subquery in FROM.
        sql = f"SELECT group_concat(x.name, '; ') FROM ({inner} ORDER BY a.kind, a.name) x"  # noqa: S608
    return RawSQL(sql, ())  # noqa: S611


def _tuples(*, viewer: Viewer, reports):
    originals = viewer.may("reports.view_original")
    vendor = connections[reports.db].vendor
    return (
        reports.annotate(export_areas=_area_names(vendor))
        .values_list(
            "pk",
            "kind",
            "category__name",
            "category__parent__name",
            "occurred_at",
            "occurred_until",
            "reported_at",
            "status",
            "place_name" if originals else "place_name_redacted",
            "lat",
            "lon",
            "precision",
            "export_areas",
            "description" if originals else "description_redacted",
            "cost_sek",
            "police_report_number",
            "people_count",
            "youth_involved",
            "organisation__name",
            "assigned_organisation__name",
            "sensitivity",
            "source",
        )
        .iterator(chunk_size=2000)
    )


def rows(*, viewer: Viewer, reports) -> Iterator[list]:
    """The export's rows as lists of cell values (no header), from one query."""
    kinds, statuses, precisions = _labels("kind"), _labels("status"), _labels("precision")
    levels, sources = _labels("sensitivity"), _labels("source")
    youth = {True: "ja", False: "nej", None: ""}
    fmt = "%Y-%m-%d %H:%M"

    def local(dt):
        return dt.astimezone(STOCKHOLM).strftime(fmt) if dt else ""

    for (
        pk,
        kind,
        category,
        parent,
        occurred,
        until,
        reported,
        status,
        place,
        lat,
        lon,
        precision,
        areas,
        text,
        cost,
        police_nr,
        people,
        young,
        org,
        assigned,
        level,
        source,
    ) in _tuples(viewer=viewer, reports=reports):
        # Rows stored before control characters were stripped on input (or written past the
        # services) must not break the file: openpyxl refuses them, Excel too.
        yield [
            pk,
            kinds.get(kind, kind),
            clean(category),
            clean(parent or category),
            local(occurred),
            local(until),
            local(reported),
            statuses.get(status, status),
            clean(place),
            "" if lat is None else lat,
            "" if lon is None else lon,
            precisions.get(precision, precision),
            clean(areas or ""),
            clean(text),
            "" if cost is None else cost,
            clean(police_nr),
            "" if people is None else people,
            youth[young],
            clean(org or ""),
            clean(assigned or ""),
            levels.get(level, level),
            sources.get(source, source),
        ]


class _Echo:
    """A file whose write returns the line, so csv.writer feeds a streaming response."""

    def write(self, value):
        return value


def export_audit(viewer: Viewer, fmt: str, n: int, job=None) -> None:
    audit(
        viewer,
        "reports.exported",
        job,
        summary=f"Exporterade {n} rapporter som {fmt.upper()}",
        fmt=fmt,
        rows=n,
    )


def csv_lines(*, viewer: Viewer, reports, count: int) -> Iterator[str]:
    """The CSV file line by line, for a streaming response; audited before the first line with
    the row count the caller measured (the rows are the same query's)."""
    export_audit(viewer, "csv", count)
    return _csv_lines(viewer=viewer, reports=reports)


def _csv_lines(*, viewer: Viewer, reports) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    # A BOM and semicolons: what Swedish Excel opens correctly with a double-click.
    yield "\ufeff" + writer.writerow(HEADERS)
    for row in rows(viewer=viewer, reports=reports):
        yield writer.writerow([csv_cell(v) for v in row])


def write_csv(*, viewer: Viewer, reports, out, progress=None) -> int:
    """Writes the CSV file, byte for byte what the direct download streams (UTF-8), to the
    binary file `out`; returns the row count. Not audited: a job audits its download.
    `progress(n)` is called every PROGRESS_EVERY rows."""
    n = -1
    for n, line in enumerate(_csv_lines(viewer=viewer, reports=reports)):
        out.write(line.encode("utf-8"))
        if progress is not None and n and n % PROGRESS_EVERY == 0:
            progress(n)
    return n


def to_csv(*, viewer: Viewer, reports) -> str:
    """The whole CSV file as one string (jobs and tests); audited with its row count."""
    lines = list(_csv_lines(viewer=viewer, reports=reports))
    export_audit(viewer, "csv", len(lines) - 1)
    return "".join(lines)


def write_xlsx(*, viewer: Viewer, reports, out, progress=None, audited: bool = True) -> int:
    """Writes the XLSX file to the binary file `out`; audited unless a job writes it (it
    audits the download); returns the row count. `progress(n)` as for write_csv."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rapporter")
    ws.append(HEADERS)
    n = 0
    for row in rows(viewer=viewer, reports=reports):
        ws.append(xlsx_row(ws, row))
        n += 1
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n)
    wb.save(out)
    if audited:
        export_audit(viewer, "xlsx", n)
    return n


def to_xlsx(*, viewer: Viewer, reports) -> bytes:
    out = BytesIO()
    write_xlsx(viewer=viewer, reports=reports, out=out)
    return out.getvalue()


def export_job_get(*, viewer: Viewer, pk: int):
    """The viewer's own large export (services/export_jobs.py), or None: nobody else's."""
    if viewer.user is None or not viewer.may("reports.export"):
        return None
    return ExportJob.objects.filter(
        municipality=viewer.municipality, created_by=viewer.user, pk=pk
    ).first()
