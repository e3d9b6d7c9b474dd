import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
application = get_wsgi_application()
# Django imports the URLconf, and with it every app's views (scipy, h3, typst), on the first
# request: about 0.9 s that the first user of each worker would wait. Pay it at start instead.
get_resolver().url_patterns  # noqa: B018
