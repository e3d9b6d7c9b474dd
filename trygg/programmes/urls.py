from django.urls import path  # noqa: F401

from .views import register as register_views

app_name = "programmes"

urlpatterns: list = []

# The register, the logic model and the outcome page (issue 19, items 1 and 8).
urlpatterns += [
    path("", register_views.programme_list, name="list"),
    path("nytt/", register_views.programme_create, name="create"),
    path("<int:pk>/", register_views.programme_detail, name="detail"),
    path("<int:pk>/andra/", register_views.programme_edit, name="edit"),
    path("<int:pk>/partner/", register_views.partner_add, name="partner_add"),
    path(
        "<int:pk>/partner/<int:partner_pk>/ta-bort/",
        register_views.partner_remove,
        name="partner_remove",
    ),
    path("<int:pk>/indikator/", register_views.indicator_add, name="indicator_add"),
    path(
        "<int:pk>/indikator/<int:indicator_pk>/ta-bort/",
        register_views.indicator_remove,
        name="indicator_remove",
    ),
]
