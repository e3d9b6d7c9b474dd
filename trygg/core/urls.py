from django.urls import path

from . import pwa, views

app_name = "core"

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("konto/nytt-losenord/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/nytt-losenord/skickat/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-losenord/klart/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/tvafaktor/", views.otp_overview, name="otp_overview"),
    path("konto/tvafaktor/aktivera/", views.otp_setup, name="otp_setup"),
    path("konto/tvafaktor/verifiera/", views.otp_verify, name="otp_verify"),
    path("konto/tvafaktor/<int:pk>/ta-bort/", views.otp_remove, name="otp_remove"),
    path("start/", views.start, name="start"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("konto/session.json", pwa.session_json, name="session_json"),
    path("utan-nat/", pwa.offline, name="offline"),
    path("byt-kommun/", views.switch_municipality, name="switch_municipality"),
    path("administration/kommun/", views.municipality_edit, name="municipality_edit"),
    path("administration/organisationer/", views.organisation_list, name="organisation_list"),
    path("administration/organisationer/ny/", views.organisation_edit, name="organisation_create"),
    path(
        "administration/organisationer/<int:pk>/", views.organisation_edit, name="organisation_edit"
    ),
    path("administration/roller/", views.membership_list, name="membership_list"),
    path(
        "administration/roller/<int:pk>/ta-bort/", views.membership_revoke, name="membership_revoke"
    ),
    path("administration/granskningslogg/", views.audit_list, name="audit_list"),
]
