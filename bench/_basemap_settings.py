"""Settings for bench/_basemap_worker.py: Trygg's own, with the reference static tile view
(bench/_basemap_urls.py) in the URLconf, behind the same middleware as the Range view."""

from trygg.settings import *  # noqa: F403

ROOT_URLCONF = "bench._basemap_urls"
ALLOWED_HOSTS = ["testserver"]
