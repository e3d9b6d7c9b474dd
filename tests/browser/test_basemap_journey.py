"""Maps with a background (issue 15, item 2), in chromium on the full demo: the report map
draws Köping's own vector basemap from PMTiles range requests, the report page shows its
report on the map, the list still does the map's job, and an online basemap's tiles come
from the server configured for the municipality (a local one the test starts). Every page
visited passes axe-core (WCAG 2.0/2.1 A and AA)."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_scopes import scope, scopes_disabled
from PIL import Image

from tests.browser.conftest import follow, login, visit
from trygg.core.models import Municipality
from trygg.core.viewer import operator_viewer
from trygg.geo.basemap import basemap_set
from trygg.reports.models import Report

pytestmark = pytest.mark.browser

# Any drawn pixel of the tile canvases: the basemap's fill is opaque where it has data.
CANVAS_DRAWN = """() => {
  const tiles = [...document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile')];
  return tiles.some(c => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4 * 97) if (d[i] > 0) return true;
    return false;
  });
}"""


def _ranges(page):
    """Records the basemap responses the page receives: (status, Content-Range)."""
    seen = []

    def on_response(response):
        if "/omraden/bakgrundskarta/" in response.url:
            seen.append((response.status, response.headers.get("content-range", "")))

    page.on("response", on_response)
    return seen


def test_the_report_map_and_the_report_page_draw_the_offline_basemap(page, live_server, demo):
    ranges = _ranges(page)
    login(page, live_server, "samordnare", "demo")
    visit(page, "/rapporter/karta/")
    report_map = page.locator("#report-map")
    page.wait_for_function(
        "() => Number(document.getElementById('report-map').dataset.basemapTiles || 0) > 0"
    )
    assert report_map.get_attribute("data-basemap") == "offline"
    assert page.evaluate(CANVAS_DRAWN)
    assert ranges, "kartan hämtade inget ur bakgrundskartan"
    assert all(status == 206 and crange.startswith("bytes ") for status, crange in ranges)
    assert "SCB, Lantmäteriet" in page.locator(".leaflet-control-attribution").inner_text()

    # The list does the map's job without a map.
    follow(page, page.locator("main").get_by_role("link", name="listan över rapporter"))
    assert page.locator("main table tbody tr").count() > 0

    with scopes_disabled():
        report = Report.objects.filter(precision="punkt").order_by("-pk").first()
    visit(page, f"/rapporter/{report.pk}/")
    place_map = page.locator("#report-place-map")
    assert place_map.is_visible()
    page.wait_for_function(
        "() => Number(document.getElementById('report-place-map').dataset.basemapTiles || 0) > 0"
    )
    assert page.evaluate(CANVAS_DRAWN)
    assert place_map.get_attribute("data-shows") == "punkt"


class _TileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.paths = []
        image = io.BytesIO()
        Image.new("RGB", (256, 256), (200, 220, 200)).save(image, "PNG")
        self.tile = image.getvalue()
        super().__init__(("127.0.0.1", 0), _TileHandler)


class _TileHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.server.tile)))
        self.end_headers()
        self.wfile.write(self.server.tile)

    def log_message(self, *args):
        pass


@pytest.fixture
def tile_server():
    server = _TileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_an_online_basemap_is_drawn_from_the_configured_tile_server(
    page, live_server, demo, tile_server
):
    origin = f"http://127.0.0.1:{tile_server.server_address[1]}"
    with scopes_disabled():
        koping = Municipality.objects.get(slug="koping")
    with scope(municipality=koping):
        basemap_set(
            viewer=operator_viewer(koping),
            source="online",
            tile_url=origin + "/topo/{z}/{x}/{y}.png",
            attribution="Testkartan",
        )
    csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_violations.append(m))
    login(page, live_server, "samordnare", "demo")
    visit(page, "/rapporter/karta/")
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0")
    assert tile_server.paths and all(p.startswith("/topo/") for p in tile_server.paths)
    assert page.locator("#report-map").get_attribute("data-basemap") == "online"
    assert "Testkartan" in page.locator(".leaflet-control-attribution").inner_text()
    assert csp_violations == []

    # The citizen form's picker draws the same background, logged out too.
    page.context.clear_cookies()
    before = len(tile_server.paths)
    visit(page, "/kommun/koping/rapportera/")
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0")
    assert len(tile_server.paths) > before
