"""`manage.py serve` heals: a database outage, a killed web worker, and a clean stop.

A PostgreSQL server of the test's own is stopped and started under a running `serve` in
production mode: pages answer 503 with Retry-After while it is away (never 500), the web
server and the task worker stay up, and both work again by themselves when it returns.
Then a web worker is killed as the OOM killer would, and finally SIGTERM must leave no
process of `serve` behind.
"""

import os
import signal
import time

import psutil
import pytest

from .pgserver import start_server
from .serving import Browser, Served, manage, production_env

RESUMED_TASK = """
import time
from django_tasks_db.models import DBTaskResult
from trygg.lagesbild.tasks import purge_document_jobs
result = purge_document_jobs.enqueue()
for _ in range(200):
    status = DBTaskResult.objects.get(pk=result.id).status
    if status == "SUCCESSFUL":
        break
    time.sleep(0.1)
print(status)
"""


@pytest.fixture(scope="module")
def pg():
    server = start_server("trygg-outage-")
    yield server
    server.close()


@pytest.fixture(scope="module")
def served(pg, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("supervision")
    env = production_env(tmp_path, pg.url())
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    with Served(env, tmp_path / "serve.log") as served:
        served.env = env
        yield served


def _children(served):
    """(granian main, its workers, task worker) by command line."""
    living = []
    for process in served.processes():
        try:
            living.append((process, process.cmdline(), process.ppid()))
        except psutil.Error:
            pass  # gone or a zombie waiting for its parent
    granian = [(p, ppid) for p, cmd, ppid in living if "granian" in " ".join(cmd[:2])]
    main = [p for p, ppid in granian if ppid == served.process.pid]
    workers = [p for p, ppid in granian if ppid != served.process.pid]
    tasks = [p for p, cmd, _ppid in living if "task_worker" in cmd]
    return main, workers, tasks


def test_a_database_outage_gives_503_with_retry_after_and_heals_by_itself(served, pg):
    browser = Browser(served.port)
    assert browser.get("/")[0] == 200
    main_before, _workers, tasks_before = _children(served)
    assert len(main_before) == 1 and len(tasks_before) == 1

    pg.stop()
    try:
        time.sleep(1.5)
        statuses = {}
        for path in ("/", "/kommun/koping/rapportera/", "/healthz", "/api/reports"):
            status, headers, _body = browser.get(path, headers={"X-API-Key": "en-nyckel"})
            statuses[path] = (status, headers.get("Retry-After"))
        assert statuses == {
            "/": (503, "30"),
            "/kommun/koping/rapportera/": (503, "30"),
            "/healthz": (503, "30"),
            "/api/reports": (503, "30"),
        }
        # Long enough for the task worker to have met the outage at least once.
        time.sleep(2)
        main_during, _workers, tasks_during = _children(served)
        assert [p.pid for p in main_during] == [p.pid for p in main_before]
        assert [p.pid for p in tasks_during] == [p.pid for p in tasks_before]
    finally:
        pg.start()

    recovered = served.wait_for(lambda status: status == 200, timeout=30)
    assert recovered < 10
    assert browser.get("/")[0] == 200
    # The same task worker process picks up new work.
    assert manage("shell", "-c", RESUMED_TASK, env=served.env).split()[-1] == "SUCCESSFUL"
    assert [p.pid for p in _children(served)[2]] == [p.pid for p in tasks_before]
    assert "bakgrundsarbetaren försöker igen" in served.log_path.read_text()


def test_a_killed_web_worker_is_replaced_and_the_site_keeps_answering(served):
    _main, workers, _tasks = _children(served)
    assert len(workers) == 2
    os.kill(workers[0].pid, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        _main, now, _tasks = _children(served)
        if len(now) == 2 and workers[0].pid not in [p.pid for p in now]:
            break
        time.sleep(0.2)
    assert len(now) == 2 and workers[0].pid not in [p.pid for p in now]
    for _ in range(10):
        assert Browser(served.port).get("/")[0] == 200
    assert served.process.poll() is None


def test_a_dead_task_worker_is_started_again(served):
    _main, _workers, tasks = _children(served)
    os.kill(tasks[0].pid, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        again = _children(served)[2]
        if again and again[0].pid != tasks[0].pid:
            break
        time.sleep(0.2)
    assert again and again[0].pid != tasks[0].pid
    assert "bakgrundsarbetaren avslutades" in served.log_path.read_text()


def test_sigterm_stops_serve_and_leaves_no_process_behind(served):
    served.remember_processes()
    assert len(served.seen) >= 5  # serve, granian, two workers, the task worker
    start = time.monotonic()
    assert served.stop(timeout=30) == 0
    assert time.monotonic() - start < 15
    time.sleep(0.5)
    assert served.still_running() == []
