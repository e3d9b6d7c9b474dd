"""Rate limiting and proof-of-work for public forms, without a third-party CAPTCHA.

State lives in the database so that every server process sees the same counts; clients are
identified by a keyed hash of their address, so no IP address is stored."""

import hashlib
import hmac
import json
from base64 import b64decode
from datetime import timedelta

from altcha import v1 as altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import RateLimitHit, UsedChallenge

CHALLENGE_MAX_NUMBER = 30_000
CHALLENGE_TTL = timedelta(minutes=20)


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def hit(*, bucket: str, request, limit: int, window: timedelta) -> bool:
    """Counts this request; False when the client is already over `limit` in `window`."""
    now = timezone.now()
    key = client_key(request)
    since = now - window
    recent = RateLimitHit.objects.filter(bucket=bucket, client=key, at__gte=since).count()
    if recent >= limit:
        return False
    RateLimitHit.objects.create(bucket=bucket, client=key, at=now)
    # Housekeeping in passing: old rows are worthless.
    if recent == 0:
        RateLimitHit.objects.filter(at__lt=now - timedelta(days=1)).delete()
    return True


def new_challenge() -> dict:
    challenge = altcha.create_challenge(
        hmac_key=settings.SECRET_KEY,
        max_number=CHALLENGE_MAX_NUMBER,
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
