"""The installable app's manifest and service worker (issue 16). That Chromium parses the
manifest without errors is proven in tests/browser/test_offline_journey.py."""

import json

from django.test import Client
from django.urls import reverse

from trygg.core import pwa


def test_the_manifest_has_every_member_an_installable_app_needs():
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    body = json.loads(response.content)
    assert body["name"].startswith("Trygg") and body["short_name"] == "Trygg"
    assert body["start_url"] == "/start/" and body["scope"] == "/"
    assert body["display"] == "standalone" and body["lang"] == "sv"
    assert body["theme_color"] == "#0b4f8a"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in body["icons"]:
        assert Client().get(icon["src"]).status_code == 200


def test_the_service_worker_is_served_for_the_whole_scope_and_never_from_a_cache():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    text = response.content.decode()
    assert f'var VERSION = "{pwa.worker_version()}";' in text
    for url in pwa.shell_urls():
        assert json.dumps(url) in text
        assert Client().get(url).status_code == 200, url
    assert '"/rapporter/ny/"' in text


def test_a_new_worker_deletes_only_old_shell_caches_never_the_outbox():
    text = Client().get("/sw.js").content.decode()
    # The outbox is IndexedDB; the worker must not open, clear or delete it.
    assert "indexedDB" not in text
    assert 'key.indexOf("trygg-shell-") === 0 && key !== SHELL_CACHE' in text


def test_every_page_links_the_manifest(client, users):
    page = Client().get(reverse("core:login")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


def test_the_offline_page_says_what_works_without_a_connection(client, users):
    response = Client().get(reverse("core:offline"))
    assert response.status_code == 200
    assert "Du är utan nät" in response.content.decode()
