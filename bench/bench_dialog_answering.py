"""Public survey answering as a ratio to citizen report intake on the same server.

Answers/s and reports/s side by side, and their ratio, on SQLite and PostgreSQL in one run.

The server is `manage.py serve --no-task-worker` (granian WSGI, 2 workers, as production
starts it) on a fresh database with Köping's real areas, a published open survey of 15
questions (one of them a map question) built through dialog's services, and the citizen
categories every municipality gets. 8 client threads with keep-alive connections on the
loopback, in this process.

Both sides are what a citizen's browser does, as GET + POST pairs: GET the form (a new
visitor: no cookies; the page brings the CSRF token, the ALTCHA challenge and, for the
survey, the device cookie), solve that page's challenge, POST the form, expect the 302 to the
thanks or status page (not followed). One pair is one answer or one report.

Bench-only treatment, through the environment of the server (the same for both sides, so
the ratio is fair):
- TRYGG_ALTCHA_MAX_NUMBER=1000: the proof of work costs the client ~1 ms instead of the
  production setting's seconds; the server verifies it exactly as in production.
- TRYGG_TRUSTED_PROXIES=127.0.0.1 and an X-Forwarded-For of its own on every pair: each pair
  is another citizen, so both per-address rate limits (20 reports and 30 answers an hour)
  run their count and insert on every request but never refuse one. The limits themselves
  are not changed.
"""

import http.client
import json
import re
import statistics
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import psycopg

from bench.pg import pg_server
from bench.server import running_server

SETUP = """
import json
import os
from datetime import date
from pathlib import Path
from django_scopes import scope
from trygg.core.models import Municipality, Role
from trygg.core.viewer import Viewer, operator_viewer
from trygg.dialog.services import questions, surveys
from trygg.dialog.services.dialogues import dialogue_save
from trygg.geo.models import Area
from trygg.geo.services import areas_import
from trygg.reports.models import Category
data = Path("trygg/demo/data")
m = Municipality.objects.create(name="Köping", kommunkod="1983", county_code="19", slug="koping")
admin = operator_viewer(m)
samordnare = Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE}))
likert = [{"value": str(i), "label": label} for i, label in enumerate(
    ("Mycket trygg", "Ganska trygg", "Ganska otrygg", "Mycket otrygg"), start=1)]
yes_no = [{"value": "ja", "label": "Ja"}, {"value": "nej", "label": "Nej"}]
places = [{"value": v, "label": v.capitalize()} for v in ("centrum", "stationen", "parken",
          "skolan", "hemma")]
with scope(municipality=m):
    for filename, kind, prop in (
        ("koping-kommungrans.geojson", Area.Kind.KOMMUNGRANS, "kommunnamn"),
        ("koping-regso.geojson", Area.Kind.STADSDEL, "regso"),
        ("koping-deso.geojson", Area.Kind.DESO, "deso"),
    ):
        areas_import(viewer=admin, raw=(data / filename).read_bytes(), kind=kind,
                     name_property=prop)
    dialogue = dialogue_save(
        viewer=samordnare, title="Trygghetsdialog 2026", question="Var är det otryggt?",
        decided_by="BRÅ 2026-03-12 § 4", forms=["enkat"], starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31), feedback_plan="Ni sa – vi gör i september.")
    survey = surveys.survey_create(viewer=samordnare, dialogue=dialogue,
                                   title="Trygghet i Köping 2026", mode="open")
    asked = []
    def add(kind, text, **fields):
        q = questions.question_save(viewer=samordnare, survey=survey, kind=kind, text=text,
                                    **fields)
        asked.append({"key": q.key, "kind": kind,
                      "options": [o["value"] for o in fields.get("options", [])]})
        return q
    for text in ("på kvällen i centrum", "vid stationen", "i din bostadsgata",
                 "i parkerna", "på bussen"):
        add("likert", f"Hur trygg känner du dig {text}?", options=likert, required=True)
    add("single", "Har du utsatts för brott det senaste året?", options=yes_no)
    add("single", "Undviker du vissa platser?", options=yes_no)
    add("multiple", "Var känner du dig otrygg?", options=places)
    add("multiple", "Vad skulle göra dig tryggare?", options=places)
    add("number", "Hur många år har du bott i kommunen?", min_value=0, max_value=120)
    add("text", "Vad gör att du känner dig otrygg?", max_length=500)
    add("map", "Markera var du känner dig otrygg.", map_time_of_day=True, map_reason=True)
    add("text", "Något mer du vill säga?", max_length=2000)
    add("single", "Kön", options=[{"value": "kvinna", "label": "Kvinna"},
                                  {"value": "man", "label": "Man"}])
    add("number", "Hur gammal är du?", min_value=16, max_value=110)
    surveys.survey_publish(viewer=samordnare, survey=survey)
    category = Category.objects.get(municipality=m, code="klotter")
out = {"token": survey.token, "questions": asked, "category": category.pk}
open(os.environ["TRYGG_VAR_DIR"] + "/bench.json", "w").write(json.dumps(out))
"""

