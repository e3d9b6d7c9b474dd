from django.urls import path, re_path

from . import views

app_name = "lagesbild"

urlpatterns = [
    path("", views.picture, name="picture"),
    re_path(r"^lagesbild\.(?P<fmt>pdf|docx)$", views.picture_document, name="picture_document"),
    path("dokument/<int:pk>/", views.document_job, name="document_job"),
    path("dokument/<int:pk>/hamta/", views.document_job_download, name="document_job_download"),
    path("dokument/<int:pk>/status.json", views.document_job_status, name="document_job_status"),
    # The lägesbildsmöte's pages moved to /forum/ (trygg.forums) and redirect from here.
    path("moten/", views.old_meetings, name="meetings"),
    path("moten/nytt/", views.old_meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", views.old_address("forums:meeting_detail"), name="meeting_detail"),
    re_path(
        r"^moten/(?P<pk>\d+)/minnesanteckningar\.(?P<fmt>pdf|docx)$",
        views.old_address("forums:minutes_document"),
        name="minutes_document",
    ),
    path(
        "insatser/<int:pk>/uppfoljning/",
        views.old_address("forums:decision_follow_up"),
        name="decision_follow_up",
    ),
    path("atgarder/<int:pk>/klar/", views.old_address("forums:action_done"), name="action_done"),
    path("dagordning/skicka/", views.old_address("forums:agenda_send"), name="agenda_send"),
    path("polisen/", views.police_list, name="police_list"),
    path("polisen/ny/", views.police_edit, name="police_create"),
    path("polisen/<int:pk>/", views.police_edit, name="police_edit"),
]
