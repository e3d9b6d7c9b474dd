"""Running Trygg the way an operator does, for the production and supervision tests.

`manage.py` in a subprocess with a clean environment, `manage.py serve` on a free port, and a
small HTTP client that keeps its own cookies (the standard library's cookie jar would not send
production's Secure cookies over the loopback's plain HTTP, which the proxy header makes
"https" to Django).
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import psutil

from trygg.core.management.commands.serve import _die_with_parent

ROOT = Path(__file__).resolve().parent.parent
SECRET = "production-test-secret-" + "f3a9c1e7b5d2" * 5


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRYGG_", "DJANGO_"))}
    env.update(extra)
    return env


def production_env(var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    return clean_env(
        TRYGG_ENV="production",
        TRYGG_SECRET_KEY=SECRET,
        TRYGG_ALLOWED_HOSTS="127.0.0.1,localhost",
        TRYGG_SITE_URL="https://trygg.koping.example",
        TRYGG_DATABASE_URL=database_url,
        TRYGG_VAR_DIR=str(var_dir),
        TRYGG_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **extra,
    )


def manage(*args: str, env: dict[str, str], timeout: float = 300) -> str:
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_url(host: str, name: str) -> str:
    return f"postgres://postgres@{quote(host, safe='')}/{name}"


class Served:
    """`manage.py serve` in its own session, as systemd would start it."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2):
        self.env = env
        self.port = free_port()
        self.log_path = log
        self.workers = workers
        self.process: subprocess.Popen | None = None
        self.seen: set[int] = set()

    def __enter__(self) -> "Served":
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            [sys.executable, "manage.py", "serve", "--port", str(self.port)]
            + ["--workers", str(self.workers)],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # Stopped (SIGTERM) should pytest itself be killed.
            preexec_fn=_die_with_parent,
        )
        try:
            self.wait_for(lambda status: status == 200, timeout=90)
        except BaseException:
            # A server that never came up is stopped too (its own session outlives pytest).
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        # However the test ended, nothing of the server stays behind.
        for pid in self.seen:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.log.close()

    def stop(self, timeout: float = 30) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.remember_processes()
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def processes(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def remember_processes(self) -> None:
        self.seen.update(p.pid for p in self.processes())
        self.seen.add(self.process.pid)

    def still_running(self) -> list[int]:
        alive = []
        for pid in self.seen:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        return alive

    def health(self) -> int | None:
        try:
            return request(self.port, "GET", "/healthz", timeout=3)[0]
        except OSError:
            return None

    def wait_for(self, predicate, timeout: float) -> float:
        """Seconds until /healthz's status satisfies `predicate`."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.process.poll() is not None:
                raise AssertionError(f"serve avslutades:\n{self.log_path.read_text()}")
            if predicate(self.health()):
                return time.monotonic() - start
            time.sleep(0.2)
        raise AssertionError(f"Inget svar i tid:\n{self.log_path.read_text()[-4000:]}")


def request(port, method, path, *, headers=None, body=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


class Browser:
    """Requests as a browser behind the reverse proxy sends them: https in the proxy header,
    cookies kept, the Origin header CSRF checks for on https."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None) -> dict[str, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def _keep(self, response_headers) -> None:
        for value in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value

    def get(self, path: str, headers=None):
        status, response_headers, body = request(
            self.port, "GET", path, headers=self._headers(headers)
        )
        self._keep(response_headers)
        return status, response_headers, body

    def post(self, path: str, data: dict, headers=None):
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
            **(headers or {}),
        }
        status, response_headers, body = request(
            self.port, "POST", path, headers=self._headers(extra), body=urlencode(data)
        )
        self._keep(response_headers)
        return status, response_headers, body
