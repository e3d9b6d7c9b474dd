"""Intake under a crash: API creates from retrying clients while one granian worker is killed
with SIGKILL halfway, then a count in the database of what the clients were promised.

Each create carries its own client UUID. A request that fails at the connection level (reset,
refused, closed without an answer) or with a 5xx is sent again with the same body, as the
app's offline outbox does, until it gets an answer; every 2xx UUID counts as acknowledged."""

import http.client
import json
import os
import signal
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

import psutil

from bench.server import Server, manage

MAX_ATTEMPTS = 50

COUNT = """
import json, os
from collections import Counter
from django_scopes import scopes_disabled
from trygg.reports.models import Report
folder = os.environ["TRYGG_VAR_DIR"]
with scopes_disabled():
    stored = Counter(str(u) for u in Report.objects.values_list("uuid", flat=True))
with open(folder + "/stored.json", "w") as f:
    json.dump(stored, f)
"""


def _open_connections(worker, port: int) -> int:
    try:
        return sum(
            1
            for c in worker.net_connections(kind="tcp")
            if c.status == "ESTABLISHED" and c.laddr and c.laddr.port == port
        )
    except psutil.Error:
        return 0


def _kill_a_worker(server: Server, result: dict) -> None:
    """SIGKILL (as the OOM killer would) to the granian worker that holds the most client
    connections, so requests are in flight on it; then the time until granian has replaced it."""
    before = server.workers()
    port = urlsplit(server.base).port
    held = {w.pid: _open_connections(w, port) for w in before}
    victim = max(before, key=lambda w: held[w.pid])
    result["killed_pid"] = victim.pid
    result["connections"] = held[victim.pid]
    os.kill(victim.pid, signal.SIGKILL)
    t = time.perf_counter()
    while time.perf_counter() - t < 30:
        pids = {p.pid for p in server.workers()}
        if len(pids) >= len(before) and victim.pid not in pids:
            result["respawn_s"] = time.perf_counter() - t
            return
        time.sleep(0.02)


def crash_load(server: Server, make_body, headers: dict, *, total: int, threads: int = 8):
    """Runs `total` creates from `threads` clients; kills a worker when half were started.
    Returns the client's figures and the database's count."""
    host = urlsplit(server.base)
    lock = threading.Lock()
    counter = iter(range(total))
    sent: set[str] = set()
    acked: set[str] = set()
    figures = Counter()
    kill: dict = {}
    killer = threading.Thread(target=_kill_a_worker, args=(server, kill))

    def client():
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            if i == total // 2:
                killer.start()
            body, client_uuid = make_body(i)
            with lock:
                sent.add(client_uuid)
            for attempt in range(MAX_ATTEMPTS):
                try:
                    conn.request("POST", "/api/reports", body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    with lock:
                        figures["connection failures"] += 1
                    conn.close()
                    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
                    time.sleep(min(0.05 * 2**attempt, 1.0))
                    continue
                status = response.status
                with lock:
                    figures[f"{status // 100}xx"] += 1
                if status < 300:
                    with lock:
                        acked.add(client_uuid)
                        if status == 200:
                            figures["answered from an earlier attempt (200)"] += 1
                    break
                if status < 500:
                    break  # refused for good: nothing was promised
                time.sleep(min(0.05 * 2**attempt, 1.0))
            else:
                with lock:
                    figures["given up"] += 1
        conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=client) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    if killer.is_alive() or killer.ident is not None:
        killer.join()
    return {
        "elapsed": elapsed,
        "sent": sent,
        "acked": acked,
        "figures": figures,
        "kill": kill,
        "attempts": sum(v for k, v in figures.items() if k.endswith("xx"))
        + figures["connection failures"],
    }


def count_in_database(server_env: dict, result: dict) -> dict:
    """After the server has stopped: rows per UUID in reports_report against what was sent."""
    manage(["shell", "--no-imports", "-c", COUNT], server_env)
    with open(server_env["TRYGG_VAR_DIR"] + "/stored.json") as f:
        stored: dict[str, int] = json.load(f)
    sent, acked = result["sent"], result["acked"]
    return {
        "stored": sum(stored.values()),
        "lost": len(acked - stored.keys()),
        "duplicated": sum(1 for n in stored.values() if n > 1),
        "never_sent": sum(n for u, n in stored.items() if u not in sent),
        "stored_not_acked": len(stored.keys() - acked),
    }
