"""A fallback URLconf for bench/_lagesbild_worker.py: the reports' URLs only, which is all
`reverse()` needs in the lägesbild and the map. Used when trygg/urls.py cannot be imported
(another app mid-edit); the worker reports which one it used."""

from django.urls import include, path

urlpatterns = [path("rapporter/", include("trygg.reports.urls"))]
