from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("importera/", views.area_import, name="area_import"),
    path("platser.json", views.place_search, name="place_search"),
    path("adresser/", views.address_register, name="address_register"),
    path("adresser/<int:pk>/", views.address_job, name="address_job"),
    path("adresser/<int:pk>/status.json", views.address_job_status, name="address_job_status"),
    path("<int:pk>/", views.area_detail, name="area_detail"),
    path("<int:pk>/ta-bort/", views.area_delete, name="area_delete"),
    path("bakgrundskarta/", views.basemap_settings, name="basemap_settings"),
    path(
        "bakgrundskarta/<slug:kommun>/<slug:etag>.pmtiles",
        views.basemap_tiles,
        name="basemap_tiles",
    ),
]
