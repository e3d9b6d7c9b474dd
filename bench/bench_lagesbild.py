"""Lägesbild and map at national scale: SQLite and PostgreSQL 18 against DuckDB, 10 M reports.

bench/national.py generates the reports (290 municipalities, 5 years, seeded; cached in
var/bench). SQLite and PostgreSQL are each loaded in a worker process
(bench/_lagesbild_worker.py; the two loads run side by side, the timings one at a time) and
timed on the same 30 random (municipality, 14-day period) samples and the three largest
municipalities: (a) `picture_for_period` as the app runs it, (b) the SQL it issued, replayed
on a bare cursor, (c) the lägesbild's seven aggregations as plain GROUP BYs
(bench/_lagesbild_sql.py), which DuckDB runs on the same rows in this process, sorted by
(municipality, occurred_at). The map: `map_features` for 30 viewports (zoom 11–16) around
reported places in random municipalities, over the last 12 months (as the map opens) and all
five years. The indexes are the model's own (the covering indexes report_muni_time_cover and
report_muni_map_cover). Warm OS cache; p50/p95 are over the samples.
Goal: (c) ≤ 2× DuckDB and p95 ≤ 100 ms; map p95 ≤ 100 ms. `--quick`: 1 M reports.
"""

import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta

import numpy as np

from bench import national
from bench._lagesbild_sql import (
    MAP_DEFAULT_DAYS,
    STOCKHOLM,
    aggregation_queries,
    checksum,
    map_hex_query_duckdb,
    viewport,
)
from bench.pg import ROOT, postgres_url
from trygg.locale_sv import day_start

N_SAMPLES = 30
N_VIEWPORTS = 30
REPEATS = 3
SEED = 20_26


def _max_rss_gb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def _p(values, q):
    """Percentile with linear interpolation (numpy's default)."""
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def make_plan(data: dict, quick: bool) -> dict:
    rng = np.random.default_rng(SEED)
    munis = national.municipalities()
    now = datetime.fromtimestamp(int(data["now"][0]), UTC)
    today = now.astimezone(STOCKHOLM).date()
    first = today.replace(year=today.year - national.YEARS) + timedelta(days=380)
    span = (today - first).days

    def end_date():
        return (first + timedelta(days=int(rng.integers(0, span + 1)))).isoformat()

    samples = [
        {"muni": int(rng.integers(0, len(munis))), "end": end_date()} for _ in range(N_SAMPLES)
    ]
    largest = sorted(range(len(munis)), key=lambda i: -munis[i].population)[:3]
    big = [{"muni": i, "end": end_date()} for i in largest]
    muni = data["muni"]
    located = data["h3_r9"] != 0
    viewports = []
    for _ in range(N_VIEWPORTS):
        m = int(rng.integers(0, len(munis)))
        candidates = np.flatnonzero((muni == m) & located)
        i = int(candidates[rng.integers(0, candidates.size)])
        zoom = int(rng.integers(11, 17))
        bbox = viewport(float(data["lat"][i]), float(data["lon"][i]), zoom)
        viewports.append({"muni": m, "zoom": zoom, "bbox": list(bbox)})
    return {
        "n": int(muni.size),
        "today": today.isoformat(),
        "samples": samples,
        "big": big,
        "viewports": viewports,
        "repeats": REPEATS,
        "names": [m.name for m in munis],
        "populations": [m.population for m in munis],
    }


# --- DuckDB -------------------------------------------------------------------------------------


