"""The demo loaded once per test process: tests that only read the demo restore the rows the
first `load_demo` wrote instead of building it again (browser journeys and the demo's tests).
Tests of `load_demo` itself still call the command."""

import io

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


class DemoSnapshot:
    """`load_demo` takes seconds (tens of them under load, now that every app adds to it), and
    every test starts from an empty database: the live server's `transactional_db` empties it,
    other tests roll their transaction back. So the rows load_demo writes in the first test are
    copied, table by
    table and exactly as stored (SQL literals from SQLite, COPY data from PostgreSQL), and
    put back into the emptied tables in later tests. Taken only when load_demo wrote to
    tables that were empty before and nowhere else; restored only into empty tables."""

    def __init__(self):
        self.tables = None

    def load(self):
        if self.restore():
            return
        before = _row_counts()
        call_command("load_demo", stdout=io.StringIO())
        self.take(before, _row_counts())

    def take(self, before, after):
        if any(after[t] != n for t, n in before.items() if n):
            return  # load_demo changed pre-filled tables: keep calling it every time
        tables = [t for t, n in after.items() if n and not before.get(t)]
        with connection.cursor() as cursor:
            self.tables = {t: self._dump(cursor, t) for t in tables}

    def restore(self) -> bool:
        if self.tables is None:
            return False
        counts = _row_counts()
        if any(counts[t] for t in self.tables):
            return False
        with connection.constraint_checks_disabled(), transaction.atomic():
            with connection.cursor() as cursor:
                for table, data in self.tables.items():
                    self._load(cursor, table, data)
                models = [
                    m
                    for m in apps.get_models(include_auto_created=True)
                    if m._meta.db_table in self.tables
                ]
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
        return True

    @staticmethod
    def _dump(cursor, table):
        qn = connection.ops.quote_name
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {qn(table)} TO STDOUT") as copy:
                return b"".join(bytes(chunk) for chunk in copy)
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        cursor.execute(f"SELECT {', '.join(f'quote({qn(c)})' for c in columns)} FROM {qn(table)}")
        return columns, cursor.fetchall()

    @staticmethod
    def _load(cursor, table, data):
        qn = connection.ops.quote_name
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {qn(table)} FROM STDIN") as copy:
                copy.write(data)
            return
        columns, rows = data
        head = f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) VALUES "
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            cursor.execute(head + ", ".join(f"({', '.join(row)})" for row in chunk))


def _row_counts():
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts
