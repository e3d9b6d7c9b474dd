"""Imports of reports: the Police's public events feed and CSV/XLSX with a column mapping.

Runs in the task worker; progress is written to the ImportJob as it goes. A bad row never
stops the rest: each is reported with its reason. The external id makes a re-import change
nothing. A dry run reports every bad row and stores nothing."""

import functools
import json
import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import islice

from django.db import connection, models, transaction
from django.utils import timezone

from trygg.core.models import Organisation, Role
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.geo.gazetteer.selectors import PlaceStatus, places_in_text
from trygg.geo.selectors import area_index

from . import imports_table, polisen, privacy, tabular
from .models import Category, ImportJob, Report

log = logging.getLogger(__name__)
CHUNK = 2000
MAX_ERRORS_KEPT = 1000


def _chunks(items, size) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _save_progress(job: ImportJob, **fields) -> None:
    # Every progress save is the worker's heartbeat (core.jobs): an import that stops
    # saving has lost its worker.
    fields["heartbeat_at"] = timezone.now()
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=[*fields])


def _add_errors(job: ImportJob, errors: list[tuple[int, str]]) -> None:
    room = MAX_ERRORS_KEPT - len(job.errors)
    if room > 0:
        job.errors.extend({"row": row, "message": message} for row, message in errors[:room])
    job.error_count += len(errors)


def import_run(job: ImportJob) -> ImportJob:
    """Runs one import job, claimed by this worker (core.jobs.job_claim), to the end;
    failures of the whole file mark the job failed."""
    try:
        with job.file.open("rb") as fh:
            raw = fh.read()
        if job.kind == ImportJob.Kind.POLISEN:
            _run_polisen(job, raw)
        else:
            _run_table(job, raw)
    except (polisen.PoliceFeedError, tabular.TabularError) as exc:
        _save_progress(
            job, status=ImportJob.Status.MISSLYCKAD, message=str(exc), finished_at=timezone.now()
        )
        return job
    except Exception:
        log.exception("import job %s failed", job.pk)
        _save_progress(
            job,
            status=ImportJob.Status.MISSLYCKAD,
            message=ImportJob.TECHNICAL_FAILURE,
            finished_at=timezone.now(),
        )
        return job
    _save_progress(
        job,
        status=ImportJob.Status.KLAR,
        finished_at=timezone.now(),
        errors=job.errors,
        error_count=job.error_count,
        message=job.message,
    )
    return job


# --- The Police's events ------------------------------------------------------------------


def _police_organisation(municipality) -> Organisation | None:
    return (
        Organisation.objects.filter(
            municipality=municipality, kind=Organisation.Kind.POLIS, active=True
        )
        .order_by("pk")
        .first()
    )


def _run_polisen(job: ImportJob, raw: bytes) -> None:
    municipality = job.municipality
    events, errors = polisen.parse_feed(raw)
    _add_errors(job, [(i + 1, f"Objekt {i + 1}: {msg}") for i, msg in errors])
    # Before the municipality is chosen: the newest version decides where an event belongs.
    events, repeated = polisen.latest_versions(events)
    mine, others = [], []
    for event in events:
        (mine if polisen.municipality_matches(event, municipality.name) else others).append(event)
    withdrawn = police_events_withdraw(
        municipality=municipality, events=others, dry_run=job.dry_run
    )
    _save_progress(
        job,
        total=len(mine),
        skipped_count=len(others) - withdrawn + repeated,
        updated_count=withdrawn,
        error_count=job.error_count,
        errors=job.errors,
    )
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    organisation = _police_organisation(municipality)
    created, updated = 0, withdrawn
    for n, c, u, s in police_events_import(
        municipality=municipality,
        events=mine,
        categories=categories,
        organisation=organisation,
        dry_run=job.dry_run,
    ):
        created, updated = created + c, updated + u
        _save_progress(
            job,
            processed=job.processed + n,
            created_count=created,
            updated_count=updated,
            skipped_count=job.skipped_count + s,
        )


# A large import refreshes the table's statistics this often (in chunks), so that finding
# already imported ids keeps using the unique index on external ids (see below).
ANALYZE_EVERY = 25


def police_events_import(
    *, municipality, events, categories, organisation, dry_run=False, chunk_size=CHUNK
) -> Iterator[tuple[int, int, int, int]]:
    """Stores police events chunk by chunk, each id once in its newest version; yields
    (events, created, updated, skipped) per chunk. On PostgreSQL the table is analysed after
    the first chunk and then every ANALYZE_EVERY chunks: without it the planner, still
    believing the municipality has a few rows, reads all of them for every chunk's duplicate
    check (measured: 110 ms a chunk at 100,000 rows, growing with the import)."""
    events, _repeated = polisen.latest_versions(events)
    for i, chunk in enumerate(_chunks(events, chunk_size)):
        created, updated, skipped = police_events_store(
            municipality=municipality,
            events=chunk,
            categories=categories,
            organisation=organisation,
            dry_run=dry_run,
        )
        yield len(chunk), created, updated, skipped
        if not dry_run and created and i % ANALYZE_EVERY == 0:
            _refresh_statistics()