def duckdb_load(data: dict, csv_path) -> tuple[object, dict]:
    import duckdb

    phases = {}
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    n = data["muni"].size
    # A dict of numpy arrays is scanned in place (NaN reads as NULL).
    gen = {"rid": np.arange(n, dtype=np.int64)}
    gen.update((k, v) for k, v in data.items() if v.size == n)
    con.register("gen", gen)
    n_cat, n_org = len(national.CATEGORY_CODES), len(national.ORGANISATIONS)

    def strings(values):
        return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"

    # Primary keys as a fresh database gives them (the worker checks): municipalities in
    # kommunkod order, their categories in seed order, organisations in national order.
    columns = f"""
        rid + 1 AS id,
        printf('%016x%016x', uuid_hi, uuid_lo) AS uuid,
        muni::BIGINT + 1 AS municipality_id,
        {strings(national.KINDS)}[kind + 1] AS kind,
        muni::BIGINT * {n_cat} + category + 1 AS category_id,
        to_timestamp(occurred) AS occurred_at,
        to_timestamp(reported) AS reported_at,
        CASE WHEN isnan(lat) THEN NULL ELSE lat END AS lat,
        CASE WHEN isnan(lon) THEN NULL ELSE lon END AS lon,
        {strings(national.PRECISIONS)}[precision + 1] AS precision,
        '' AS place_name,
        nullif(h3_r7, 0) AS h3_r7,
        nullif(h3_r8, 0) AS h3_r8,
        nullif(h3_r9, 0) AS h3_r9,
        false AS outside_municipality,
        {strings(national.TEXT_LIST)}[text + 1] AS description,
        {strings(national.TEXT_LIST)}[text + 1] AS description_redacted,
        '{{}}' AS personal_data_found,
        {strings(national.SOURCES)}[source + 1] AS source,
        CASE WHEN org < 0 THEN NULL ELSE muni::BIGINT * {n_org} + org + 1 END
            AS organisation_id,
        '' AS contact_name, '' AS contact_email, '' AS contact_phone,
        CASE WHEN isnan(cost) THEN NULL ELSE cost END::DECIMAL(12, 2) AS cost_sek,
        '' AS police_report_number,
        CASE WHEN youth < 0 THEN NULL ELSE youth = 1 END AS youth_involved,
        {strings(national.SENSITIVITIES)}[sensitivity + 1] AS sensitivity,
        {strings(national.STATUSES)}[status + 1] AS status,
        CASE WHEN source = {national.SOURCES.index("polisen")} THEN 'p' || rid ELSE '' END
            AS external_id,
        '' AS external_url,
        to_timestamp(reported) AS created_at,
        to_timestamp(reported) AS updated_at
    """
    t = time.perf_counter()
    con.execute(
        # In rid order without a sort: DuckDB keeps the scan's order (preserve_insertion_order).
        f"COPY (SELECT * EXCLUDE (id) FROM (SELECT {columns} FROM gen)) "
        f"TO '{csv_path}' (HEADER false)"
    )
    phases["DuckDB writes the CSV for PostgreSQL's COPY"] = time.perf_counter() - t
    t = time.perf_counter()
    # The columns the timed queries read; the text columns only go to PostgreSQL.
    con.execute(
        "CREATE TABLE reports_report AS SELECT id, municipality_id, category_id, occurred_at, "
        "lat, lon, precision, h3_r7, h3_r8, h3_r9, cost_sek, sensitivity, organisation_id, "
        f"status FROM (SELECT {columns} FROM gen) ORDER BY municipality_id, occurred_at"
    )
    con.unregister("gen")
    del gen
    con.execute(
        "CREATE TABLE reports_category AS SELECT m * $n + i + 1 AS id, "
        "$names[i + 1] AS name FROM range(290) r(m), range($n) s(i)",
        {"n": n_cat, "names": [s.name for s in national.SEED]},
    )
    con.execute(
        "CREATE TABLE core_organisation AS SELECT m * $n + i + 1 AS id, "
        "$names[i + 1] AS name FROM range(290) r(m), range($n) s(i)",
        {"n": n_org, "names": [name for _k, name, _kind in national.ORGANISATIONS]},
    )
    phases["DuckDB load (sorted by municipality, occurred_at)"] = time.perf_counter() - t
    return con, phases


