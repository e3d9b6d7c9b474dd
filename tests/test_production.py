"""Production mode serves real pages, started exactly as the README's production start does.

TRYGG_ENV=production, `migrate`, `collectstatic` (manifest storage), the demo, then
`manage.py serve` behind a reverse proxy: requests carry the proxy's `X-Forwarded-Proto:
https` from 127.0.0.1. A crawl of what a logged-in analyst and a visitor can reach, every
static file those pages name, the API and Open311 must answer without a single 500.
"""

import json
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import psycopg
import pytest
from django.conf import settings

from .serving import Browser, Served, manage, postgres_url, production_env, request

pytestmark = pytest.mark.django_db(transaction=True)

# Pages whose cost is their size, not their correctness (exports are measured elsewhere), and
# links that change state or end the session.
SKIP = re.compile(r"/export\.|/logga-ut/|/django-admin/|\.(pdf|docx)$|/dokument/")
MAX_PAGES = 160

API_KEY_SNIPPET = """
from django_scopes import scope
from trygg.core.models import Municipality, Organisation, Role
from trygg.core.viewer import Viewer
from trygg.reports.services import api_key_create
koping = Municipality.objects.get(slug="koping")
with scope(municipality=koping):
    organisation = Organisation.objects.filter(municipality=koping).first()
    viewer = Viewer(municipality=koping, roles=frozenset({Role.ADMINISTRATOR}))
    _key, secret = api_key_create(viewer=viewer, organisation=organisation, name="Röktest")
print(secret)
"""


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.pages.append(attrs["href"])
        elif tag in ("link", "script", "img") and (attrs.get("href") or attrs.get("src")):
            self.assets.append(attrs.get("href") or attrs.get("src"))


def _database_for_the_server(tmp_path) -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{tmp_path / 'trygg.sqlite3'}"
    # A database of its own on the suite's PostgreSQL server.
    name = f"trygg_prod_{tmp_path.name[-8:].replace('-', '_').lower()}"
    with psycopg.connect(host=db["HOST"], user=db["USER"], dbname="postgres") as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres_url(db["HOST"], name)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path, _database_for_the_server(tmp_path))
    # The demo refuses production; it is loaded into the same database beforehand.
    demo_env = {**env, "TRYGG_ENV": "development"}
    manage("migrate", "--noinput", env=demo_env)
    manage("load_demo", env=demo_env)
    api_key = manage("shell", "-c", API_KEY_SNIPPET, env=demo_env).strip().splitlines()[-1]
    # The production start of the README: migrate, collectstatic, serve.
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    with Served(env, tmp_path / "serve.log") as served:
        yield served, api_key


def _crawl(browser: Browser, start: list[str]) -> tuple[dict[str, int], set[str]]:
    seen: dict[str, int] = {}
    assets: set[str] = set()
    queue = list(start)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or SKIP.search(path):
            continue
        status, headers, body = browser.get(path)
        seen[path] = status
        if status != 200 or "text/html" not in headers.get("Content-Type", ""):
            continue
        links = _Links()
        links.feed(body.decode("utf-8"))
        for href in links.pages:
            url = urlsplit(urljoin(path, href))
            if url.netloc in ("", f"127.0.0.1:{browser.port}") and url.path.startswith("/"):
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
        assets.update(a for a in links.assets if a.startswith("/static/"))
    return seen, assets


def test_production_serves_the_public_pages_and_their_static_files(production):
    served, _key = production
    browser = Browser(served.port)
    seen, assets = _crawl(browser, ["/", "/tillganglighet/", "/logga-in/"])
    assert seen["/"] == 200
    assert [p for p, s in seen.items() if s >= 500] == []
    assert len(seen) >= 8, seen
    # Manifest storage: hashed names, served by WhiteNoise with a far-future cache.
    assert assets and all(re.search(r"\.[0-9a-f]{12}\.(css|js|png|svg|ico)$", a) for a in assets)
    for asset in assets:
        status, headers, _body = browser.get(asset)
        assert status == 200, asset
        assert "max-age=315360000" in headers["Cache-Control"], asset


def test_production_serves_the_workspace_to_a_logged_in_analyst(production):
    served, _key = production
    browser = Browser(served.port)
    status, _h, body = browser.get("/logga-in/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, headers, _body = browser.post(
        "/logga-in/",
        {"csrfmiddlewaretoken": token, "username": "analytiker", "password": "demo"},
    )
    assert status == 302, _body[:500]
    assert "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    seen, _assets = _crawl(
        browser, ["/start/", "/rapporter/", "/lagesbild/", "/strategi/", "/dialog/", "/vandringar/"]
    )
    assert [p for p, s in seen.items() if s >= 500] == []
    assert seen["/rapporter/"] == 200 and seen["/lagesbild/"] == 200
    assert seen["/dialog/"] == 200 and seen["/vandringar/"] == 200
    assert len([s for s in seen.values() if s == 200]) >= 30, seen


def test_production_answers_plain_http_with_a_redirect_and_unknown_pages_with_404(production):
    served, _key = production
    status, headers, _body = request(served.port, "GET", "/", headers={"Host": "127.0.0.1"})
    assert status == 301 and headers["Location"] == "https://127.0.0.1/"
    status, headers, body = Browser(served.port).get("/finns-inte/")
    assert status == 404 and "text/html" in headers["Content-Type"]
    assert "Strict-Transport-Security" in headers


def test_production_serves_the_api_and_open311(production):
    served, key = production
    browser = Browser(served.port)
    status, _h, body = browser.get("/api/openapi.json")
    assert status == 200 and json.loads(body)["openapi"].startswith("3.")
    assert browser.get("/api/docs")[0] == 200
    report = {
        "uuid": str(uuid.uuid4()),
        "category": "klotter",
        "occurred_at": "2026-11-20T22:15:00+01:00",
        "lat": 59.514,
        "lon": 15.9926,
        "description": "Klotter på busskur",
    }
    status, _h, body = request(
        served.port,
        "POST",
        "/api/reports",
        headers={**browser._headers(), "X-API-Key": key, "Content-Type": "application/json"},
        body=json.dumps(report),
    )
    assert status == 201, body
    status, _h, body = browser.get("/api/reports?limit=5", headers={"X-API-Key": key})
    assert status == 200
    assert [item["uuid"] for item in json.loads(body)["items"]] == [report["uuid"]]
    status, headers, body = browser.get("/api/reports")
    assert status == 401 and headers["Content-Type"].startswith("application/json")
    for path in (
        "/open311/v2/discovery.json",
        "/open311/v2/services.json?jurisdiction_id=1983",
        "/open311/v2/services.xml?jurisdiction_id=1983",
        "/open311/v2/requests.json?jurisdiction_id=1983",
        "/open311/v2/requests.xml?jurisdiction_id=1983",
    ):
        assert browser.get(path)[0] == 200, path
