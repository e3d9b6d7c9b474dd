"""Starts Trygg the way `make run` does (granian, WSGI, 2 workers) on a scratch database,
for benchmarks that measure over real HTTP on the loopback."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(*, workers: int = 2, env: dict | None = None, setup: str = ""):
    """Yields (base_url, env) for a fresh server; `setup` is Python run with Django set up
    before the server starts (to create keys, data…)."""
    var = tempfile.mkdtemp(prefix="trygg-bench-")
    full_env = {
        **os.environ,
        "TRYGG_VAR_DIR": var,
        "TRYGG_ENV": "development",
        "TRYGG_DEBUG": "0",
        "TRYGG_ALLOWED_HOSTS": "127.0.0.1,localhost",
        **(env or {}),
    }
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v0"], cwd=ROOT, env=full_env, check=True)
    if setup:
        subprocess.run([py, "manage.py", "shell", "-c", setup], cwd=ROOT, env=full_env, check=True)
    port = free_port()
    granian = str(Path(py).parent / "granian")
    proc = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            granian,
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "2",
            "--no-ws",
            "--log-level",
            "warning",
            "trygg.wsgi:application",
        ],
        cwd=ROOT,
        env=full_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.05)
        yield base, full_env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