def duckdb_time(con, plan) -> dict:
    def aggregations(s):
        end = date.fromisoformat(s["end"])
        times, sums = {}, {}
        for name, sql, params in aggregation_queries("duckdb", s["muni"] + 1, end):
            t = time.perf_counter()
            rows = con.execute(sql, params).fetchall()
            times[name] = time.perf_counter() - t
            sums[name] = checksum(rows)
        return times, sums

    def rows_for(samples):
        out = []
        for s in samples:
            runs = [aggregations(s) for _ in range(plan["repeats"])]
            out.append(
                {
                    "muni": s["muni"],
                    "end": s["end"],
                    "agg": statistics.median(sum(t.values()) for t, _ in runs),
                    "agg_parts": {k: statistics.median(t[k] for t, _ in runs) for k in runs[0][0]},
                    "sums": runs[0][1],
                }
            )
        return out

    for s in plan["samples"] + plan["big"]:
        aggregations(s)
    result = {"samples": rows_for(plan["samples"]), "big": rows_for(plan["big"])}
    since = date.fromisoformat(plan["today"]) - timedelta(days=MAP_DEFAULT_DAYS - 1)
    since_at = day_start(since)
    viewports = {"all": [], "12m": []}
    for key, after in (("all", None), ("12m", since_at)):
        for v in plan["viewports"]:
            sql, params = map_hex_query_duckdb(v["muni"] + 1, v["bbox"], v["zoom"], after)
            con.execute(sql, params).fetchall()
            times = []
            for _ in range(plan["repeats"]):
                t = time.perf_counter()
                con.execute(sql, params).fetchall()
                times.append(time.perf_counter() - t)
            viewports[key].append(
                {"muni": v["muni"], "zoom": v["zoom"], "cells_sql": statistics.median(times)}
            )
    result["viewports"] = viewports
    result["version"] = "DuckDB " + con.execute("SELECT version()").fetchone()[0]
    result["threads"] = con.execute("SELECT current_setting('threads')").fetchone()[0]
    return result


# --- The databases ------------------------------------------------------------------------------


def _pump(engine, stream, q):
    for line in stream:
        q.put((engine, line.rstrip("\n")))
    q.put((engine, None))