def _refresh_statistics() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Report._meta.db_table)}")


def _stored_police_reports(municipality, ids, *fields) -> dict[str, Report]:
    return {
        r.external_id: r
        # One array parameter, and the blank-id exclusion that lets PostgreSQL use the
        # partial unique index report_unique_external_id (measured: 103 → 35 ms a chunk).
        for r in Report.objects.filter(
            municipality=municipality, source=Report.Source.POLISEN, external_id__in_array=ids
        )
        .exclude(external_id="")
        .only("pk", "external_id", "reported_at", "withdrawn_at", *fields)
    }


def police_events_withdraw(*, municipality, events, dry_run=False) -> int:
    """Withdraws this municipality's reports of events whose newer version the Police placed
    elsewhere (kept and marked, out of lists and counts); returns how many. The new
    municipality creates them when it imports the file."""
    now = timezone.now()
    withdrawn = 0
    for chunk in _chunks(events, CHUNK):
        stored = _stored_police_reports(municipality, [e.external_id for e in chunk])
        moved = []
        for event in chunk:
            report = stored.get(event.external_id)
            if report and report.withdrawn_at is None and event.published_at > report.reported_at:
                # The version that moved it is now the stored one: an older copy that still
                # names this municipality must not bring it back.
                report.reported_at = event.published_at
                report.withdrawn_at = report.updated_at = now
                moved.append(report)
        withdrawn += len(moved)
        if moved and not dry_run:
            Report.objects.bulk_update(
                moved, ["reported_at", "withdrawn_at", "updated_at"], batch_size=1000
            )
    return withdrawn


# What a newer version of an event may change in its stored report.
_VERSION_FIELDS = (
    "description",
    "description_redacted",
    "place_name",
    "place_name_redacted",
    "personal_data_found",
    "category",
    "occurred_at",
    "reported_at",
    "lat",
    "lon",
    "outside_municipality",
    "external_url",
    "withdrawn_at",
)


