from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("kommun/<slug:slug>/", views.municipality_home, name="municipality"),
    path("kommun/<slug:slug>/rapportera/", views.citizen_report, name="report"),
    path("kommun/<slug:slug>/rapportera/tack/", views.citizen_report_thanks, name="report_thanks"),
    path("kommun/<slug:slug>/arende/", views.citizen_report_lookup, name="report_lookup"),
    path(
        "kommun/<slug:slug>/arende/<str:code>/", views.citizen_report_status, name="report_status"
    ),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
