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

# Nattvandring (issue 19, item 3). A group's secret link is 22 URL-safe characters under
# "l/", so it never meets the staff pages' digits.
from .views import nightwalk as nightwalk_views  # noqa: E402
from .views import nightwalk_link as nightwalk_link_views  # noqa: E402

urlpatterns += [
    path("nattvandring/", nightwalk_views.group_list, name="nightwalk_groups"),
    path("nattvandring/<int:pk>/", nightwalk_views.group_detail, name="nightwalk_group"),
    path(
        "nattvandring/<int:pk>/kvallar/ny/",
        nightwalk_views.evening_plan,
        name="nightwalk_evening_plan",
    ),
    path(
        "nattvandring/<int:pk>/lank/aterkalla/",
        nightwalk_views.link_revoke,
        name="nightwalk_link_revoke",
    ),
    path("nattvandring/<int:pk>/lank/ny/", nightwalk_views.link_renew, name="nightwalk_link_renew"),
    path(
        "nattvandring/observation/<int:pk>/rapport/",
        nightwalk_views.observation_report,
        name="nightwalk_observation_report",
    ),
    path("nattvandring/ersattning/", nightwalk_views.compensation, name="nightwalk_compensation"),
    path("nattvandring/karta/", nightwalk_views.route_map, name="nightwalk_map"),
    path("nattvandring/l/<str:token>/", nightwalk_link_views.calendar, name="nightwalk_link"),
    path("nattvandring/l/<str:token>/logg/", nightwalk_link_views.log_page, name="nightwalk_log"),
    path(
        "nattvandring/l/<str:token>/logg.json",
        nightwalk_link_views.log_json,
        name="nightwalk_log_json",
    ),
]

# Kvinnojour support, youth–police cooperation and SSPF (issue 19, items 4 and 5).
from .views import support as support_views  # noqa: E402

urlpatterns += [
    path("stod/", support_views.overview, name="support"),
    path("stod/overenskommelser/ny/", support_views.agreement_new, name="support_agreement_new"),
    path(
        "stod/overenskommelser/<int:pk>/",
        support_views.agreement_detail,
        name="support_agreement",
    ),
    path(
        "stod/overenskommelser/<int:pk>/aktiviteter/",
        support_views.indicator_add,
        name="support_indicator_add",
    ),
    path(
        "stod/overenskommelser/<int:pk>/arsrapport/",
        support_views.report_upload,
        name="support_report_upload",
    ),
    path("stod/arsrapporter/<int:pk>/fil/", support_views.report_file, name="support_report_file"),
    path(
        "stod/arsrapporter/<int:pk>/granska/",
        support_views.report_review,
        name="support_report_review",
    ),
    path("stod/samverkan/<int:pk>/", support_views.cooperation_detail, name="support_cooperation"),
    path(
        "stod/samverkan/<int:pk>/kvartal/ny/",
        support_views.quarter_new,
        name="support_quarter_new",
    ),
    path(
        "stod/samverkan/<int:pk>/rutiner/",
        support_views.routine_add,
        name="support_routine_add",
    ),
    path(
        "stod/samverkan/<int:pk>/forum/",
        support_views.forum_link,
        name="support_forum_link",
    ),
    path(
        "stod/rutiner/<int:pk>/oversedd/",
        support_views.routine_reviewed,
        name="support_routine_reviewed",
    ),
]

# Grannsamverkan (issue 19, item 7). The ombud's page is keyed by the message's token.
from .views import neighbourhood as neighbourhood_views  # noqa: E402

urlpatterns += [
    path("grannsamverkan/", neighbourhood_views.neighbourhood_list, name="neighbourhood_list"),
    path(
        "grannsamverkan/nytt/",
        neighbourhood_views.neighbourhood_area_create,
        name="neighbourhood_area_create",
    ),
    path(
        "grannsamverkan/<int:pk>/",
        neighbourhood_views.neighbourhood_area,
        name="neighbourhood_area",
    ),
    path(
        "grannsamverkan/<int:pk>/andra/",
        neighbourhood_views.neighbourhood_area_edit,
        name="neighbourhood_area_edit",
    ),
    path(
        "grannsamverkan/ombud/<int:pk>/avsluta/",
        neighbourhood_views.neighbourhood_ombud_end,
        name="neighbourhood_ombud_end",
    ),
    path(
        "grannsamverkan/meddelanden/nytt/",
        neighbourhood_views.neighbourhood_message_create,
        name="neighbourhood_message_create",
    ),
    path(
        "grannsamverkan/meddelanden/<int:pk>/",
        neighbourhood_views.neighbourhood_message,
        name="neighbourhood_message",
    ),
    path(
        "grannsamverkan/meddelanden/<int:pk>/status.json",
        neighbourhood_views.neighbourhood_message_status,
        name="neighbourhood_message_status",
    ),
    path(
        "grannsamverkan/meddelanden/<int:pk>/igen/",
        neighbourhood_views.neighbourhood_message_retry,
        name="neighbourhood_message_retry",
    ),
    path(
        "grannsamverkan/m/<str:token>/",
        neighbourhood_views.neighbourhood_message_public,
        name="neighbourhood_message_public",
    ),
]
