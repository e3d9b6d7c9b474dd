from django.urls import path

from trygg.strategy.feeds import PromiseFeed

from . import activities, dialogues, surveys, views, walks

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("kommun/<slug:slug>/", views.municipality_home, name="municipality"),
    path("kommun/<slug:slug>/rapportera/", views.citizen_report, name="report"),
    path("kommun/<slug:slug>/platser.json", views.place_search, name="place_search"),
    path("kommun/<slug:slug>/rapportera/tack/", views.citizen_report_thanks, name="report_thanks"),
    path("kommun/<slug:slug>/arende/", views.citizen_report_lookup, name="report_lookup"),
    path(
        "kommun/<slug:slug>/arende/<str:code>/", views.citizen_report_status, name="report_status"
    ),
    path(
        "kommun/<slug:slug>/arende/<str:code>/oppna-igen/",
        views.citizen_report_reopen,
        name="report_reopen",
    ),
    path("kommun/<slug:slug>/sluta-bevaka/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("kommun/<slug:slug>/medborgarloften/", views.promise, name="promise"),
    path("kommun/<slug:slug>/medborgarloften/<int:year>/", views.promise, name="promise_year"),
    path("kommun/<slug:slug>/medborgarloften/flode.atom", PromiseFeed(), name="promise_feed"),
    path("enkat/<str:token>/", surveys.survey_answer, name="survey"),
    path("enkat/<str:token>/tack/", surveys.survey_thanks, name="survey_thanks"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("kommun/<slug:slug>/medborgardialog/", dialogues.dialogue_list, name="dialogues"),
    path("kommun/<slug:slug>/medborgardialog/<int:pk>/", dialogues.dialogue_page, name="dialogue"),
]

# Published protocols of trygghetsvandringar (issue 18, item 5).
urlpatterns += [
    path("kommun/<slug:slug>/trygghetsvandringar/<int:pk>/", walks.walk_protocol, name="walk"),
    path(
        "kommun/<slug:slug>/trygghetsvandringar/<int:pk>/protokoll.pdf",
        walks.walk_protocol_pdf,
        name="walk_pdf",
    ),
    path(
        "kommun/<slug:slug>/trygghetsvandringar/<int:pk>/foto/<int:photo_pk>/",
        walks.walk_photo,
        name="walk_photo",
    ),
]

# Youth activities and the parent-support calendar (issue 19, items 2 and 6).
urlpatterns += [
    path("kommun/<slug:slug>/aktiviteter/", activities.activities, name="activities"),
    path("kommun/<slug:slug>/foraldrastod/", activities.parents, name="parents"),
    path(
        "kommun/<slug:slug>/foraldrastod/kalender.ics",
        activities.parents_ical,
        name="parents_ical",
    ),
]
