"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Convention: a journey moves between pages only through `visit`, `follow` and `submit`
(and `login`, built on them). Each of them waits for the new page and runs `axe_check` on
it, so every page a journey sees is checked for WCAG 2.0/2.1 A and AA. The `page` fixture
and every other page of a test's contexts count the main frame's navigations, and the test
fails if one of them was not checked.

Each navigation also fails if a stylesheet, script or image of the page did not load.

One browser per session, a new context (cookies, storage) per test. `live_server` makes
pytest-django use `transactional_db`, so the database is emptied after each test; `demo` and
`foundation_demo` run `load_demo` in the first test and put the same rows back in later ones.

Helpers are imported from here: `from tests.browser.conftest import follow, login, ...`.
"""

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock
from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

from tests.demo_snapshot import DemoSnapshot
from trygg.demo.management.commands.load_demo import Command as LoadDemo

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    "chromium saknas – webbläsartesterna hoppas över (kör make test som root för att installera)"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
TIMEOUT_MS = 10_000
LOGIN_PATH = "/logga-in/"


class _ViolationsOnlyAxe(Axe):
    """axe_playwright_python's Axe (its bundled axe-core), but only the violations are sent
    back from the page: the full result object is large and halves the speed of a check."""

    def run(self, page, context=None, options=None):
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(self.axe_script)
        violations = page.evaluate(
            "([context, options]) => axe.run(context || document, options).then(r => r.violations)",
            [context, options],
        )
        return AxeResults({"violations": violations})


_axe = _ViolationsOnlyAxe()


# --- Fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{CHROMIUM} saknas: i CI hoppas webbläsartesterna aldrig över. "
                "Installera Debians paket chromium (make test som root gör det).",
                pytrace=False,
            )
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item._trygg_call_passed = report.passed
    return report


@pytest.fixture
def new_context(request, browser, live_server):
    """Factory for extra contexts (e.g. without JavaScript); all are closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "sv-SE")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", track_navigations)
        context._trygg_options = options
        contexts.append(context)
        return context

    yield make
    try:
        if getattr(request.node, "_trygg_call_passed", False):
            for context in contexts:
                for page in context.pages:
                    page._trygg_navigations.assert_all_checked()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def demo(transactional_db):
    """The whole demo (`load_demo`): Köping and Arboga, organisations, the demo users
    (password "demo"), real areas, and what the apps built on the foundation add (reports,
    police events, meetings, ...)."""
    _demo_snapshots["full"].load()


@pytest.fixture
def foundation_demo(transactional_db):
    """The foundation's part of the demo: `load_demo` without its `_extend` hook, where the
    apps built on the foundation add their data. Köping and Arboga, organisations, the demo
    users (password "demo") and the real areas, in about a second instead of many."""
    with mock.patch.object(LoadDemo, "_extend", lambda self, municipalities: None):
        _demo_snapshots["foundation"].load()


@pytest.fixture(name="axe_check")
def axe_check_fixture():
    return axe_check


_demo_snapshots = {"full": DemoSnapshot(), "foundation": DemoSnapshot()}


# --- Accessibility ----------------------------------------------------------------------


_CSRF_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')
_clean_pages: set[str] = set()


