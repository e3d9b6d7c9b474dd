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

# Youth activities (G4) and parent support (G7), issue 19 items 2 and 6.
from .views import parents as parents_views  # noqa: E402
from .views import youth as youth_views  # noqa: E402

urlpatterns += [
    path("aktiviteter/", youth_views.youth_list, name="youth_list"),
    path("aktiviteter/ny/", youth_views.youth_create, name="youth_create"),
    path("aktiviteter/utbud/", youth_views.youth_supply, name="youth_supply"),
    path("aktiviteter/<int:pk>/", youth_views.youth_detail, name="youth_detail"),
    path("aktiviteter/<int:pk>/andra/", youth_views.youth_edit, name="youth_edit"),
    path("aktiviteter/<int:pk>/tillfalle/", youth_views.youth_session, name="youth_session"),
    path("foraldrastod/", parents_views.parents_list, name="parents_list"),
    path("foraldrastod/nytt/", parents_views.parents_offer_create, name="parents_offer_create"),
    path("foraldrastod/traff/ny/", parents_views.parents_event_create, name="parents_event_create"),
    path(
        "foraldrastod/traff/<int:pk>/", parents_views.parents_event_edit, name="parents_event_edit"
    ),
]
