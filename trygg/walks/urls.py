from django.urls import path  # noqa: F401

from .views import field as field_views
from .views import findings as findings_views
from .views import planning
from .views import protocol as protocol_views
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

# Issue 18, items 4–6: findings, owners' answers, the återmöte, the protocol and the re-walk.
urlpatterns += [
    path("<int:pk>/brister/", findings_views.findings, name="findings"),
    path(
        "<int:pk>/brister/<int:fid>/atgard/", findings_views.finding_measure, name="finding_measure"
    ),
    path(
        "<int:pk>/brister/<int:fid>/rapport/", findings_views.finding_report, name="finding_report"
    ),
    path("<int:pk>/brister/<int:fid>/fraga/", findings_views.finding_ask, name="finding_ask"),
    path("<int:pk>/atermote/", findings_views.meeting_create, name="meeting_create"),
    path("<int:pk>/publicera/", findings_views.publish, name="publish"),
    path("<int:pk>/brister/foto/<int:photo_pk>/", findings_views.photo, name="followup_photo"),
    path("<int:pk>/protokoll.<str:fmt>", protocol_views.protocol, name="protocol"),
    path("<int:pk>/ny-vandring/", protocol_views.rewalk, name="rewalk"),
    path("<int:pk>/jamforelse/", protocol_views.comparison, name="comparison"),
    path("svar/<str:token>/", findings_views.owner_answer, name="owner_answer"),
    path("svar/<str:token>/foto/<int:photo_pk>/", findings_views.owner_photo, name="owner_photo"),
]

# Planning: the walk, its join link and the checklists (issue 18, item 1).
urlpatterns += [
    path("", planning.walk_list, name="list"),
    path("ny/", planning.walk_plan, name="plan"),
    path("<int:pk>/", planning.walk_detail, name="detail"),
    path("<int:pk>/andra/", planning.walk_edit, name="edit"),
    path("<int:pk>/deltagarlank/aterkalla/", planning.join_revoke, name="join_revoke"),
    path("<int:pk>/deltagarlank/ny/", planning.join_renew, name="join_renew"),
    path("<int:pk>/deltagarlank/giltig/", planning.join_expiry, name="join_expiry"),
    path("checklistor/", planning.template_list, name="templates"),
    path("checklistor/ny/", planning.template_create, name="template_create"),
    path("checklistor/<int:pk>/", planning.template_edit, name="template_edit"),
    path("checklistor/punkt/<int:pk>/flytta/", planning.item_move, name="item_move"),
    path("checklistor/punkt/<int:pk>/ta-bort/", planning.item_remove, name="item_remove"),
]
