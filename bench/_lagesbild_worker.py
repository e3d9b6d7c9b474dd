"""Run by bench_lagesbild in its own process, for one database (chosen before Django starts).

argv: engine (sqlite | postgresql), the generated arrays (.npz), the plan (.json) and where to
write the results (.json). Creates the 290 municipalities through the ORM (the post_save
signal seeds their categories), their organisations and boundaries, bulk-loads the reports
with the indexes dropped and rebuilt, then times on the plan's samples: the app's lägesbild
(`picture_for_period`), the SQL it issued replayed on a bare cursor, the seven aggregations of
_lagesbild_sql, and the map (`map_features`) for the plan's viewports. Progress goes to stdout.
"""

import json
import os
import statistics
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from bench import national  # noqa: E402
from bench._lagesbild_sql import (  # noqa: E402
    MAP_DEFAULT_DAYS,
    aggregation_queries,
    checksum,
    windows,
)
from trygg.core.models import Municipality, Organisation, Role  # noqa: E402
from trygg.core.viewer import Viewer  # noqa: E402
from trygg.geo.models import Area  # noqa: E402
from trygg.lagesbild.selectors import picture_for_period  # noqa: E402
from trygg.reports.maps import map_features  # noqa: E402
from trygg.reports.models import Category  # noqa: E402
from trygg.reports.selectors import ReportFilter  # noqa: E402

TABLE = "reports_report"


def say(text: str) -> None:
    print(text, flush=True)


class Clock:
    def __init__(self):
        self.phases: dict[str, float] = {}

    def __call__(self, name: str):
        clock = self

        class _Phase:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                clock.phases[name] = time.perf_counter() - self.t
                say(f"  {name}: {clock.phases[name]:.1f} s")

        return _Phase()


# --- Setting up the tenants -----------------------------------------------------------------


def create_tenants():
    """Municipalities through the ORM (categories seeded by the signal), organisations and
    boundaries in bulk. Returns the id maps the loaders need and the Municipality objects."""
    munis = national.municipalities()
    with scopes_disabled(), transaction.atomic():
        objs = [
            Municipality.objects.create(
                name=m.name,
                kommunkod=m.code,
                county_code=m.county_code,
                slug=f"{slugify(m.name)}-{m.code}",
                population=m.population,
            )
            for m in munis
        ]
        Organisation.objects.bulk_create(
            [
                Organisation(municipality=o, name=name, kind=kind)
                for o in objs
                for _key, name, kind in national.ORGANISATIONS
            ]
        )
        areas = []
        for o, m in zip(objs, munis, strict=True):
            min_lon, min_lat, max_lon, max_lat = shape(m.geometry).bounds
            areas.append(
                Area(
                    municipality=o,
                    name=m.name,
                    kind=Area.Kind.KOMMUNGRANS,
                    code=m.code,
                    geometry=m.geometry,
                    min_lon=min_lon,
                    min_lat=min_lat,
                    max_lon=max_lon,
                    max_lat=max_lat,
                )
            )
        Area.objects.bulk_create(areas)
        muni_pk = np.array([o.pk for o in objs], dtype=np.int64)
        index_of = {o.pk: i for i, o in enumerate(objs)}
        cat_pk = np.zeros((len(objs), len(national.CATEGORY_CODES)), dtype=np.int64)
        code_index = {c: i for i, c in enumerate(national.CATEGORY_CODES)}
        for m_id, code, pk in Category.objects.values_list("municipality_id", "code", "pk"):
            cat_pk[index_of[m_id], code_index[code]] = pk
        org_pk = np.zeros((len(objs), len(national.ORGANISATIONS)), dtype=np.int64)
        name_index = {name: i for i, (_k, name, _kind) in enumerate(national.ORGANISATIONS)}
        for m_id, name, pk in Organisation.objects.values_list("municipality_id", "name", "pk"):
            org_pk[index_of[m_id], name_index[name]] = pk
    assert cat_pk.all() and org_pk.all()
    return objs, muni_pk, cat_pk, org_pk


