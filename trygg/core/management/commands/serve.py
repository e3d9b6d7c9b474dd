"""Starts the web server (granian, WSGI) and the task worker side by side and keeps them up.

The same command runs on a laptop (`make run`) and in production behind a reverse proxy
(README: systemd unit). It supervises rather than merely starts: a child that dies is started
again after a growing pause, so one database outage or one OOM-killed process never takes the
whole service down for good. Ctrl-C or SIGTERM stops everything it started, and nothing of it
is left behind: each child runs in its own process group, which is killed at the end, and dies
with this process if this one is killed outright (Linux PR_SET_PDEATHSIG).
"""

import ctypes
import http.client
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

logger = logging.getLogger("trygg.serve")

# Back-off after a child dies: 1, 2, 4 … 30 s; a child that ran for a minute starts over at 1.
FIRST_DELAY = 1.0
MAX_DELAY = 30.0
HEALTHY_AFTER = 60.0
STOP_TIMEOUT = 10.0
# How often the start-up asks the web server whether it answers yet.
PROBE_INTERVAL = 0.2


def _loopback(host: str) -> str:
    """Where this machine reaches a server bound to `host` (all interfaces → loopback)."""
    # Not a bind: the address a server bound to all interfaces is reached at locally.
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104


def port_in_use(host: str, port: int) -> bool:
    """Whether another program already listens on the port: granian would then fail, be
    restarted again and again, and the URL would belong to someone else."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((_loopback(host), port)) == 0


def answers_http(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether the server gives an HTTP answer (any status) to GET /healthz: the socket alone
    accepts connections before the workers serve them, so only an answer means ready."""
    connection = http.client.HTTPConnection(_loopback(host), port, timeout=timeout)
    try:
        connection.request("GET", "/healthz", headers={"Host": f"{_loopback(host)}:{port}"})
        connection.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    delay: float = FIRST_DELAY
    restart_at: float | None = None
    restarts: int = field(default=0)

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            self.argv, process_group=0, preexec_fn=_die_with_parent
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def check(self, now: float) -> None:
        """Notices an exit and schedules the restart; starts the child when its pause is over."""
        if self.process is not None and self.process.poll() is not None:
            code = self.process.returncode
            if now - self.started_at >= HEALTHY_AFTER:
                self.delay = FIRST_DELAY
            logger.warning(
                "%s avslutades (kod %s); startas om om %.0f s", self.name, code, self.delay
            )
            self._reap_group()
            self.process = None
            self.restart_at = now + self.delay
            self.delay = min(self.delay * 2, MAX_DELAY)
        if self.process is None and self.restart_at is not None and now >= self.restart_at:
            self.restarts += 1
            self.start()

    def stop(self) -> None:
        """SIGTERM to the child itself (granian then stops its workers in order), then SIGKILL
        to its whole group, which also takes any worker its main process left behind."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait_and_reap(self, deadline: float) -> int | None:
        if self.process is None:
            return None
        try:
            self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            logger.warning("%s stannade inte i tid och avslutas med SIGKILL", self.name)
        self._reap_group()
        self.process.wait()
        return self.process.returncode

    def _reap_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class Command(BaseCommand):
    help = "Startar webbservern och bakgrundsarbetaren och håller dem igång; Ctrl-C stoppar båda."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--workers", default="2")
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Starta bara webbservern (bakgrundsarbetaren körs någon annanstans).",
        )

    def handle(self, *args, host, port, workers, no_task_worker, **options):
        bin_dir = os.path.dirname(sys.executable)
        web = [
            os.path.join(bin_dir, "granian"),
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "2",
            "--no-ws",
            # A worker killed by the OOM killer is replaced by granian itself.
            "--respawn-failed-workers",
            "--respawn-interval",
            "1",
            "--workers-kill-timeout",
            "5",
            "trygg.wsgi:application",
        ]
        manage = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), "manage.py")
        children = [Child("webbservern", web)]
        if not no_task_worker:
            children.append(Child("bakgrundsarbetaren", [sys.executable, manage, "task_worker"]))
        if port_in_use(host, int(port)):
            raise CommandError(
                f"Port {port} används redan av ett annat program. Välj en annan, "
                f"t.ex. make run PORT=8080 (eller manage.py serve --port 8080)."
            )
        for child in children:
            child.start()
        self.stdout.write(f"Startar Trygg på port {port} …")
        web_server = children[0]
        announced = False

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_check = 0.0
        try:
            while not stopping:
                now = time.monotonic()
                for child in children:
                    child.check(now)
                if not announced and web_server.process is not None:
                    # The URL is printed once the server answers, so whoever follows it (a
                    # person, a script waiting for the line) never meets a refused connection.
                    announced = answers_http(host, int(port), timeout=PROBE_INTERVAL * 5)
                    if announced:
                        url = f"http://{host}:{port}/"
                        self.stdout.write(
                            self.style.SUCCESS(f"Trygg körs på {url} – stoppa med Ctrl-C.")
                        )
                        self.stdout.flush()
                if now >= next_check:
                    self._enqueue_due_jobs()
                    next_check = now + 60
                time.sleep(0.2)
        finally:
            for child in children:
                child.stop()
            deadline = time.monotonic() + STOP_TIMEOUT
            for child in children:
                child.wait_and_reap(deadline)
            connections.close_all()

    @staticmethod
    def _enqueue_due_jobs() -> None:
        from trygg.core.periodic import enqueue_due_jobs

        try:
            enqueue_due_jobs()
        except DatabaseError:
            # The database is away; the next minute's check tries again on a new connection.
            logger.warning("Dagliga jobb kunde inte köas: databasen svarar inte")
            connections.close_all()
