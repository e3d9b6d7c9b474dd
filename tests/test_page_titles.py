"""Every page has its own <title>: a browser tab, a bookmark and a screen reader's first
words name the page, not only "– Trygg". The crawl visits every URL name that needs no
argument (and the public pages of a municipality, which need only its slug) as each role and
logged out, so a new page without a title block fails here."""

import re
from html import unescape

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from trygg.core.models import Role

# Not pages: a POST-only action, the admin (Django's own titles), machine endpoints.
SKIP_NAMESPACES = {"admin"}
SKIP_NAMES = {"core:logout"}
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _names(resolver=None, prefix=""):
    """(URL name, kwargs) for every route that needs no argument or only a municipality's
    slug."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIP_NAMESPACES:
                continue
            if entry.pattern.regex.groups:
                continue
            inner = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            groups = set(entry.pattern.regex.groupindex)
            if not entry.pattern.regex.groups:
                yield prefix + entry.name, {}
            elif groups == {"slug"}:
                yield prefix + entry.name, {"slug": "koping"}


def _pages():
    return sorted({n: kw for n, kw in _names() if n not in SKIP_NAMES}.items())


def test_the_crawl_finds_the_pages_of_every_app():
    names = {name for name, _ in _pages()}
    for expected in (
        "core:start",
        "reports:list",
        "strategy:plans",
        "strategy:pictures",
        "public:municipality",
        "public:report",
    ):
        assert expected in names


@pytest.mark.parametrize("role", [None, *Role.values])
def test_every_page_a_role_can_open_has_a_title_of_its_own(client, users, koping, role):
    if role is not None:
        client.force_login(users[role])
    untitled, opened = [], 0
    for name, kwargs in _pages():
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if getattr(response, "streaming", False):
            continue
        opened += 1
        match = TITLE.search(response.content.decode())
        title = unescape(match.group(1)).strip() if match else ""
        # The base layout adds " – Trygg …" after the page's own block.
        own = title.split(" – Trygg")[0].strip()
        if not own or own == "Trygg":
            untitled.append((name, title))
    assert untitled == []
    assert opened > 3