# --- Loading ----------------------------------------------------------------------------------

# (column, how it is made from the arrays) for the SQLite insert; constants are inlined.
SQLITE_CONSTANTS = {
    "place_name": "''",
    "outside_municipality": "0",
    "personal_data_found": "'{}'",
    "contact_name": "''",
    "contact_email": "''",
    "contact_phone": "''",
    "police_report_number": "''",
    "external_url": "''",
}


def sqlite_rows(data, lo, hi, muni_pk, cat_pk, org_pk):
    m = data["muni"][lo:hi].astype(np.int64)
    org = data["org"][lo:hi].astype(np.int64)
    lat, lon = data["lat"][lo:hi], data["lon"][lo:hi]
    cost = data["cost"][lo:hi]
    youth = data["youth"][lo:hi]
    occurred = national.sql_datetimes(data["occurred"][lo:hi]).tolist()
    reported = national.sql_datetimes(data["reported"][lo:hi]).tolist()
    texts = np.array(national.TEXT_LIST, dtype=object)[data["text"][lo:hi]].tolist()
    source = data["source"][lo:hi]
    police = source == national.SOURCES.index("polisen")
    external = np.full(hi - lo, "", dtype=object)
    external[police] = [f"p{i}" for i in np.flatnonzero(police) + lo]
    h3 = {r: data[f"h3_r{r}"][lo:hi] for r in (7, 8, 9)}
    columns = {
        "uuid": national.uuid_hex(data["uuid_hi"][lo:hi], data["uuid_lo"][lo:hi]).tolist(),
        "municipality_id": muni_pk[m].tolist(),
        "kind": np.array(national.KINDS, dtype=object)[data["kind"][lo:hi]].tolist(),
        "category_id": cat_pk[m, data["category"][lo:hi].astype(np.int64)].tolist(),
        "occurred_at": occurred,
        "reported_at": reported,
        "lat": national.nullable(lat, np.isnan(lat)),
        "lon": national.nullable(lon, np.isnan(lon)),
        "precision": np.array(national.PRECISIONS, dtype=object)[data["precision"][lo:hi]].tolist(),
        "h3_r7": national.nullable(h3[7], h3[7] == 0),
        "h3_r8": national.nullable(h3[8], h3[8] == 0),
        "h3_r9": national.nullable(h3[9], h3[9] == 0),
        "description": texts,
        "description_redacted": texts,
        "source": np.array(national.SOURCES, dtype=object)[source].tolist(),
        "organisation_id": national.nullable(org_pk[m, np.maximum(org, 0)], org < 0),
        "cost_sek": national.nullable(np.nan_to_num(cost).astype(np.int64), np.isnan(cost)),
        "youth_involved": national.nullable(youth, youth < 0),
        "sensitivity": np.array(national.SENSITIVITIES, dtype=object)[
            data["sensitivity"][lo:hi]
        ].tolist(),
        "status": np.array(national.STATUSES, dtype=object)[data["status"][lo:hi]].tolist(),
        "external_id": external.tolist(),
        "created_at": reported,
        "updated_at": reported,
    }
    return list(columns), zip(*columns.values(), strict=True)


