from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("kommun/<slug:slug>/", views.municipality_home, name="municipality"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
