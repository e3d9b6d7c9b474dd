"""Per-account protection against password guessing from many addresses.

axes locks a username *at one address* after a few failures; an attacker with ten
addresses had forty guesses at one account and locked nothing. Here every account has a
count of failures from any address over the last day. The first
LOGIN_ACCOUNT_FREE_FAILURES are free; after that each attempt must wait a doubling interval
(2 s, 4 s, 8 s … up to LOGIN_ACCOUNT_MAX_DELAY_SECONDS) after the previous failure, and an
attempt during the wait is answered without checking the password. With the defaults an
attacker gets about one guess per quarter of an hour per account instead of unlimited ones.

The real user is slowed, never locked out: the wait is at most the maximum, and the address
the account last logged in from successfully (within KNOWN_ADDRESS_DAYS) does not wait at
all (axes still limits that address on its own). Counts are keyed hashes of the username;
no username or address is stored."""

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .clientip import client_ip, keyed_hash
from .models import RateLimitHit

FAILURE_BUCKET = "login_account"
KNOWN_BUCKET = "login_known_address"
WINDOW = timedelta(days=1)
KNOWN_ADDRESS_DAYS = 30
# The request attribute that tells the login form (and the failure signal) why it failed.
WAIT_ATTRIBUTE = "trygg_login_wait"


def _account(username: str) -> str:
    return keyed_hash("account:" + username.strip().casefold())


def _known(username: str, request) -> str:
    return keyed_hash(f"known:{username.strip().casefold()}|{client_ip(request)}")


def delay_after(failures: int) -> int:
    """Seconds an attempt must wait after the last failure, given failures in the window."""
    over = failures - settings.LOGIN_ACCOUNT_FREE_FAILURES
    if over < 0:
        return 0
    return min(2 ** min(over + 1, 30), settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS)


def wait_seconds(*, username: str, request, now=None) -> int:
    """How many seconds this attempt for `username` must still wait; 0 when it may try."""
    if not username or request is None:
        return 0
    now = now or timezone.now()
    if RateLimitHit.objects.filter(
        bucket=KNOWN_BUCKET,
        client=_known(username, request),
        at__gte=now - timedelta(days=KNOWN_ADDRESS_DAYS),
    ).exists():
        return 0
    failures = RateLimitHit.objects.filter(
        bucket=FAILURE_BUCKET, client=_account(username), at__gte=now - WINDOW
    )
    count = failures.count()
    delay = delay_after(count)
    if not delay:
        return 0
    last = failures.order_by("-at").values_list("at", flat=True).first()
    remaining = (last + timedelta(seconds=delay) - now).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


def record_failure(*, username: str) -> None:
    if username:
        RateLimitHit.objects.create(
            bucket=FAILURE_BUCKET, client=_account(username), at=timezone.now()
        )


def record_success(*, username: str, request) -> None:
    """Remembers the address for this account; the failure count is kept, so a successful
    login by the user does not hand an attacker a fresh set of free guesses."""
    if not username or request is None:
        return
    key = _known(username, request)
    RateLimitHit.objects.filter(bucket=KNOWN_BUCKET, client=key).delete()
    RateLimitHit.objects.create(bucket=KNOWN_BUCKET, client=key, at=timezone.now())


def wait_message(seconds: int) -> str:
    if seconds <= 90:
        when = f"{seconds} sekunder"
    else:
        when = f"ungefär {math.ceil(seconds / 60)} minuter"
    return (
        "Det har gjorts många misslyckade inloggningar för det här kontot. För att skydda "
        f"kontot kan du försöka igen om {when}. Lösenordet har inte prövats. Du kan också "
        "återställa lösenordet."
    )


class AccountThrottleBackend:
    """Before ModelBackend in AUTHENTICATION_BACKENDS: refuses, before any password check, an
    attempt for an account that must still wait. Every login path (the admin's too) goes
    through it. It has no get_user on purpose: sessions belong to ModelBackend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        wait = wait_seconds(username=username or "", request=request)
        if wait:
            setattr(request, WAIT_ATTRIBUTE, wait)
            # Stops the remaining backends; Django then sends user_login_failed.
            raise PermissionDenied
        return None