def load_sqlite(data, muni_pk, cat_pk, org_pk, clock) -> dict:
    raw = connection.connection
    n = data["occurred"].size
    indexes = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (TABLE,),
    ).fetchall()
    raw.execute("PRAGMA journal_mode=OFF")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-1000000")
    raw.execute("PRAGMA temp_store=MEMORY")
    raw.execute("PRAGMA threads=2")  # sorter threads for CREATE INDEX
    for name, _sql in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    chunk = 200_000
    with clock("sqlite insert (executemany, one transaction)"):
        raw.execute("BEGIN")
        for lo in range(0, n, chunk):
            names, rows = sqlite_rows(data, lo, min(n, lo + chunk), muni_pk, cat_pk, org_pk)
            cols = [*names, *SQLITE_CONSTANTS]
            values = ["?"] * len(names) + list(SQLITE_CONSTANTS.values())
            raw.executemany(
                f"INSERT INTO {TABLE} ({', '.join(cols)}) VALUES ({', '.join(values)})", rows
            )
        raw.execute("COMMIT")
    index_times = {}
    with clock("sqlite create indexes"):
        for name, sql in indexes:
            t = time.perf_counter()
            raw.execute(sql)
            index_times[name] = time.perf_counter() - t
    with clock("sqlite ANALYZE (analysis_limit=1000, as PRAGMA optimize does)"):
        raw.execute("PRAGMA analysis_limit=1000")
        raw.execute("ANALYZE")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("PRAGMA cache_size=-2000")  # back to SQLite's default (2 MB) for the timings
    raw.execute("PRAGMA threads=0")
    return index_times


def load_postgres(csv_path, clock) -> dict:
    cols = (
        "uuid, municipality_id, kind, category_id, occurred_at, reported_at, lat, lon, precision, "
        "place_name, h3_r7, h3_r8, h3_r9, outside_municipality, description, "
        "description_redacted, personal_data_found, source, organisation_id, contact_name, "
        "contact_email, contact_phone, cost_sek, police_report_number, youth_involved, "
        "sensitivity, status, external_id, external_url, created_at, updated_at"
    )
    with connection.cursor() as cur:
        cur.execute("ALTER SYSTEM SET max_wal_size = '16GB'")
        cur.execute("SELECT pg_reload_conf()")
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            [TABLE],
        )
        uniques = cur.fetchall()
        cur.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
            "AND NOT x.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [TABLE],
        )
        indexes = cur.fetchall()
        for name, _ in uniques:
            cur.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        # Foreign keys are checked by triggers row by row; the rows are consistent by
        # construction, so the load skips them (the constraints stay defined). COPY FREEZE into
        # the table truncated in the same transaction writes the rows frozen and all-visible,
        # as a VACUUM would leave them (index-only scans need the visibility map).
        cur.execute("SET session_replication_role = replica")
        with clock("postgresql COPY FREEZE (CSV from DuckDB)"), transaction.atomic():
            cur.execute(f"TRUNCATE {TABLE} CASCADE")
            with cur.cursor.copy(f"COPY {TABLE} ({cols}) FROM STDIN (FORMAT csv, FREEZE)") as copy:
                with open(csv_path, "rb") as f:
                    while block := f.read(1 << 22):
                        copy.write(block)
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute("SET max_parallel_maintenance_workers = 2")
        index_times = {}
        with clock("postgresql create indexes and unique constraints"):
            for name, definition in uniques:
                t = time.perf_counter()
                cur.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
                index_times[name] = time.perf_counter() - t
            for name, sql in indexes:
                t = time.perf_counter()
                cur.execute(sql)
                index_times[name] = time.perf_counter() - t
        with clock("postgresql ANALYZE"):
            cur.execute(f"ANALYZE {TABLE}")
    return index_times


# --- Timing -----------------------------------------------------------------------------------


