"""The lägesbild's aggregations as plain SQL for SQLite, PostgreSQL and DuckDB.

The same seven GROUP BYs on every engine, over the same rows: counts per category for the
period, the previous period and the same period last year; costs per organisation; counts per
H3 r8 cell of point-precise reports; weekday × hour; weekly counts for the 52 weeks up to the
period's end. Local time is Europe/Stockholm: PostgreSQL and DuckDB convert with their time
zone support; SQLite has none, so its UTC offset is a CASE over the DST changes in the window.

The periods mirror trygg/lagesbild/selectors.py (_bounds, _shift_year, _weekly) without
importing Django, so the DuckDB side runs in the bench process itself.
"""

from datetime import UTC, date, datetime, timedelta

from trygg.locale_sv import STOCKHOLM, day_bounds

DAYS = 14
WEEKS = 52
# Samordnare reads every sensitivity and organisation, so the app adds no visibility filter
# (trygg/reports/permissions.py report_visibility) and neither do these queries.
ZOOM_VIEWPORT_PX = (1280, 800)
# The map opens on this many days up to today (trygg/reports/maps.py DEFAULT_DAYS).
MAP_DEFAULT_DAYS = 365


bounds = day_bounds


def shift_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def windows(end: date, days: int = DAYS) -> dict:
    """The UTC windows the lägesbild reads for a period of `days` ending on `end`."""
    start = end - timedelta(days=days - 1)
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - timedelta(days=days - 1)
    last_monday = end - timedelta(days=end.weekday())
    first = last_monday - timedelta(weeks=WEEKS - 1)
    return {
        "start": start,
        "end": end,
        "current": bounds(start, end),
        "previous": bounds(prev_start, prev_end),
        "last_year": bounds(shift_year(start), shift_year(end)),
        "weekly": bounds(first, last_monday + timedelta(days=6)),
        "first_monday": first,
    }


def _utc_text(d: datetime) -> str:
    return d.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _offset_case(engine: str, lo: datetime, hi: datetime) -> str:
    """Stockholm's UTC offset in seconds at occurred_at, piecewise constant over [lo, hi)."""
    pieces = []
    t = lo.astimezone(UTC)
    offset = lo.astimezone(STOCKHOLM).utcoffset()
    while t < hi:
        t_next = t + timedelta(hours=1)
        o = t_next.astimezone(STOCKHOLM).utcoffset()
        if o != offset:
            pieces.append((t_next, offset))
            offset = o
        t = t_next
    last = int(offset.total_seconds())
    if not pieces:
        return str(last)
    zone = "" if engine == "sqlite" else "+00"
    whens = " ".join(
        f"WHEN occurred_at < '{_utc_text(at)}{zone}' THEN {int(o.total_seconds())}"
        for at, o in pieces
    )
    return f"(CASE {whens} ELSE {last} END)"


# As trygg/core/localtime.py EpochSeconds writes it (DuckDB: its own function).
EPOCH = {
    "sqlite": "CAST(ROUND((julianday(substr(occurred_at, 1, 19)) - 2440587.5) * 86400) AS INTEGER)",
    "postgresql": "CAST(FLOOR(DATE_PART('epoch', occurred_at)) AS BIGINT)",
    "duckdb": "epoch(occurred_at)::BIGINT",
}


