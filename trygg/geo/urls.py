from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("importera/", views.area_import, name="area_import"),
    path("<int:pk>/", views.area_detail, name="area_detail"),
    path("<int:pk>/ta-bort/", views.area_delete, name="area_delete"),
    path("bakgrundskarta/", views.basemap_settings, name="basemap_settings"),
    path(
        "bakgrundskarta/<slug:kommun>/<slug:etag>.pmtiles",
        views.basemap_tiles,
        name="basemap_tiles",
    ),
]