def timed_capture(fn) -> tuple[float, list[tuple[str, object]]]:
    """Runs fn once; returns its time and the SQL it issued (the wrapper costs ~1 µs a query)."""
    queries = []

    def wrapper(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        t = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - t
    return elapsed, queries


def replay(queries) -> list[float]:
    """Each query on a bare cursor, all rows fetched: the database's share of the app's time."""
    times = []
    with connection.cursor() as cur:
        for sql, params in queries:
            t = time.perf_counter()
            cur.execute(sql, params)
            cur.fetchall()
            times.append(time.perf_counter() - t)
    return times


def run_aggregations(engine, muni_pk, end) -> tuple[dict[str, float], dict]:
    times, sums = {}, {}
    with connection.cursor() as cur:
        for name, sql, params in aggregation_queries(engine, muni_pk, end):
            t = time.perf_counter()
            cur.execute(sql, params)
            rows = cur.fetchall()
            times[name] = time.perf_counter() - t
            sums[name] = checksum(rows)
    return times, sums


def time_samples(engine, samples, objs, muni_pk, *, repeats: int, app_repeats: int) -> list:
    """Per sample: the app (median of app_repeats), its SQL replayed and the aggregations
    (medians of `repeats`)."""
    out = []
    for s in samples:
        m = objs[s["muni"]]
        end = date.fromisoformat(s["end"])
        w = windows(end)
        viewer = Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE}))

        def picture(viewer=viewer, m=m, w=w):
            with scope(municipality=m):
                return picture_for_period(viewer=viewer, start=w["start"], end=w["end"])

        row = {"muni": s["muni"], "end": s["end"]}
        if app_repeats:
            runs = [timed_capture(picture) for _ in range(app_repeats)]
            row["app"] = statistics.median(t for t, _ in runs)
            queries = runs[-1][1]
            row["app_queries"] = len(queries)
            replays = [replay(queries) for _ in range(repeats)]
            per_query = [statistics.median(t) for t in zip(*replays, strict=True)]
            row["app_sql"] = statistics.median(sum(r) for r in replays)
            slowest = max(range(len(queries)), key=per_query.__getitem__)
            row["app_slowest"] = [per_query[slowest], queries[slowest][0][:200]]
        agg_runs = [run_aggregations(engine, int(muni_pk[s["muni"]]), end) for _ in range(repeats)]
        row["agg"] = statistics.median(sum(t.values()) for t, _ in agg_runs)
        row["agg_parts"] = {k: statistics.median(t[k] for t, _ in agg_runs) for k in agg_runs[0][0]}
        row["sums"] = agg_runs[0][1]
        out.append(row)
    return out


# map_features per viewport: the median of three calls, as a user pans over the same area.
MAP_REPEATS = 3


def time_viewports(viewports, objs, filters: ReportFilter) -> list[dict]:
    """Per viewport: map_features, median of MAP_REPEATS calls; its two queries replayed
    once."""
    out = []
    for v in viewports:
        m = objs[v["muni"]]
        viewer = Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE}))
        result = {}

        def features(viewer=viewer, m=m, v=v, result=result):
            with scope(municipality=m):
                result.update(
                    map_features(
                        viewer=viewer,
                        filters=filters,
                        bbox=tuple(v["bbox"]),
                        zoom=v["zoom"],
                    )
                )

        runs = [timed_capture(features) for _ in range(MAP_REPEATS)]
        queries = runs[-1][1]
        row = {"muni": v["muni"], "zoom": v["zoom"], "app": statistics.median(t for t, _ in runs)}
        row["features"] = len(result["features"])
        row["shown"] = sum(f["properties"].get("count", 1) for f in result["features"])
        # map_features issues two queries: the count of reports without a point, then the
        # cells (or points) in the bbox.
        parts = replay(queries)
        row["count_sql"], row["cells_sql"] = parts[0], parts[-1]
        row["sql"] = [q[0] for q in queries]
        out.append(row)
    return out


def explain(engine, sql, params) -> str:
    with connection.cursor() as cur:
        if engine == "postgresql":
            cur.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) " + sql, params)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(str(c) for c in row) for row in cur.fetchall())


def load_urlconf() -> str:
    """The project's URLconf, or the bench's reports-only one when it does not import."""
    from django.conf import settings
    from django.urls import clear_url_caches, get_resolver

    project = settings.ROOT_URLCONF
    try:
        get_resolver().url_patterns  # noqa: B018 - imports every app's urls now
        return project
    except Exception as exc:  # noqa: BLE001 - any app's half-written module
        settings.ROOT_URLCONF = "bench._urls"
        clear_url_caches()
        get_resolver().url_patterns  # noqa: B018
        return f"bench._urls ({project} failed to import: {exc!r})"