def aggregation_queries(engine: str, muni_pk: int, end: date) -> list[tuple[str, str, list]]:
    """(name, sql, params) for the lägesbild's aggregations: %s placeholders and %% for the
    modulo operator, as Django's cursors take them (? and % for DuckDB)."""
    w = windows(end)

    def t(d: datetime):
        return _utc_text(d) if engine == "sqlite" else d

    base = "municipality_id = %s"
    where = f"{base} AND occurred_at >= %s AND occurred_at < %s"

    def params(window):
        lo, hi = w[window]
        return [muni_pk, t(lo), t(hi)]

    queries = [
        (
            f"categories_{window}",
            f"SELECT category_id, count(*) FROM reports_report WHERE {where} GROUP BY category_id",
            params(window),
        )
        for window in ("current", "previous", "last_year")
    ]
    queries.append(
        (
            "costs",
            "SELECT r.organisation_id, o.name, count(*), sum(r.cost_sek) FROM reports_report r "
            "LEFT JOIN core_organisation o ON o.id = r.organisation_id "
            "WHERE r.municipality_id = %s "
            "AND r.occurred_at >= %s AND r.occurred_at < %s AND r.cost_sek IS NOT NULL "
            "GROUP BY r.organisation_id, o.name ORDER BY 4 DESC",
            params("current"),
        )
    )
    queries.append(
        (
            "hex_r8",
            f"SELECT h3_r8, count(*) FROM reports_report WHERE {where} "
            "AND precision = 'punkt' AND h3_r8 IS NOT NULL GROUP BY h3_r8",
            params("current"),
        )
    )
    # Local time as integer arithmetic on epoch seconds plus the offset, the same expression on
    # every engine (SQLite has no time zones; PostgreSQL's AT TIME ZONE costs ~2 µs a row).
    # 1970-01-01 was a Thursday (3 with Monday = 0).
    div = "//" if engine == "duckdb" else "/"
    lo, hi = w["current"]
    local = f"({EPOCH[engine]} + {_offset_case(engine, lo, hi)})"
    wd_hour = f"({local} {div} 86400 + 3) %% 7, ({local} %% 86400) {div} 3600"
    wlo, whi = w["weekly"]
    first_day = (w["first_monday"] - date(1970, 1, 1)).days
    week = f"(({EPOCH[engine]} + {_offset_case(engine, wlo, whi)}) {div} 86400 - %s) {div} 7"
    week_params = [first_day]
    queries.append(
        (
            "weekday_hour",
            f"SELECT {wd_hour}, count(*) FROM reports_report WHERE {where} GROUP BY 1, 2",
            params("current"),
        )
    )
    wlo, whi = w["weekly"]
    queries.append(
        (
            "weekly",
            f"SELECT {week} AS w, count(*) FROM reports_report "
            f"WHERE {base} AND occurred_at >= %s AND occurred_at < %s GROUP BY 1",
            [*week_params, muni_pk, t(wlo), t(whi)],
        )
    )
    if engine == "duckdb":
        queries = [(name, sql.replace("%s", "?").replace("%%", "%"), p) for name, sql, p in queries]
    return queries


def checksum(rows: list) -> tuple[int, float]:
    """Groups and the sum of the count column (the last but one for costs): engine-neutral."""
    n = 0
    for row in rows:
        n += int(row[-1]) if len(row) != 4 else int(row[2])
    return len(rows), n


def viewport(lat: float, lon: float, zoom: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a 1280 × 800 px web-mercator map centred on lat, lon."""
    import math

    width, height = ZOOM_VIEWPORT_PX
    deg_per_px = 360 / (256 * 2**zoom)
    half_lon = width / 2 * deg_per_px
    half_lat = height / 2 * deg_per_px * math.cos(math.radians(lat))
    return (lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat)


def resolution_for_zoom(zoom: int) -> int | None:
    """As trygg/reports/maps.py."""
    if zoom >= 16:
        return None
    if zoom >= 14:
        return 9
    if zoom >= 12:
        return 8
    return 7


def map_hex_query_duckdb(
    muni_pk: int, bbox, zoom: int, since: datetime | None = None
) -> tuple[str, list]:
    """The map's aggregate (maps.map_features) for DuckDB: cells in the bbox, or points."""
    west, south, east, north = bbox
    res = resolution_for_zoom(zoom)
    where = (
        "r.municipality_id = ? AND r.precision = 'punkt' "
        "AND r.lat IS NOT NULL AND r.lat >= ? AND r.lat <= ? AND r.lon >= ? AND r.lon <= ?"
    )
    params = [muni_pk, south, north, west, east]
    if since is not None:
        where += " AND r.occurred_at >= ?"
        params.append(since)
    if res is None:
        return (
            "SELECT r.id, r.lat, r.lon, c.name, r.status FROM reports_report r "
            f"JOIN reports_category c ON c.id = r.category_id WHERE {where} LIMIT 2000",
            params,
        )
    return f"SELECT h3_r{res}, count(*) FROM reports_report r WHERE {where} GROUP BY 1", params
