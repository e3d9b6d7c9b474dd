"""CSV and Excel imports stored in batches: each chunk of validated rows is checked as
report_create would check it, then written in one transaction (COPY on PostgreSQL, one
executemany on SQLite) with its areas and history rows. Row by row through report_create it
was a transaction and about nine statements a row (93–160 rows/s).

What a file repeats is worked out once per job (TableCache): a place name is cleaned and
redacted once, a point is tested against the boundary and the areas and given its H3 cells
once, a description seen before is not redacted again. Each row is then a tuple in column
order, and its history row is written by one INSERT … SELECT a chunk (see bench/RESULTS.md,
"Spreadsheet imports", for what each step cost)."""

import functools
import json
import uuid
from datetime import UTC

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from trygg.core.text import clean
from trygg.core.viewer import Viewer
from trygg.geo.h3cells import cells_for_point
from trygg.geo.selectors import area_index
from trygg.locale_sv import municipality_boundary

from . import privacy
from .models import Report, ReportEvent
from .services import ReportInput
from .services._common import _actor_label
from .services.intake import _validate
from .tabular import RowOk

# Rows per transaction and per progress save (the job's heartbeat). Each commit costs
# SQLite ~18 ms here: 1,000-row chunks spent 0.9 s of a 50,000-row import committing.
TABLE_CHUNK = 5000

NO_ROWS = "Filen har inga rader under rubrikraden; inget importerades."

# The columns a table row fills, in the order its tuple is built (see _row); the rest keep
# their database defaults (NULL or blank), as in imports.bulk_insert_reports.
COLUMNS = (
    "uuid",
    "municipality_id",
    "kind",
    "category_id",
    "occurred_at",
    "occurred_until",
    "reported_at",
    "lat",
    "lon",
    "precision",
    "place_name",
    "place_name_redacted",
    "h3_r7",
    "h3_r8",
    "h3_r9",
    "outside_municipality",
    "description",
    "description_redacted",
    "personal_data_found",
    "source",
    "organisation_id",
    "reporter_id",
    "contact_name",
    "contact_email",
    "contact_phone",
    "cost_sek",
    "police_report_number",
    "people_count",
    "youth_involved",
    "sensitivity",
    "status",
    "external_id",
    "external_url",
    "created_at",
    "updated_at",
)
_EXTERNAL_ID = COLUMNS.index("external_id")
# Kept per job: enough for every distinct place and point of a typical file, bounded for
# one whose every row differs (memory stays a few MB).
CACHE_SIZE = 50_000


class TableCache:
    """What one job's rows share, worked out once per distinct value."""

    def __init__(self, municipality):
        self.municipality = municipality
        self.index = area_index(municipality)
        self.sqlite = connection.vendor != "postgresql"
        self.place = functools.lru_cache(maxsize=CACHE_SIZE)(self._place)
        self.point = functools.lru_cache(maxsize=CACHE_SIZE)(self._point)
        self.text = functools.lru_cache(maxsize=4096)(privacy.redact)

    @staticmethod
    def _place(raw: str) -> tuple[str, str, privacy.Redaction]:
        # What report_create does to a place name: cleaned, then stripped and cut for storage.
        cleaned = clean(raw)
        stored = cleaned.strip()[:200]
        return cleaned, stored, privacy.redact(stored)

    def _point(self, lat: float, lon: float) -> tuple[str | None, list[int], dict]:
        """The point's problem (outside the boundary) or None, its areas and H3 cells."""
        if self.index.inside_municipality(lat, lon) is False:
            boundary = municipality_boundary(self.municipality.official_name)
            problem = (
                f"Platsen ligger utanför {boundary}. Rapportera till den kommun där det hände."
            )
            return problem, [], {}
        return None, self.index.area_ids_at(lat, lon), cells_for_point(lat, lon)


def table_rows_store(
    *,
    viewer: Viewer,
    rows: list[RowOk],
    by_code: dict,
    organisation,
    dry_run: bool = False,
    cache: TableCache | None = None,
) -> tuple[int, int, list[tuple[int, str]]]:
    """Stores one chunk of validated table rows as reports; returns (created, skipped,
    errors). A row whose external id is already stored is skipped; a row report_create
    would refuse is an error naming its row. A dry run checks the same and stores nothing.
    `cache` carries what earlier chunks of the same job worked out."""
    if not viewer.may("reports.create"):
        raise PermissionDenied("Du har inte behörighet att rapportera.")
    municipality = viewer.municipality
    cache = cache or TableCache(municipality)
    existing = set(
        Report.objects.filter(
            municipality=municipality,
            source=Report.Source.FIL,
            external_id__in_array=[r.values["external_id"] for r in rows],
        )
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    now = timezone.now()
    fixed = _fixed(viewer, organisation, now, cache.sqlite)
    new: list[tuple] = []
    areas: dict[str, list[int]] = {}
    errors: list[tuple[int, str]] = []
    skipped = 0
    for row in rows:
        values = row.values
        if values["external_id"] in existing:
            skipped += 1
            continue
        category = by_code[values["category"]]
        place_cleaned, place_stored, place_redacted = cache.place(values.get("place_name") or "")
        # The fields report_create's validation reads, cleaned of control characters as
        # report_create cleans them (clean_fields).
        data = ReportInput(
            category=category,
            occurred_at=values["occurred_at"],
            lat=values.get("lat"),
            lon=values.get("lon"),
            place_name=place_cleaned,
            description=clean(values.get("description") or ""),
            cost_sek=values.get("cost_sek"),
            police_report_number=clean(values.get("police_report_number") or ""),
            people_count=values.get("people_count"),
            youth_involved=values.get("youth_involved"),
            source=Report.Source.FIL,
            external_id=clean(values["external_id"]),
            organisation=organisation,
        )
        problems = _validate(municipality, data, now)
        point = None
        if not problems and data.lat is not None:
            point = cache.point(data.lat, data.lon)
            if point[0] is not None:
                problems["lat"] = [point[0]]
        if problems:
            messages = ValidationError(problems).messages
            errors.extend((row.row_number, f"Rad {row.row_number}: {m}") for m in messages)
            continue
        new.append(_row(data, values, point, place_stored, place_redacted, fixed, cache))
        if point is not None and point[1]:
            areas[data.external_id] = point[1]
    if not dry_run and new:
        with transaction.atomic():
            _insert(new, areas, viewer, municipality, now)
    return len(new), skipped, errors


def _fixed(viewer: Viewer, organisation, now, sqlite: bool) -> dict:
    """The values every row of a chunk shares, prepared for the database once."""
    stamp = _sqlite_datetime(now) if sqlite else now
    return {
        "municipality_id": viewer.municipality.pk,
        "organisation_id": getattr(organisation, "pk", None),
        "reporter_id": viewer.user_id,
        "now": stamp,
    }


def _sqlite_datetime(value):
    # Django's SQLite adapt_datetimefield_value (naive UTC text), less its settings lookup.
    return None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))


