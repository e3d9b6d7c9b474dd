from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from trygg.api import api_urls
from trygg.core.views import healthz

admin.site.site_header = "Trygg – systemförvaltning"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers and feed readers ask for /favicon.ico without reading the page's <link>.
    # Lazy: the static files' manifest is read on the first request, not at import.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("trygg/favicon.ico"), permanent=True),
    ),
    path("", include("trygg.core.urls")),
    path("omraden/", include("trygg.geo.urls")),
    path("rapporter/", include("trygg.reports.urls")),
    path("forum/", include("trygg.forums.urls")),
    path("lagesbild/", include("trygg.lagesbild.urls")),
    path("strategi/", include("trygg.strategy.urls")),
    path("dialog/", include("trygg.dialog.urls")),
    path("vandringar/", include("trygg.walks.urls")),
    path("program/", include("trygg.programmes.urls")),
    path("valfardsbrott/", include("trygg.welfare.urls")),
    path("lan/", include("trygg.county.urls")),
    path("api/", api_urls()),
    path("open311/v2/", include("trygg.reports.open311_urls")),
    path("", include("trygg.public.urls")),
    path("django-admin/", admin.site.urls),
]

# Uploaded and generated files (photos, import files, lägesbild documents) are never served
# by URL, not even in development: each has a view that checks who may read it.

handler500 = "trygg.core.errors.server_error"
