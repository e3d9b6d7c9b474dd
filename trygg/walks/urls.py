from django.urls import path  # noqa: F401

from .views import field as field_views
from .views import review as review_views

app_name = "walks"

urlpatterns: list = []

# Field mode and the leader's review (issue 18, items 2 and 3). A pk is digits only and a
# join token is 22 URL-safe characters, so the two forms of each path never meet.
urlpatterns += [
    path("<int:pk>/falt/", field_views.field_by_pk, name="field"),
    path("<int:pk>/observationer.json", field_views.observations_json_by_pk, name="field_json"),
    path("<str:token>/falt/", field_views.field_by_link, name="field_link"),
    path(
        "<str:token>/observationer.json",
        field_views.observations_json_by_link,
        name="field_link_json",
    ),
    path("<int:pk>/granskning/", review_views.review_list, name="review"),
    path(
        "<int:pk>/granskning/<int:observation_pk>/",
        review_views.review_decide,
        name="review_decide",
    ),
    path("<int:pk>/foto/<int:photo_pk>/", review_views.photo_file, name="photo"),
    path("<int:pk>/foto/<int:photo_pk>/allmanhet/", review_views.photo_public, name="photo_public"),
]