def axe_check(page) -> None:
    """Runs axe-core (WCAG 2.0/2.1 A and AA) on the current page; fails on any violation.

    A page whose HTML (apart from CSRF tokens) and viewport are identical to one that already
    passed in this session is not checked again: axe's result would be the same."""
    guard = getattr(page, "_trygg_navigations", None)
    html = page.content()
    normalised = _CSRF_TOKEN.sub(r'\1"', html)
    key = hashlib.sha256(f"{page.viewport_size}\n{normalised}".encode()).hexdigest()
    if key in _clean_pages:
        if guard is not None:
            guard.checked(page.url)
        return
    options = getattr(page.context, "_trygg_options", {})
    if options.get("java_script_enabled", True):
        response = _axe.run(page, options=AXE_OPTIONS).response
    else:
        response = _axe_without_javascript(page, options, html)
    if guard is not None:
        guard.checked(page.url)
    violations = response["violations"]
    if not violations:
        _clean_pages.add(key)
    else:
        lines = [f"axe: {len(violations)} WCAG-överträdelse(r) på {page.url}"]
        for v in violations:
            lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} [{v['helpUrl']}]")
            for node in v["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                lines.append(f"    {node['target']} {node.get('html', '')[:160]}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def _axe_without_javascript(page, options, html):
    """axe-core needs timers, which do not run when JavaScript is off. So the page's HTML, as
    the browser received and parsed it, is served again at the same address to a twin
    page with JavaScript on (same viewport, same stylesheets) and checked there. The twins
    live as long as the browser."""
    url = page.url
    twin_options = {k: v for k, v in options.items() if k != "java_script_enabled"}
    browser = page.context.browser
    twins = browser.__dict__.setdefault("_trygg_twins", {})
    key = repr(sorted(twin_options.items()))
    if key not in twins:
        twin = browser.new_context(**twin_options)
        twin.set_default_timeout(TIMEOUT_MS)
        twins[key] = twin.new_page()
    twin_page = twins[key]

    def serve_html(route):
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    twin_page.route(url, serve_html)
    try:
        twin_page.goto(url)
    finally:
        twin_page.unroute(url, serve_html)
    return _axe.run(twin_page, options=AXE_OPTIONS).response


@dataclass
class _NavigationGuard:
    page: object
    unchecked: list = field(default_factory=list)
    broken: list = field(default_factory=list)
    # URL parts whose failures a test causes on purpose (see allow_failed_requests).
    allowed: list = field(default_factory=list)

    def _expected(self, url):
        return any(part in url for part in self.allowed)

    def navigated(self, frame):
        if frame == self.page.main_frame and not frame.url.startswith(("about:", "data:")):
            self.unchecked.append(frame.url)

    def response(self, response):
        if self._expected(response.url):
            return
        if response.status >= 400 and not response.request.is_navigation_request():
            self.broken.append(f"{response.url} ({response.status})")

    def request_failed(self, request):
        if self._expected(request.url):
            return
        # A script's fetch cut off because the page navigated away (the map reading basemap
        # ranges when a link is followed) is the browser's doing, not a broken resource.
        if request.failure == "net::ERR_ABORTED" and request.resource_type in ("fetch", "xhr"):
            return
        already = any(b.startswith(f"{request.url} (") for b in self.broken)
        if not request.is_navigation_request() and not already:
            self.broken.append(f"{request.url} ({request.failure})")

    def checked(self, url):
        self.unchecked = [u for u in self.unchecked if u != url]

    def assert_resources_loaded(self):
        broken, self.broken = self.broken, []
        assert not broken, (
            f"{self.page.url}: stilmallar, skript eller bilder kunde inte laddas: "
            + ", ".join(broken)
        )

    def assert_all_checked(self):
        assert not self.unchecked, (
            "Sidor som besöktes utan axe-kontroll (använd visit/follow/submit): "
            + ", ".join(self.unchecked)
        )


def allow_failed_requests(page, *url_parts) -> None:
    """For a test that takes the network away or refuses requests on purpose (the offline
    outbox): failures of URLs containing one of `url_parts` are not broken resources."""
    page._trygg_navigations.allowed.extend(url_parts)


def track_navigations(page) -> _NavigationGuard:
    """Records every main-frame navigation so a test cannot skip the axe check by accident,
    and every stylesheet, script or image that failed to load."""
    guard = _NavigationGuard(page)
    page.on("framenavigated", guard.navigated)
    page.on("response", guard.response)
    page.on("requestfailed", guard.request_failed)
    page._trygg_navigations = guard
    return guard


# --- Navigation helpers (each checks the page it arrives at) ------------------------------


def _arrived(page, response, expect_status):
    assert response is not None, f"ingen sida laddades ({page.url})"
    if expect_status is not None:
        assert response.status == expect_status, (
            f"{response.request.method} {response.url} gav {response.status}, "
            f"väntade {expect_status}"
        )
    page.wait_for_load_state("load")
    guard = getattr(page, "_trygg_navigations", None)
    if guard is not None:
        guard.assert_resources_loaded()
    axe_check(page)
    return response


def field(scope, label):
    """The form field labelled exactly `label`: the project's labels end in Django's ":"
    suffix, so `get_by_label(label, exact=True)` never matches and a substring match would
    also take "Problembilder" for "Problem"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def visit(page, url, *, expect_status=200):
    """Opens `url` (absolute or relative to the live server) and checks the page."""
    return _arrived(page, page.goto(url), expect_status)


def follow(page, locator, *, expect_status=200):
    """Clicks a link (or anything that navigates) and checks the page it leads to."""
    with page.expect_navigation() as navigation:
        locator.click()
    return _arrived(page, navigation.value, expect_status)


def submit(page, button, *, expect_status=200):
    """Submits a form with `button` and checks the resulting page (after any redirect)."""
    return follow(page, button, expect_status=expect_status)


def login(page, live_server, username, password, *, expect_success=True):
    """Logs in through the real login form. With `expect_success`, asserts that the browser
    left the login page (i.e. the credentials were accepted)."""
    visit(page, urljoin(live_server.url, LOGIN_PATH))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    response = submit(page, page.locator("main form").get_by_role("button", name="Logga in"))
    if expect_success:
        assert urlparse(page.url).path != LOGIN_PATH, (
            f"inloggningen som {username} misslyckades: {page.locator('main').inner_text()}"
        )
    return response
