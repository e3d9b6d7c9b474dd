"""Walk field mode on a phone: the field page's start from the service worker's cache on a
throttled phone (4× CPU slowdown, slow 3G) against the same page unthrottled, and 50 queued
observations with photos synced through the outbox with every fifth reply lost: rows stored
against observations queued (duplicates must be 0).

Over real HTTP on the loopback (bench/server.py, granian, scratch SQLite) with Debian's
chromium driven by Playwright; the throttling is Chrome DevTools' (CDP
Emulation.setCPUThrottlingRate and Network.emulateNetworkConditions with DevTools' "Slow 3G"
figures). The start is timed from the navigation to the moment field mode's script has drawn
the phone's outbox list (the page is usable), median of the rounds. Never a timed test.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_intake import load_average
from bench.server import ROOT, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "benchmark-join-link-0001"
# Chrome DevTools' "Slow 3G" preset: 2 s round trip, about 400 kbit/s each way.
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 500 * 1000 / 8 * 0.8,
    "uploadThroughput": 500 * 1000 / 8 * 0.8,
}
SETUP = f"""
from datetime import date
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled
from trygg.core.models import Municipality
from trygg.geo.models import Area
from trygg.walks.models import ChecklistItem, ChecklistTemplate, Walk
lon, lat, d = 15.993, 59.514, 0.01
ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
        [lon - d, lat + d], [lon - d, lat - d]]
with scopes_disabled():
    m = Municipality.objects.create(name="Köping", kommunkod="1983", county_code="19",
        slug="koping", population=25806)
    area = Area.objects.create(municipality=m, name="Centrum", kind="stadsdel",
        geometry={{"type": "Polygon", "coordinates": [ring]}},
        min_lon=lon - d, min_lat=lat - d, max_lon=lon + d, max_lat=lat + d)
    t = ChecklistTemplate.objects.create(municipality=m, name="Standard",
        scale_labels=["Mycket dåligt", "Dåligt", "Godtagbart", "Bra"])
    items = [("belysning", "Belysning"), ("sikt", "Sikt"), ("skrap", "Skräp")]
    for i, (code, label) in enumerate(items):
        ChecklistItem.objects.create(municipality=m, template=t, code=code, label=label, order=i)
    leader = get_user_model().objects.create_user("ledare", password="x")
    Walk.objects.create(municipality=m, title="Benchmark", area=area, walk_on=date.today(),
        template=t, leader=leader, join_token="{TOKEN}")
"""
COUNT = """
from django_scopes import scopes_disabled
from trygg.walks.models import Observation, ObservationPhoto
with scopes_disabled():
    print(Observation.objects.count(), ObservationPhoto.objects.count(),
          Observation.objects.values("client_uuid").distinct().count())
