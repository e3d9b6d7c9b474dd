"""Django start-up and a tenant-scoped query, as a ratio to a bare SQLite query."""

import sqlite3
import statistics
import time


def _timeit(fn, n):
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def run(quick: bool = False):
    import django

    django.setup()
    from django.db import connection
    from django_scopes import scopes_disabled

    from trygg.core.models import Municipality

    n = 50 if quick else 500
    with scopes_disabled():
        orm = _timeit(lambda: list(Municipality.objects.filter(kommunkod="1983")), n)
    raw = sqlite3.connect(":memory:")
    raw.execute("create table m (id integer primary key, kommunkod text)")
    bare = _timeit(lambda: raw.execute("select * from m where kommunkod = '1983'").fetchall(), n)
    yield f"ORM lookup of one municipality on {connection.vendor}: {orm * 1e6:.0f} µs (median of {n})"
    yield f"bare sqlite3 query: {bare * 1e6:.1f} µs; ratio ORM/bare = {orm / bare:.1f}×"