def peak_rss_gb() -> float:
    """This process's peak resident memory. (getrusage's ru_maxrss would carry the parent's
    peak over the exec on Linux.)"""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**20
    return float("nan")


def main(engine: str, npz: str, plan_path: str, out_path: str) -> None:
    plan = json.loads(open(plan_path).read())
    clock = Clock()
    result = {"engine": engine, "phases": clock.phases, "urlconf": load_urlconf()}
    say(f"URLconf: {result['urlconf']}")
    with clock("migrate"):
        call_command("migrate", verbosity=0)
    with clock("290 municipalities (ORM, categories by signal), organisations, boundaries"):
        objs, muni_pk, cat_pk, org_pk = create_tenants()
    if engine == "sqlite":
        data = national.load(npz)
        result["index_build"] = load_sqlite(data, muni_pk, cat_pk, org_pk, clock)
        del data
        with connection.cursor() as cur:
            cur.execute("SELECT sqlite_version()")
            result["version"] = "SQLite " + cur.fetchone()[0]
        result["db_bytes"] = os.path.getsize(connection.settings_dict["NAME"])
    else:
        result["index_build"] = load_postgres(plan["csv"], clock)
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            result["version"] = "PostgreSQL " + cur.fetchone()[0]
            cur.execute("SELECT pg_total_relation_size(%s)", [TABLE])
            result["db_bytes"] = cur.fetchone()[0]
            cur.execute("SHOW shared_buffers")
            result["shared_buffers"] = cur.fetchone()[0]
            cur.execute("SHOW work_mem")
            result["work_mem"] = cur.fetchone()[0]
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {TABLE}")
        result["rows"] = cur.fetchone()[0]
    # DuckDB numbers the rows the way a fresh database does; say so if this one did not.
    shape = (len(objs), -1)
    result["ids_as_duckdb"] = bool(
        np.array_equal(muni_pk, np.arange(1, len(objs) + 1))
        and np.array_equal(cat_pk, np.arange(1, cat_pk.size + 1).reshape(shape))
        and np.array_equal(org_pk, np.arange(1, org_pk.size + 1).reshape(shape))
    )
    # Loads may run side by side; timings run one database at a time, when told to.
    say("READY")
    if sys.stdin.readline().strip() != "GO":
        return
    repeats = plan["repeats"]
    samples, big, viewports = plan["samples"], plan["big"], plan["viewports"]

    def lagesbild(label):
        with clock(f"lägesbild warm-up {label}"):
            time_samples(engine, samples, objs, muni_pk, repeats=1, app_repeats=1)
            time_samples(engine, big, objs, muni_pk, repeats=1, app_repeats=0)
        with clock(f"lägesbild samples {label}"):
            rows = time_samples(engine, samples, objs, muni_pk, repeats=repeats, app_repeats=2)
        with clock(f"lägesbild largest municipalities {label}"):
            rows_big = time_samples(engine, big, objs, muni_pk, repeats=repeats, app_repeats=1)
        return rows, rows_big

    result["samples"], result["big"] = lagesbild("")
    # The map as it opens (the last 12 months), and with all five years ("Visa alla år").
    since = date.fromisoformat(plan["today"]) - timedelta(days=MAP_DEFAULT_DAYS - 1)
    filters = {"all": ReportFilter(), "12m": ReportFilter(date_from=since)}

    def maps(label):
        out = {}
        for key, f in filters.items():
            with clock(f"map viewports {key} {label}"):
                out[key] = time_viewports(viewports, objs, f)
        return out

    result["viewports"] = maps("")
    result["explain"] = {
        name: explain(engine, sql, params)
        for name, sql, params in aggregation_queries(
            engine, int(muni_pk[big[0]["muni"]]), date.fromisoformat(big[0]["end"])
        )
    }
    result["max_rss_gb"] = peak_rss_gb()
    with open(out_path, "w") as f:
        json.dump(result, f, default=str)


if __name__ == "__main__":
    main(*sys.argv[1:5])