"""
READY = (
    "() => { const l = document.querySelector('[data-field-outbox]'); return !!l && !l.hidden; }"
)
ACTIVE = "() => navigator.serviceWorker.getRegistration().then(r => !!(r && r.active))"
# Queues n observations with one generated PNG each straight into the outbox, as the form does.
QUEUE = """async ([n, endpoint]) => {
  const canvas = document.createElement('canvas'); canvas.width = 1200; canvas.height = 900;
  const g = canvas.getContext('2d');
  const items = document.querySelectorAll('input[name=item]');
  for (let i = 0; i < n; i++) {
    g.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`; g.fillRect(0, 0, 1200, 900);
    const blob = await new Promise(r => canvas.toBlob(r, 'image/jpeg', 0.85));
    const id = TryggOutbox.newId();
    await TryggOutbox.put({ id, created: Date.now(), kind: 'observation', endpoint,
      form: location.pathname,
      owner: 'bench', auth: 'link', state: 'köad', label: 'Observation ' + i,
      fields: [['client_uuid', id], ['recorded_at', new Date().toISOString()],
               ['item', items[1 + i % 3].value], ['score', String(i % 4)],
               ['lat', '59.514'], ['lon', '15.993'], ['text', 'Observation ' + i]],
      files: [{ name: 'photos', blob, filename: 'foto.jpg' }] });
  }
  return n;
}"""
RECEIVED = (
    """() => TryggOutbox.all().then(items => items.filter(i => i.state === 'mottagen').length)"""
)


def _poll(page, predicate, seconds=60):
    for _ in range(seconds * 10):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(100)
    raise RuntimeError(f"timed out waiting for {predicate}")


def _start(page, url) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    _poll(page, READY)
    return time.perf_counter() - started


def _starts(browser, base, url, *, throttled: bool, offline: bool, rounds: int) -> list[float]:
    context = browser.new_context(
        base_url=base,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        service_workers="allow",
        locale="sv-SE",
    )
    page = context.new_page()
    page.goto(url)
    _poll(page, ACTIVE)
    page.goto(url)  # under the worker: the page is now kept in its cache
    _poll(page, "() => caches.open('trygg-walk-links').then(c => c.keys()).then(k => k.length > 0)")
    cdp = context.new_cdp_session(page)
    if throttled:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    if offline:
        context.set_offline(True)
    times = [_start(page, url) for _ in range(rounds)]
    context.close()
    return times


def _sync(browser, base, url, server_env, n: int) -> dict:
    context = browser.new_context(base_url=base, service_workers="allow")
    page = context.new_page()
    page.goto(url)
    _poll(page, ACTIVE)
    page.goto(url)
    _poll(page, READY)
    context.set_offline(True)
    endpoint = page.get_attribute("#field-form", "data-field-endpoint")
    page.evaluate(QUEUE, [n, endpoint])
    calls = {"n": 0, "lost": 0}

    def lose_every_fifth(route):
        calls["n"] += 1
        response = route.fetch()
        if calls["n"] % 5 == 1:
            calls["lost"] += 1
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    context.route("**/observationer.json", lose_every_fifth)
    context.set_offline(False)
    started = time.perf_counter()
    while page.evaluate(RECEIVED) < n:
        page.evaluate("() => TryggOutbox.sync()")
        if time.perf_counter() - started > 600:
            raise RuntimeError("sync did not finish in 10 minutes")
    elapsed = time.perf_counter() - started
    context.close()
    done = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", COUNT],
        cwd=ROOT,
        env=server_env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows, photos, distinct = (int(x) for x in done.stdout.split()[-3:])
    return {
        "rows": rows,
        "photos": photos,
        "distinct": distinct,
        "requests": calls["n"],
        "lost": calls["lost"],
        "seconds": elapsed,
    }


def run(quick: bool = False):
    if not CHROMIUM.exists():
        yield "skipped: Debian's chromium is not installed"
        return
    from playwright.sync_api import sync_playwright

    rounds = 2 if quick else 5
    n = 10 if quick else 50
    before = load_average()
    with running_server(workers=2, setup=SETUP) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        url = f"/vandringar/{TOKEN}/falt/"
        try:
            for offline, label in (
                (True, "offline, from the worker's cache"),
                (False, "online, network first"),
            ):
                plain = statistics.median(
                    _starts(
                        browser, server.base, url, throttled=False, offline=offline, rounds=rounds
                    )
                )
                slow = statistics.median(
                    _starts(
                        browser, server.base, url, throttled=True, offline=offline, rounds=rounds
                    )
                )
                yield (
                    f"field page start {label}: unthrottled {1000 * plain:,.0f} ms vs phone "
                    f"profile (4× CPU, slow 3G) {1000 * slow:,.0f} ms = ratio {slow / plain:.1f} "
                    f"(median of {rounds})"
                )
            r = _sync(browser, server.base, url, server.env, n)
        finally:
            browser.close()
    yield (
        f"{n} queued observations with a photo each, every fifth reply lost: "
        f"{r['requests']} requests ({r['lost']} replies lost) in {r['seconds']:.1f} s → "
        f"{r['rows']} rows, {r['photos']} photos, {r['distinct']} distinct client UUIDs; "
        f"duplicates = {r['rows'] - n} (load average {before} → {load_average()})"
    )