def run_workers(specs: list[tuple[str, str]], npz, plan_path, work):
    """Starts one worker per (engine, database url); they load side by side (2 cores), then
    time one at a time, so no load disturbs a measurement. Returns {engine: results}."""
    env = {**os.environ, "TRYGG_ENV": "development", "TRYGG_DEBUG": "0"}
    procs, errors, outs = {}, {}, {}
    q: queue.Queue = queue.Queue()
    try:
        for engine, url in specs:
            outs[engine] = str(work / f"lagesbild-{engine}.json")
            proc = subprocess.Popen(  # noqa: S603 - fixed argv
                [
                    sys.executable,
                    "-m",
                    "bench._lagesbild_worker",
                    engine,
                    str(npz),
                    str(plan_path),
                    outs[engine],
                ],
                cwd=ROOT,
                env={**env, "TRYGG_DATABASE_URL": url},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            procs[engine] = proc
            threading.Thread(target=_pump, args=(engine, proc.stdout, q), daemon=True).start()
            errors[engine] = []
            threading.Thread(
                target=lambda p=proc, e=engine: errors[e].extend(p.stderr), daemon=True
            ).start()
        order = [engine for engine, _ in specs]
        ready, finished, timing = set(), set(), None
        while len(finished) < len(order):
            engine, line = q.get()
            if line is None:
                finished.add(engine)
                if procs[engine].wait() != 0:
                    raise RuntimeError(
                        f"{engine} worker failed:\n{''.join(errors[engine])[-3000:]}"
                    )
                timing = None if timing == engine else timing
            elif line == "READY":
                ready.add(engine)
            else:
                yield f"  {engine}: {line.strip()}"
            if timing is None and all(e in ready or e in finished for e in order):
                waiting = [e for e in order if e in ready and e not in finished]
                if waiting:
                    timing = waiting[0]
                    ready.discard(timing)
                    yield f"  {timing}: timing"
                    procs[timing].stdin.write("GO\n")
                    procs[timing].stdin.flush()
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    results = {}
    for engine, path in outs.items():
        with open(path) as f:
            results[engine] = json.load(f)
    return results


def run(quick: bool = False):
    n = 1_000_000 if quick else 10_000_000
    started = time.perf_counter()
    phases: dict[str, float] = {}
    t = time.perf_counter()
    data, npz, generated_in = national.generated(n)
    phases["generate" if generated_in else "read cached arrays"] = time.perf_counter() - t
    located = int((data["h3_r9"] != 0).sum())
    yield (
        f"{n:,} reports, 290 municipalities, 5 years to "
        f"{datetime.fromtimestamp(int(data['now'][0]), UTC):%Y-%m-%d}; "
        f"{located / n:.0%} with H3 cells; "
        + (f"generated in {generated_in:.1f} s" if generated_in else f"cached in {npz.name}")
    )
    plan = make_plan(data, quick)
    work = ROOT / "var" / "bench"
    plan_path = work / "lagesbild-plan.json"
    csv_path = work / f"lagesbild-{n}.csv"
    db = work / f"lagesbild-{n}.sqlite3"
    plan["csv"] = str(csv_path)
    plan_path.write_text(json.dumps(plan))

    def remove_files():
        csv_path.unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)

    remove_files()
    try:
        con, duck_phases = duckdb_load(data, csv_path)
        phases.update(duck_phases)
        del data
        t = time.perf_counter()
        duck = duckdb_time(con, plan)
        phases["DuckDB timings"] = time.perf_counter() - t
        con.close()
        yield f"{duck['version']}, {duck['threads']} threads: loaded and timed"
        t = time.perf_counter()
        with postgres_url() as url:
            results = yield from run_workers(
                [("sqlite", f"sqlite:///{db}"), ("postgresql", url)], npz, plan_path, work
            )
        phases["SQLite and PostgreSQL workers (loads side by side, then timings)"] = (
            time.perf_counter() - t
        )
    finally:
        remove_files()
    results["duckdb"] = duck
    phases["total"] = time.perf_counter() - started
    phases["peak memory of this process (GB)"] = _max_rss_gb()
    (work / "lagesbild-results.json").write_text(
        json.dumps({"plan": plan, "results": results, "phases": phases}, default=str)
    )
    yield from report(plan, results, phases)


# --- Printing -----------------------------------------------------------------------------------


def _pair(values) -> str:
    return f"{_ms(_p(values, 50))} / {_ms(_p(values, 95))}"


def _lagesbild_table(title, duck, engines):
    """engines: [(label, sample rows)]; DuckDB's rows are the reference for the ratio."""
    d = [s["agg"] for s in duck["samples"]]
    yield title
    yield "| engine | (a) picture_for_period | (b) its SQL | (c) 7 aggregations | (c) ÷ DuckDB |"
    yield "|---|---|---|---|---|"
    yield f"| {duck['version']} ({duck['threads']} threads) | | | {_pair(d)} | 1 |"
    for label, rows in engines:
        agg = [s["agg"] for s in rows]
        yield (
            f"| {label} | {_pair([s['app'] for s in rows])} | "
            f"{_pair([s['app_sql'] for s in rows])} | {_pair(agg)} | "
            f"{_p(agg, 50) / _p(d, 50):.2f} / {_p(agg, 95) / _p(d, 95):.2f} |"
        )


