"""Settings for benchmark servers: Trygg's own, plus the bench-only reference views
(bench/_minimal.py) in the URLconf. Passed with DJANGO_SETTINGS_MODULE=bench.settings, so the
reference views run in the same granian workers, behind the same middleware, as the API."""

from trygg.settings import *  # noqa: F403

ROOT_URLCONF = "bench._minimal"