def police_events_store(
    *, municipality, events, categories, organisation, dry_run=False
) -> tuple[int, int, int]:
    """Stores one chunk of police events in bulk, each id once in its newest version; returns
    (created, updated, skipped). A stored report changes only for a version at least as new
    as its own.

    Their coordinates are municipality or county centroids, so they are stored with
    municipality precision: counted for the municipality, left out of point and area
    analyses (no area rows, no H3 cells) — unless the notice names one place of the
    gazetteer, which gives it that place's areas at area precision (and no point). A
    county's centroid says nothing about the municipality, so county-level events keep no
    point and are never "outside" (Köping's lies outside Köping). Their history is the
    import itself."""
    # Callers that pass a whole file (the demo) get the same guarantee as police_events_import.
    events, _repeated = polisen.latest_versions(events)
    existing = _stored_police_reports(
        municipality,
        [e.external_id for e in events],
        *(f for f in _VERSION_FIELDS if f not in ("category", "reported_at", "withdrawn_at")),
        "category_id",
        "precision",
    )
    index = area_index(municipality)
    # A place the notice names ("Bråk i Kolsva") puts it in that place's areas, at area
    # precision at most: the Police's own point is only a centroid (issue 15).
    in_text = places_in_text(municipality=municipality)
    placed: dict[str, tuple[int, ...]] = {}

    # Per notice about 7 µs of CPU (normalising the text is most of it); notices repeat
    # their wording ("Larm om trafikolycka."), so each text is read once per chunk.
    @functools.lru_cache(maxsize=4096)
    def place_of(description) -> tuple[int, ...]:
        match = in_text(description)
        return match.area_ids if match.status == PlaceStatus.OMRADE else ()

    # The Police give a municipality's or county's centroid: a handful of places per chunk.
    @functools.lru_cache(maxsize=256)
    def outside(lat, lon) -> bool:
        return index.inside_municipality(lat, lon) is False

    # A handful of place names per chunk too: each is redacted once (measured: 75 ms per
    # 50,000 events of this function's ~1.1 s, all of it on the same few places).
    @functools.lru_cache(maxsize=1024)
    def place_redacted(place_name) -> privacy.Redaction:
        return privacy.redact(place_name)

    def redacted(description, place_name) -> dict:
        # What privacy.redacted_report_text gives, with the place's part cached.
        text, place = privacy.redact(description), place_redacted(place_name)
        found = dict(text.counts)
        for kind, n in place.counts.items():
            found[kind] = found.get(kind, 0) + n
        return {
            "description_redacted": text.text,
            "place_name_redacted": place.text,
            "personal_data_found": found,
        }

    new, changed, skipped = [], [], 0
    now = timezone.now()
    defaults = {
        "municipality_id": municipality.pk,
        "kind": Report.Kind.HANDELSE,
        "precision": Report.Precision.KOMMUN,
        "source": Report.Source.POLISEN,
        "organisation_id": getattr(organisation, "pk", None),
        "created_at": now,
        "updated_at": now,
    }
    for event in events:
        if event.category_code is None:
            skipped += 1
            continue
        category = categories.get(event.category_code) or categories.get("ovrigt")
        # This path writes past report_create, so it cleans the text itself.
        description = strip_control_characters(event.summary)
        place_name = strip_control_characters(event.place or event.location_name)[:200]
        area_ids = place_of(description)
        precision = Report.Precision.OMRADE if area_ids else Report.Precision.KOMMUN
        if event.county_level or area_ids:
            lat = lon = None
            is_outside = False
        else:
            lat, lon, is_outside = event.lat, event.lon, outside(event.lat, event.lon)
        old = existing.get(event.external_id)
        if old is not None:
            if event.published_at < old.reported_at:  # an older version: the stored one stays
                skipped += 1
                continue
            values = {
                "description": description,
                "place_name": place_name,
                "category_id": category.pk,
                "occurred_at": event.occurred_at,
                "reported_at": event.published_at,
                "lat": lat,
                "lon": lon,
                "outside_municipality": is_outside,
                "external_url": event.url[:200],
                "withdrawn_at": None,
                "precision": precision,
            }
            if any(getattr(old, k) != v for k, v in values.items()):
                placed[event.external_id] = area_ids
                values.update(redacted(description, place_name))
                for key, value in values.items():
                    setattr(old, key, value)
                old.updated_at = now
                changed.append(old)
            else:
                skipped += 1
            continue
        # Plain rows, not model instances: building 1 M Report objects costs more than
        # writing them (measured in bench/bench_import.py).
        new.append(
            {
                **defaults,
                "uuid": uuid.uuid4(),
                "category_id": category.pk,
                "occurred_at": event.occurred_at,
                "reported_at": event.published_at,
                "lat": lat,
                "lon": lon,
                "place_name": place_name,
                "outside_municipality": is_outside,
                "precision": precision,
                "description": description,
                **redacted(description, place_name),
                "sensitivity": category.sensitivity,
                "external_id": event.external_id,
                "external_url": event.url[:200],
            }
        )
        if area_ids:
            placed[event.external_id] = area_ids
    if dry_run:
        return len(new), len(changed), skipped
    with transaction.atomic():
        bulk_insert_reports(new)
        if changed:
            Report.objects.bulk_update(
                changed, [*_VERSION_FIELDS, "precision", "updated_at"], batch_size=1000
            )
        _police_areas_store(municipality, placed)
    return len(new), len(changed), skipped


def _police_areas_store(municipality, placed: dict[str, tuple[int, ...]]) -> None:
    """The area rows of the events placed by a name in their text (new or changed; a
    changed event that no longer names a place loses its rows). Few per chunk: most
    notices name only the municipality."""
    if not placed:
        return
    through = Report.areas.through
    ids = dict(
        Report.objects.filter(
            municipality=municipality,
            source=Report.Source.POLISEN,
            external_id__in=list(placed),
        ).values_list("external_id", "pk")
    )
    through.objects.filter(report_id__in=list(ids.values())).delete()
    through.objects.bulk_create(
        [
            through(report_id=ids[ext], area_id=area)
            for ext, areas in placed.items()
            if ext in ids
            for area in areas
        ]
    )


