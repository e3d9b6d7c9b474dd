"""Security events into the audit log: login, logout, failed login, lockout."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import loginthrottle
from .audit import audit_log
from .clientip import client_key


def _municipality(request):
    return getattr(request, "municipality", None) if request is not None else None


def _client(request) -> dict:
    # A keyed hash, never the address: enough to see that failures share a source.
    return {"client": client_key(request)} if request is not None else {}


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_log(event="core.login", actor=user, summary="Inloggning", data=_client(request))
    loginthrottle.record_success(username=user.get_username(), request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_log(
            event="core.logout",
            actor=user,
            municipality=_municipality(request),
            summary="Utloggning",
        )


def _user_for(credentials) -> object | None:
    username = (credentials or {}).get("username") or ""
    return get_user_model().objects.filter(username__iexact=username).first()


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted username is not stored when it matches no account: it may be a
    # mistyped password or someone else's personal data.
    waited = getattr(request, loginthrottle.WAIT_ATTRIBUTE, 0) if request is not None else 0
    audit_log(
        event="core.login_failed",
        actor=_user_for(credentials),
        summary="Inloggningsförsök under väntetid (lösenordet prövades inte)"
        if waited
        else "Misslyckad inloggning",
        data=_client(request),
    )
    if not waited:
        # An attempt refused during the wait checked no password and does not lengthen it.
        loginthrottle.record_failure(username=(credentials or {}).get("username") or "")


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    audit_log(
        event="core.lockout",
        actor=_user_for({"username": username}),
        summary="Kontot spärrat tillfälligt efter upprepade misslyckade inloggningar",
        data=_client(request),
    )
