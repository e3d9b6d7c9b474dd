"""Rate limiting and proof-of-work for public forms, without a third-party CAPTCHA.

State lives in the database so that every server process sees the same counts; clients are
identified by a keyed hash of their address, so no IP address is stored."""

import json
from base64 import b64decode
from datetime import timedelta

from altcha import v1 as altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import loginthrottle
from .clientip import client_key
from .models import RateLimitHit, UsedChallenge

CHALLENGE_TTL = timedelta(minutes=20)


def hit(*, bucket: str, request=None, limit: int, window: timedelta, key: str = "") -> bool:
    """Counts this request; False when the client is already over `limit` in `window`. The
    client is the request's address, or `key` (already a keyed hash) when given."""
    now = timezone.now()
    key = key or client_key(request)
    since = now - window
    recent = RateLimitHit.objects.filter(bucket=bucket, client=key, at__gte=since).count()
    if recent >= limit:
        return False
    RateLimitHit.objects.create(bucket=bucket, client=key, at=now)
    # Housekeeping in passing: old rows are worthless (a known login address lives longer).
    if recent == 0:
        RateLimitHit.objects.filter(at__lt=now - timedelta(days=1)).exclude(
            bucket=loginthrottle.KNOWN_BUCKET
        ).delete()
        RateLimitHit.objects.filter(
            bucket=loginthrottle.KNOWN_BUCKET,
            at__lt=now - timedelta(days=loginthrottle.KNOWN_ADDRESS_DAYS),
        ).delete()
    return True


def new_challenge() -> dict:
    challenge = altcha.create_challenge(
        hmac_key=settings.SECRET_KEY,
        max_number=settings.ALTCHA_MAX_NUMBER,
        expires=timezone.now() + CHALLENGE_TTL,
    )
    return challenge.to_dict()


def verify_solution(payload: str) -> bool:
    """True once per valid, unexpired solution; a replayed solution is refused."""
    if not payload:
        return False
    try:
        ok, _error = altcha.verify_solution(payload, settings.SECRET_KEY, check_expires=True)
        signature = json.loads(b64decode(payload))["signature"]
    except (ValueError, KeyError, TypeError):
        return False
    if not ok:
        return False
    try:
        with transaction.atomic():
            UsedChallenge.objects.create(
                signature=str(signature)[:128], expires_at=timezone.now() + CHALLENGE_TTL
            )
    except IntegrityError:
        return False
    UsedChallenge.objects.filter(expires_at__lt=timezone.now()).delete()
    return True
