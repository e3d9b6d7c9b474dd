"""Starts Trygg on a scratch database for benchmarks that measure over real HTTP on the
loopback: either `manage.py serve --no-task-worker` (the supervised start of `make run` and
production: granian WSGI with --respawn-failed-workers) or granian started directly."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base: str
    env: dict
    process: subprocess.Popen
    supervised: bool

    def granian_main(self) -> psutil.Process:
        """granian's main process: under `serve` its child, otherwise the process itself."""
        top = psutil.Process(self.process.pid)
        if not self.supervised:
            return top
        mains = [p for p in top.children() if "granian" in " ".join(p.cmdline()[:2])]
        if len(mains) != 1:
            raise RuntimeError(f"expected one granian main process under serve, found {mains}")
        return mains[0]

    def stop(self) -> None:
        """SIGTERM (serve stops granian and its workers in order), SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # anything of it still left
        except (ProcessLookupError, PermissionError):
            pass

    def workers(self) -> list[psutil.Process]:
        """The granian workers (children of its main process) that are alive."""
        alive = []
        for p in self.granian_main().children():
            try:
                if p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(p)
            except psutil.NoSuchProcess:
                pass
        return alive


def manage(args: list[str], env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


@contextmanager
def running_server(
    *,
    workers: int = 2,
    env: dict | None = None,
    setup: str = "",
    supervised: bool = False,
    settings: str = "trygg.settings",
):
    """Yields a Server for a fresh database (SQLite in a scratch folder unless `env` names
    TRYGG_DATABASE_URL); `setup` is Python run with Django set up before the server starts
    (to create keys, data…)."""
    var = tempfile.mkdtemp(prefix="trygg-bench-")
    full_env = {
        **os.environ,
        "TRYGG_VAR_DIR": var,
        "TRYGG_ENV": "development",
        "TRYGG_DEBUG": "0",
        "TRYGG_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": settings,
        **(env or {}),
    }
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    py = sys.executable
    manage(["migrate", "-v0"], full_env)
    if setup:
        manage(["shell", "--no-imports", "-c", setup], full_env)
    port = free_port()
    if supervised:
        argv = [py, "manage.py", "serve", "--no-task-worker", "--port", str(port)]
        argv += ["--workers", str(workers)]
    else:
        argv = [str(Path(py).parent / "granian"), "--interface", "wsgi", "--host", "127.0.0.1"]
        argv += ["--port", str(port), "--workers", str(workers), "--blocking-threads", "2"]
        argv += ["--no-ws", "--log-level", "warning", "trygg.wsgi:application"]
    log = open(Path(var) / "server.log", "wb")  # noqa: SIM115 - closed below
    # Its own session, as systemd starts it, so that stopping it can take the whole group.
    proc = subprocess.Popen(  # noqa: S603 - fixed argv
        argv, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    server = Server(base, full_env, proc, supervised)
    try:
        # Every worker imports the whole app before it answers: on a busy machine that takes
        # tens of seconds, and a benchmark that started earlier would time the start.
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server not ready: {(Path(var) / 'server.log').read_text()}")
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.1)
        yield server
    finally:
        server.stop()
        log.close()
        shutil.rmtree(var, ignore_errors=True)