# The columns a bulk insert writes; the rest keep their database defaults (NULL or blank).
_BULK_FIELDS = (
    "uuid",
    "municipality",
    "kind",
    "category",
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
    "organisation",
    "reporter",
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


def bulk_insert_reports(rows: list[dict]) -> None:
    """Inserts many reports given as {attname: value}: COPY on PostgreSQL (several times
    faster than INSERT), bulk_create elsewhere. Primary keys are not read back."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        rows_insert_sqlite(Report, [Report._meta.get_field(n) for n in _BULK_FIELDS], rows)
        return
    # The COPY lists the first row's columns in its order, then the rest, which get the
    # model's default as bulk_create would give them. A row with the same keys in the same
    # order (every row of one import) is then its values plus the defaults (measured on
    # 100,000 Police rows: 1.4 s → 0.4 s against setting each column by name).
    by_attname = {f.attname: f for f in (Report._meta.get_field(n) for n in _BULK_FIELDS)}
    first = tuple(rows[0])
    fields = [by_attname[name] for name in first]
    fields += [f for f in by_attname.values() if f.attname not in first]
    position = {f.attname: i for i, f in enumerate(fields)}
    template = [_copy_value(f.get_default()) for f in fields]
    tail = template[len(first) :]
    json_at = [i for i, f in enumerate(fields[: len(first)]) if isinstance(f, models.JSONField)]
    # A callable default (the uuid) is called for each row that leaves its column out.
    fresh = [
        (i, f.default) for i, f in enumerate(fields) if f.has_default() and callable(f.default)
    ]
    fresh_tail = [(i, default) for i, default in fresh if i >= len(first)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Report._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                if tuple(row) == first:
                    values = list(row.values())
                    for i in json_at:
                        values[i] = _copy_value(values[i])
                    values += tail
                    for i, default in fresh_tail:
                        values[i] = _copy_value(default())
                else:
                    values = template.copy()
                    for i, default in fresh:
                        if fields[i].attname not in row:
                            values[i] = _copy_value(default())
                    for name, value in row.items():
                        values[position[name]] = _copy_value(value)
                copy.write_row(values)


def rows_insert_sqlite(model, fields, rows: list[dict]) -> None:
    """One INSERT executed for every row (SQLite): bulk_create splits 1,000 rows into ~36
    statements, since SQLite bounds a statement's parameters. Columns a row leaves out get
    their default; values are prepared as Django's SQLite backend does for these types
    (datetimes as naive UTC text, UUIDs as hex, JSON as text) — per field it cost more than
    the insert (measured: 0.7 s of 1.4 s for 3,000 rows)."""
    position = {f.attname: i for i, f in enumerate(fields)}
    template = [f.get_db_prep_save(f.get_default(), connection) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(fields))
    # A callable default (a uuid) is called for each row that leaves its column out.
    fresh = [(i, f) for i, f in enumerate(fields) if f.has_default() and callable(f.default)]
    values = []
    for row in rows:
        line = template.copy()
        for i, f in fresh:
            if f.attname not in row:
                line[i] = f.get_db_prep_save(f.get_default(), connection)
        for name, value in row.items():
            if isinstance(value, datetime):
                # Django's adapt_datetimefield_value, less its settings lookup per value.
                value = str(value.astimezone(UTC).replace(tzinfo=None))
            elif isinstance(value, uuid.UUID):
                value = value.hex
            elif isinstance(value, dict | list):
                value = json.dumps(value)
            line[position[name]] = value
        values.append(line)
    # Table and columns are the model's own names, quoted; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _copy_value(value):
    # psycopg adapts datetimes, UUIDs, decimals and numbers itself; Django's per-field
    # preparation costs more than the COPY (measured), so only JSON needs help.
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


# --- CSV and Excel --------------------------------------------------------------------


def _run_table(job: ImportJob, raw: bytes) -> None:
    municipality = job.municipality
    table = tabular.read_table(raw, job.filename)
    mapping = job.mapping or tabular.suggest_mapping(table.headers)
    categories = list(Category.objects.filter(municipality=municipality, active=True))
    ok, bad = tabular.validate_rows(table, mapping, now=timezone.now(), categories=categories)
    _add_errors(job, [(e.row_number, e.message) for e in bad])
    # A row can carry several errors; progress counts rows.
    bad_rows = len({e.row_number for e in bad})
    _save_progress(
        job,
        total=len(ok) + bad_rows,
        processed=bad_rows,
        errors=job.errors,
        error_count=job.error_count,
    )
    if not ok and not bad:
        # A header row alone is not a finished import of nothing: the owner is told.
        job.message = imports_table.NO_ROWS
        return
    by_code = {c.code: c for c in categories}
    viewer = Viewer(
        municipality=municipality,
        roles=frozenset({Role.ANALYTIKER}),
        organisation_ids=frozenset({job.organisation_id}) if job.organisation_id else frozenset(),
        user=job.created_by,
    )
    created = skipped = 0
    cache = imports_table.TableCache(municipality)
    for n, chunk in enumerate(_chunks(ok, imports_table.TABLE_CHUNK), start=1):
        c, s, errors = imports_table.table_rows_store(
            viewer=viewer,
            rows=chunk,
            by_code=by_code,
            organisation=job.organisation,
            dry_run=job.dry_run,
            cache=cache,
        )
        created, skipped = created + c, skipped + s
        _add_errors(job, errors)
        _save_progress(
            job,
            processed=bad_rows + min(n * imports_table.TABLE_CHUNK, len(ok)),
            created_count=created,
            skipped_count=skipped,
            errors=job.errors,
            error_count=job.error_count,
        )
