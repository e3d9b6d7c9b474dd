"""The installable app: its web app manifest, its service worker and the two small JSON
answers the offline outbox needs (a fresh CSRF token and who is signed in).

The service worker is served from the site's root so that its scope is the whole app, and
its version is a digest of everything it caches: a new release makes a new cache, and the
old one is deleted only by the new worker once it is active. The outbox itself lives in
IndexedDB, which no worker version touches, so an update never strands a queued report."""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .colours import TOKENS

# The app shell: what a field phone needs to open the report form without coverage.
SHELL_STATIC = (
    "trygg/trygg.css",
    "trygg/app.css",
    "trygg/pwa.js",
    "trygg/outbox.js",
    "trygg/offline-form.js",
    "trygg/menu.js",
    "trygg/report-form.js",
    # The map picker on the report form. The basemap (PMTiles) is kept by the worker on the
    # map's first range request and sliced from the cache offline (sw.js).
    "vendor/leaflet-1.9.4/leaflet.css",
    "vendor/leaflet-1.9.4/leaflet.js",
    "vendor/pmtiles-4.5.0/pmtiles.js",
    "vendor/protomaps-leaflet-5.1.0/protomaps-leaflet.js",
    "trygg/map.js",
    "trygg/map-picker.js",
    "trygg/icons/icon-192.png",
)
# Pages kept for offline use once the person has opened them online. Only pages a field
# phone needs; each is the signed-in person's own and is deleted again at sign-out.
OFFLINE_PAGES = ("reports:create", "core:start")
# Pages of higher apps kept for offline use, by path pattern (a walk's field page has the
# walk in its path), each with the cache that keeps it and the static files it needs. The
# apps register them at start-up (register_offline_pages); core never imports them.
_OFFLINE_PATTERNS: list[tuple[str, str]] = []
_OFFLINE_STATIC: list[str] = []
# Signed-in people's pages, deleted at sign-out.
PAGE_CACHE = "trygg-pages"


def register_offline_pages(pattern: str, *, cache: str = PAGE_CACHE, static=()) -> None:
    """Keeps pages whose path matches `pattern` (a JavaScript regular expression) once opened
    online, in `cache`: "trygg-pages" for a signed-in person's pages (deleted at sign-out),
    another name for pages that belong to no account (a walk's join link)."""
    if (pattern, cache) not in _OFFLINE_PATTERNS:
        _OFFLINE_PATTERNS.append((pattern, cache))
    _OFFLINE_STATIC.extend(path for path in static if path not in _OFFLINE_STATIC)


def shell_static() -> tuple[str, ...]:
    return SHELL_STATIC + tuple(_OFFLINE_STATIC)


ICONS = (
    {"src": "trygg/icons/icon-192.png", "sizes": "192x192", "purpose": "any"},
    {"src": "trygg/icons/icon-512.png", "sizes": "512x512", "purpose": "any"},
    {"src": "trygg/icons/icon-maskable-512.png", "sizes": "512x512", "purpose": "maskable"},
)


@require_GET
def manifest(request):
    """The Web App Manifest (W3C): every member the spec asks an installable app to have."""
    body = {
        "id": "/",
        "name": "Trygg – trygghet och brottsförebyggande arbete",
        "short_name": "Trygg",
        "description": "Rapportera händelser och otrygghet, även utan nät.",
        "lang": "sv",
        "dir": "ltr",
        "start_url": reverse("core:start"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": TOKENS["brand"],
        "background_color": TOKENS["bg"],
        "icons": [
            {
                "src": static(icon["src"]),
                "sizes": icon["sizes"],
                "type": "image/png",
                "purpose": icon["purpose"],
            }
            for icon in ICONS
        ],
        "shortcuts": [
            {
                "name": "Ny rapport",
                "url": reverse("reports:create"),
                "icons": [
                    {"src": static(ICONS[0]["src"]), "sizes": "192x192", "type": "image/png"}
                ],
            },
        ],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


def shell_urls() -> list[str]:
    return [static(path) for path in shell_static()] + [reverse("core:offline")]


@lru_cache(maxsize=1)
def _static_digest() -> str:
    digest = hashlib.sha256()
    for path in shell_static():
        found = finders.find(path)
        digest.update(path.encode())
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()


def worker_version() -> str:
    """Changes whenever the worker's own code or anything it caches changes."""
    source = get_template("core/pwa/sw.js").template.source
    digest = hashlib.sha256(
        (_static_digest() + source + str(shell_urls()) + str(_OFFLINE_PATTERNS)).encode()
    )
    return digest.hexdigest()[:16]


@require_GET
def service_worker(request):
    response = render(
        request,
        "core/pwa/sw.js",
        {
            "version": worker_version(),
            "shell": json.dumps(shell_urls()),
            "pages": json.dumps([reverse(name) for name in OFFLINE_PAGES]),
            "page_patterns": json.dumps(_OFFLINE_PATTERNS),
            "offline_url": json.dumps(reverse("core:offline")),
            "static_prefix": json.dumps(settings.STATIC_URL),
            "place_search": reverse("geo:place_search"),
            "place_search_json": json.dumps(reverse("geo:place_search")),
        },
        content_type="text/javascript; charset=utf-8",
    )
    # Browsers check for a new worker on every navigation; never let a cache answer that.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@never_cache
@require_GET
def session_json(request):
    """What the outbox asks before it sends: a fresh CSRF token (the one in a page cached
    days ago may be stale) and whose session this is, so one person's queue is never sent
    in another's name on a shared phone."""
    user = request.user if request.user.is_authenticated else None
    return JsonResponse(
        {
            "csrf_token": get_token(request),
            "user": user.pk if user else None,
            "login_url": reverse("core:login"),
        }
    )


@require_GET
def offline(request):
    """The page the worker shows for a page that was never opened online."""
    return render(request, "core/pwa/offline.html")
