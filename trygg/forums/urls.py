from django.urls import path, re_path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:pk>/", views.forum_detail, name="detail"),
    path("<int:pk>/ledamoter/", views.forum_members, name="members"),
    path("<int:pk>/ledamoter/<int:seat_pk>/avsluta/", views.member_end, name="member_end"),
    path("<int:pk>/moten/nytt/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/kalender/", views.calendar, name="calendar"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/moteslage/", views.meeting_mode, name="meeting_mode"),
    path("moten/<int:pk>/moteslage/<int:number>/", views.meeting_mode, name="meeting_mode_item"),
    re_path(
        r"^moten/(?P<pk>\d+)/minnesanteckningar\.(?P<fmt>pdf|docx)$",
        views.minutes_document,
        name="minutes_document",
    ),
    path("beslut/<int:pk>/uppfoljning/", views.decision_follow_up, name="decision_follow_up"),
    path("atgarder/<int:pk>/klar/", views.action_item_done, name="action_done"),
    path("dagordning/skicka/", views.agenda_send, name="agenda_send"),
    re_path(r"^kalender/(?P<secret>[A-Za-z0-9_-]{20,100})\.ics$", views.feed, name="feed"),
]