def report(plan, results, phases):
    duck = results["duckdb"]
    names = plan["names"]
    engines = ("sqlite", "postgresql")
    yield ""
    yield from _lagesbild_table(
        f"Lägesbild, {len(plan['samples'])} random (municipality, 14-day period) samples, "
        "ms p50 / p95 (per sample: (a) median of 2 runs, (b) and (c) of 3; warm cache):",
        duck,
        [(results[e]["version"], results[e]["samples"]) for e in engines],
    )
    yield ""
    yield "Largest municipalities, one period each, ms (a) app / (b) SQL / (c) aggregations:"
    yield "| municipality | DuckDB (c) | " + " | ".join(engines) + " |"
    yield "|---|---|" + "---|" * len(engines)
    for i, s in enumerate(plan["big"]):
        cells = [names[s["muni"]], _ms(duck["big"][i]["agg"])]
        for e in engines:
            r = results[e]["big"][i]
            cells.append(f"{_ms(r['app'])} / {_ms(r['app_sql'])} / {_ms(r['agg'])}")
        yield "| " + " | ".join(cells) + " |"
    yield ""
    yield "(c) per aggregation, ms p50 / p95 over the random samples:"
    parts = list(duck["samples"][0]["agg_parts"])
    yield "| engine | " + " | ".join(parts) + " |"
    yield "|---|" + "---|" * len(parts)
    for label, rows in [("duckdb", duck["samples"])] + [
        (e, results[e]["samples"]) for e in engines
    ]:
        yield (
            f"| {label} | "
            + " | ".join(_pair([s["agg_parts"][k] for s in rows]) for k in parts)
            + " |"
        )
    mismatches = sum(
        json.dumps(s["sums"]) != json.dumps(d["sums"])
        for e in engines
        for s, d in zip(
            results[e]["samples"] + results[e]["big"], duck["samples"] + duck["big"], strict=True
        )
    )
    yield f"(c) gives the same groups and counts on all three engines: {not mismatches}"
    yield from _map_report(plan, results, duck)
    yield ""
    yield "Index build time (s):"
    for e in engines:
        built = ", ".join(f"{k} {v:.0f}" for k, v in results[e]["index_build"].items())
        yield f"  {e}: {built}"
    yield ""
    yield "Phases (s):"
    for e in engines:
        yield (
            f"  {e}: {results[e]['rows']:,} rows, {results[e]['db_bytes'] / 2**30:.1f} GiB; "
            f"worker peak memory {results[e]['max_rss_gb']:.1f} GB"
        )
        for name, seconds in results[e]["phases"].items():
            yield f"    {name}: {seconds:.1f}"
    for name, seconds in phases.items():
        yield f"  {name}: {seconds:.1f}"


def _map_report(plan, results, duck):
    yield ""
    yield (
        f"Map (`map_features`), {len(plan['viewports'])} viewports of 1280 × 800 px around "
        "reported places in random municipalities, as it opens (the last 12 months) and "
        "with all five years; ms p50 / p95:"
    )
    yield (
        "| engine | period | zoom | n | map_features | its count without point "
        "| its cells/points query | DuckDB, same cells/points query |"
    )
    yield "|---|---|---|---|---|---|---|---|"
    bands = (("11–15 (hexagons)", range(11, 16)), ("≥ 16 (points)", range(16, 23)))
    periods = (("12m", "12 months (as the map opens)"), ("all", "5 years (all years)"))
    for e in ("sqlite", "postgresql"):
        label, scenarios = results[e]["version"], results[e]["viewports"]
        for key, period in periods:
            for band, zooms in bands:
                mine = [r for r in scenarios[key] if r["zoom"] in zooms]
                ducks = [r["cells_sql"] for r in duck["viewports"][key] if r["zoom"] in zooms]
                if mine:
                    yield (
                        f"| {label} | {period} | {band} | {len(mine)} "
                        f"| {_pair([r['app'] for r in mine])} "
                        f"| {_pair([r['count_sql'] for r in mine])} "
                        f"| {_pair([r['cells_sql'] for r in mine])} | {_pair(ducks)} |"
                    )


if __name__ == "__main__":
    # This benchmark alone: python -m bench.bench_lagesbild [--quick]
    for line in run(quick="--quick" in sys.argv):
        print(line, flush=True)
