"""Trygg's URLs plus `GET /bench/tiles/<z>/<x>/<y>.mvt`: django.views.static.serve over the
folder bench/_basemap_worker.py writes (one file per tile), the reference for the Range view."""

import os

from django.urls import path
from django.views.static import serve

from trygg.urls import handler500  # noqa: F401 - handler500
from trygg.urls import urlpatterns as trygg_urlpatterns

urlpatterns = [
    path("bench/tiles/<path:path>", serve, {"document_root": os.environ["BENCH_TILE_DIR"]}),
    *trygg_urlpatterns,
]