HTTP = "manage.py serve --no-task-worker (granian WSGI, 2 workers)"
ENV = {"TRYGG_ALTCHA_MAX_NUMBER": "1000", "TRYGG_TRUSTED_PROXIES": "127.0.0.1"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHALLENGE = re.compile(r'id="altcha-challenge"[^>]*>(.*?)</script>', re.S)
VERSION = re.compile(r'name="version" value="(\d+)"')


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def altcha_payload(page: str) -> str:
    """The solution of the page's challenge, as the widget posts it (tests.helpers does the
    same for the tests; the bench does not import the test tree)."""
    from base64 import b64encode

    from altcha import v1 as altcha

    c = json.loads(CHALLENGE.search(page).group(1))
    solution = altcha.solve_challenge(c["challenge"], c["salt"], c["algorithm"], c["maxNumber"], 0)
    payload = {k: c[k] for k in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number
    return b64encode(json.dumps(payload).encode()).decode()


def citizen_address(i: int) -> str:
    """Another private address per pair (10.x.y.z), not repeated within 16 million pairs."""
    i += 1
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


def survey_answers(questions: list[dict], i: int) -> dict:
    """A complete answer to every question in POST field names, varied by `i` so that the
    repeat guard sees different answer sets (as it would from different people)."""
    data = {}
    for n, q in enumerate(questions):
        name = f"q-{q['key']}"
        options = q["options"]
        if q["kind"] in ("likert", "single"):
            data[name] = options[(i + n) % len(options)]
        elif q["kind"] == "multiple":
            data[name] = [options[(i + n) % len(options)], options[(i + n + 2) % len(options)]]
        elif q["kind"] == "number":
            data[name] = str(16 + (i + n) % 60)
        elif q["kind"] == "text":
            data[name] = f"Dålig belysning vid gångtunneln, svar {i}."
        elif q["kind"] == "map":
            data[f"{name}-lat"] = f"{59.505 + (i % 40) * 0.0005:.5f}"
            data[f"{name}-lon"] = f"{15.985 + (i % 30) * 0.0005:.5f}"
            data[f"{name}-time"] = ("morgon", "dag", "kvall", "natt")[i % 4]
            data[f"{name}-reason"] = "Mörkt och öde"
    return data


def report_fields(category: int, i: int) -> dict:
    """The citizen form as its page sends it once the map was clicked."""
    return {
        "category": str(category),
        "place_name": "Stora torget",
        "lat": f"{59.505 + (i % 40) * 0.0005:.5f}",
        "lon": f"{15.985 + (i % 30) * 0.0005:.5f}",
        "occurred_at": "2026-11-20T22:15",
        "description": "Klotter på busskuren, ungefär två kvadratmeter.",
        "client_uuid": str(uuid.uuid4()),
    }


def _cookies(response, jar: dict) -> None:
    for header in response.msg.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value


def _pair(conn, path: str, fields, i: int) -> tuple[int, float, float, int]:
    """One citizen: GET the form, solve its challenge, POST. Returns the POST's status (the
    GET's when it failed), the GET's and the POST's seconds, and the page's size."""
    headers = {"X-Forwarded-For": citizen_address(i)}
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    raw = response.read()
    got = time.perf_counter() - t
    page = raw.decode()
    if response.status != 200:
        return response.status, got, 0.0, len(raw)
    jar: dict = {}
    _cookies(response, jar)
    data = {"csrfmiddlewaretoken": CSRF.search(page).group(1), "altcha": altcha_payload(page)}
    version = VERSION.search(page)
    if version:
        data["version"] = version.group(1)
    data.update(fields(i))
    body = urlencode(data, doseq=True)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    t = time.perf_counter()
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, got, time.perf_counter() - t, len(raw)


def run_pairs(base: str, path: str, fields, *, total: int, start: int, threads: int = 8):
    """`total` GET + POST pairs from `threads` keep-alive connections; pair numbers from
    `start` (so that no two pairs of a run share an address)."""
    host = urlsplit(base)
    latencies: list[float] = []
    parts: list[tuple[float, float, int]] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(start, start + total))

    def worker():
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        mine, split = [], []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t = time.perf_counter()
            status, got, posted, size = _pair(conn, path, fields, i)
            mine.append(time.perf_counter() - t)
            split.append((got, posted, size))
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            parts.extend(split)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    n = len(latencies)
    return {
        "rps": n / elapsed if elapsed else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if n else 0.0,
        "p95_ms": latencies[max(int(n * 0.95) - 1, 0)] * 1000 if n else 0.0,
        "get_p50_ms": statistics.median(p[0] for p in parts) * 1000 if n else 0.0,
        "post_p50_ms": statistics.median(p[1] for p in parts) * 1000 if n else 0.0,
        "page_kb": statistics.median(p[2] for p in parts) / 1024 if n else 0.0,
        "stored": statuses.get(302, 0),
        "other": {k: v for k, v in statuses.items() if k != 302},
    }


def _measure(label: str, env: dict, total: int):
    with running_server(setup=SETUP, env={**ENV, **env}, supervised=True) as s:
        with open(s.env["TRYGG_VAR_DIR"] + "/bench.json") as f:
            made = json.load(f)
        kinds = {
            "answer": (
                f"/enkat/{made['token']}/",
                lambda i: survey_answers(made["questions"], i),
            ),
            "report": (
                "/kommun/koping/rapportera/",
                lambda i: report_fields(made["category"], i),
            ),
        }
        start = 0
        for path, fields in kinds.values():  # warm every worker on both forms
            run_pairs(s.base, path, fields, total=50, start=start)
            start += 50
        before = load_average()
        runs = {k: [] for k in kinds}
        for _round in range(2):
            for k, (path, fields) in kinds.items():
                runs[k].append(run_pairs(s.base, path, fields, total=total, start=start))
                start += total
        after = load_average()
    rps = {k: sum(r["rps"] for r in v) / len(v) for k, v in runs.items()}

    def line(k, text, unit):
        r = runs[k][-1]
        other = {}
        for run in runs[k]:
            for status, n in run["other"].items():
                other[status] = other.get(status, 0) + n
        refused = ", not stored " + ", ".join(f"{n}× {c}" for c, n in other.items())
        return (
            f"  {text}: {rps[k]:,.1f} {unit}/s (GET + POST p50 {r['p50_ms']:.0f} ms, "
            f"p95 {r['p95_ms']:.0f} ms; GET p50 {r['get_p50_ms']:.0f} ms for a "
            f"{r['page_kb']:,.0f} KB page, POST p50 {r['post_p50_ms']:.0f} ms"
            + (refused if other else "")
            + ")"
        )

    yield f"{label} ({total:,} pairs each, two rounds; load average {before} → {after}):"
    yield line("answer", "survey answer, 15 questions with a map (/enkat/<token>/)", "answers")
    yield line("report", "citizen report form (/kommun/koping/rapportera/)", "reports")
    yield f"  ratio answers/s ÷ reports/s = {rps['answer'] / rps['report']:.0%}"


def _database(pg, name: str) -> dict:
    with psycopg.connect(pg.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return {"TRYGG_DATABASE_URL": pg.url(name)}


def run(quick: bool = False):
    total = 100 if quick else 400
    yield f"server: {HTTP}, loopback, 8 client threads, GET + POST per answer or report"
    yield "bench env: TRYGG_ALTCHA_MAX_NUMBER=1000, TRYGG_TRUSTED_PROXIES=127.0.0.1"
    yield from _measure("SQLite (WAL)", {}, total)
    with pg_server() as pg:
        yield from _measure("PostgreSQL", _database(pg, "answering"), total)