def _row(data: ReportInput, values: dict, point, place_stored, place_redacted, fixed, cache):
    """The report as report_create builds it, as a tuple in COLUMNS order."""
    description = data.description.strip()
    text = cache.text(description)
    found = dict(text.counts)
    for kind, n in place_redacted.counts.items():
        found[kind] = found.get(kind, 0) + n
    cells = point[2] if point is not None else {}
    # A date without a time of day is the whole day (see tabular.validation).
    occurred_at, until = data.occurred_at, values.get("occurred_until")
    if cache.sqlite:
        occurred_at, until = _sqlite_datetime(occurred_at), _sqlite_datetime(until)
        key = uuid.uuid4().hex
    else:
        key = uuid.uuid4()
    now = fixed["now"]
    return (
        key,
        fixed["municipality_id"],
        data.kind,
        data.category.pk,
        occurred_at,
        until,
        now,
        data.lat,
        data.lon,
        Report.Precision.PUNKT if data.lat is not None else Report.Precision.ADRESS,
        place_stored,
        place_redacted.text,
        cells.get(7),
        cells.get(8),
        cells.get(9),
        False,
        description,
        text.text,
        json.dumps(found) if found else "{}",
        Report.Source.FIL,
        fixed["organisation_id"],
        fixed["reporter_id"],
        "",
        "",
        "",
        data.cost_sek,
        data.police_report_number.strip()[:40],
        data.people_count,
        data.youth_involved,
        data.category.sensitivity,
        Report.Status.NY,
        data.external_id,
        "",
        now,
        now,
    )


def _insert(new: list[tuple], areas: dict[str, list[int]], viewer: Viewer, municipality, now):
    tuples_insert(Report, COLUMNS, new)
    ids = [r[_EXTERNAL_ID] for r in new]
    # COPY reads no keys back: the external ids (unique per source) find the new rows. As in
    # the duplicate check, the blank-id exclusion lets the partial unique index serve
    # (without it SQLite scanned the table once a chunk: 50,000 rows went from 5,200 to
    # 1,600 rows/s).
    stored = (
        Report.objects.filter(
            municipality=municipality, source=Report.Source.FIL, external_id__in_array=ids
        )
        .exclude(external_id="")
        .order_by()
    )
    _events_insert(stored, viewer, municipality, now)
    if not areas:
        return
    pks = dict(stored.values_list("external_id", "pk"))
    tuples_insert(
        Report.areas.through,
        ("report_id", "area_id"),
        [(pks[external_id], a) for external_id, area_ids in areas.items() for a in area_ids],
    )


def _events_insert(stored, viewer: Viewer, municipality, now) -> None:
    """The new reports' "created" history rows, in one INSERT … SELECT over the chunk's rows
    (as services._common._event writes them one by one)."""
    values = {
        "municipality_id": municipality.pk,
        "at": now,
        "actor_id": viewer.user_id,
        "actor_label": _actor_label(viewer),
        "kind": ReportEvent.Kind.CREATED,
    }
    fields = [f for f in ReportEvent._meta.concrete_fields if not f.primary_key]
    columns, selected, params = [], [], []
    for f in fields:
        columns.append(connection.ops.quote_name(f.column))
        if f.attname == "report_id":
            selected.append("chunk.pk")
            continue
        value = values[f.attname] if f.attname in values else f.get_default()
        selected.append("%s")
        params.append(f.get_db_prep_save(value, connection))
    sql, where = stored.values("pk").query.sql_with_params()
    table = connection.ops.quote_name(ReportEvent._meta.db_table)
    with connection.cursor() as cursor:
        # Table and columns are the model's own; the chunk's query is Django's, with its
        # parameters; every value is a parameter.
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"SELECT {', '.join(selected)} FROM ({sql}) chunk",
            [*params, *where],
        )


def tuples_insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows given as tuples of prepared values in `columns` order (attnames): COPY on
    PostgreSQL, one executemany on SQLite. Columns left out get their database default."""
    if not rows:
        return
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    names = ", ".join(connection.ops.quote_name(by_attname[c].column) for c in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        # Table and columns are the model's own names, quoted; every value is a parameter.
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
