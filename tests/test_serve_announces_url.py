"""`manage.py serve` (what `make run` starts) prints its URL only once the server answers,
so the first click on it never meets a refused connection; a port that is taken is said at
once, with the way to pick another (`make run PORT=8080`)."""

import http.client
import os
import selectors
import signal
import socket
import subprocess
import sys
import time

from tests.serving import ROOT, clean_env, free_port, manage
from trygg.core.management.commands.serve import _die_with_parent


def _env(tmp_path):
    # As `make run` does: the health check reads the free space of the var folder.
    (tmp_path / "var").mkdir(exist_ok=True)
    return clean_env(
        TRYGG_ENV="development",
        TRYGG_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        TRYGG_VAR_DIR=str(tmp_path / "var"),
    )


def _serve(port: int, env) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", "serve", "--port", str(port), "--workers", "1"]
        + ["--no-task-worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


def _lines_until(process, needle: str, timeout: float) -> list[str]:
    """Output lines up to and including the first that holds `needle`."""
    lines, buffer = [], b""
    chooser = selectors.DefaultSelector()
    chooser.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not chooser.select(timeout=0.1):
            if process.poll() is not None:
                break
            continue
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            lines.append(line.decode())
            if needle in lines[-1]:
                return lines
    raise AssertionError(f"{needle!r} never printed; output: {lines + [buffer.decode()]}")


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_the_url_is_printed_when_the_server_already_answers(tmp_path):
    env = _env(tmp_path)
    manage("migrate", "--noinput", env=env)
    port = free_port()
    process = _serve(port, env)
    try:
        lines = _lines_until(process, "Trygg körs på", timeout=60)
        # At once, with no retry: the line itself is the promise that the server answers.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        assert response.status == 200, response.read()
        connection.close()
    finally:
        _stop(process)
    assert lines[0] == f"Startar Trygg på port {port} …"
    assert lines[-1] == f"Trygg körs på http://127.0.0.1:{port}/ – stoppa med Ctrl-C."


def test_a_port_in_use_is_refused_with_the_way_to_choose_another(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(port, _env(tmp_path))
        try:
            output = process.communicate(timeout=60)[0].decode()
        finally:
            _stop(process)
    assert process.returncode != 0
    assert f"Port {port} används redan av ett annat program." in output
    assert "make run PORT=8080" in output
    assert "Trygg körs på" not in output
