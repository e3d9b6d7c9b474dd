"""A citizen's report, whichever way it comes in: the public form or Open311's POST. Both are
anonymous, so both get the same rules, decided here once:

- Proof-of-work (ALTCHA) solved: 20 reports an hour from one address. Without it (no
  JavaScript, or an app that does not solve it): 3 an hour, and the report is marked as
  unverified in its history for the triager. One count for both channels, so switching
  channel buys no extra reports; only stored reports count.
- A retry key (the form's hidden client UUID, Open311's Idempotency-Key header) makes an
  identical retry return the report already stored. The retry is answered before the limit
  is counted, so a client that lost the answer gets its receipt even at its limit.
- Text: control characters stripped and personal data redacted by report_create, which
  every entry point shares; contact details checked the same way on both channels.
"""

import dataclasses
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from trygg.core import ratelimit
from trygg.core.models import Municipality
from trygg.core.text import clean_fields
from trygg.core.viewer import Viewer

from .. import idempotency, images
from ..models import Report, ReportEvent
from ._common import _event
from .intake import ReportInput, report_create
from .photos import _photo_store
from .tracking import status_subscription_add

CHANNELS = (Report.Source.MEDBORGARE, Report.Source.OPEN311)
BUCKET = "citizen_report"
LIMIT_VERIFIED = (20, timedelta(hours=1))
LIMIT_UNVERIFIED = (3, timedelta(hours=1))
# The triager's mark, on both channels alike (the proof-of-work is what a browser solves).
UNVERIFIED_MARK = "Skickad utan webbläsarverifiering."
TOO_MANY = "Du har skickat många rapporter på kort tid. Vänta en stund och försök igen."
EMAIL_MAX = 254
BAD_EMAIL = "Ange en giltig e-postadress, t.ex. namn@example.se, eller lämna fältet tomt."


class TooManyReports(Exception):
    """The client is over its limit; `message` is for the citizen."""

    def __init__(self):
        super().__init__(TOO_MANY)
        self.message = TOO_MANY


@dataclass(frozen=True)
class CitizenReceipt:
    report: Report
    created: bool  # False: an identical retry, answered with the report already stored


def citizen_viewer(municipality: Municipality) -> Viewer:
    """The anonymous citizen: no roles, so nothing is readable, only the public report path."""
    return Viewer(municipality=municipality, roles=frozenset())


def _refuse_bad_email(address: str, field: str) -> None:
    if not address:
        return
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({field: [BAD_EMAIL]}) from None
    # Django's check lets 320 characters through; the column (and RFC 5321's path) holds 254.
    if len(address) > EMAIL_MAX:
        raise ValidationError({field: [BAD_EMAIL]})


def _cleaned_photo(photo: bytes | None) -> bytes | None:
    """The staff photo's rules (size, type, EXIF and GPS removed), before anything is stored."""
    if not photo:
        return None
    try:
        return images.clean_photo(photo)
    except ValidationError as refused:
        raise ValidationError({"photo": refused.messages}) from None


def citizen_report_submit(
    *,
    municipality: Municipality,
    channel: str,
    data: ReportInput,
    client: str,
    proof: str = "",
    key=None,
    photo: bytes | None = None,
    notify_email: str = "",
) -> CitizenReceipt:
    """Stores a citizen's report from `channel` (Report.Source.MEDBORGARE or OPEN311) under
    the one set of citizen rules: sensitivity from the category, no organisation, a tracking
    code. `client` is the keyed hash of the sender's address (core.clientip.client_key),
    `proof` the ALTCHA payload or "", `key` the retry key (a UUID or Open311's header) or
    None. `data.occurred_at` None means the time of receipt (Open311 sends none). `photo` is
    stored cleaned and seen only by the roles that read originals; `notify_email` is the
    citizen's opt-in to a mail on each status change, kept for that alone. Raises
    ValidationError (Swedish, per field), TooManyReports or idempotency.UuidConflict."""
    if channel not in CHANNELS:
        raise ValueError(f"Ingen medborgarkanal: {channel!r}")
    data = dataclasses.replace(
        data,
        source=channel,
        sensitivity=None,
        organisation=None,
        uuid=idempotency.key_uuid(key),
    )
    _refuse_bad_email(data.contact_email, "contact_email")
    notify_email = notify_email.strip()
    _refuse_bad_email(notify_email, "notify_email")
    cleaned_photo = _cleaned_photo(photo)
    # The digest covers what the client sent: a time the server filled in is left out, or a
    # retry a second later would never match.
    intake_channel = idempotency.channel(source=channel, organisation_id=None, reporter_id=None)
    digest = idempotency.submission_digest(clean_fields(data), channel=intake_channel)
    if data.uuid is not None:
        existing = Report.objects.filter(municipality=municipality, uuid=data.uuid).first()
        if existing is not None:
            report = idempotency.receipt_or_conflict(
                existing, channel=intake_channel, digest=digest
            )
            return CitizenReceipt(report=report, created=False)
    if data.occurred_at is None:
        data.occurred_at = timezone.now()
    verified = ratelimit.verify_solution(proof)
    limit, window = LIMIT_VERIFIED if verified else LIMIT_UNVERIFIED
    with transaction.atomic():
        # Counted in the report's transaction: a refused report costs the citizen nothing.
        if not ratelimit.hit(bucket=BUCKET, key=client, limit=limit, window=window):
            raise TooManyReports
        report, created = report_create(
            viewer=citizen_viewer(municipality), data=data, citizen=True, digest=digest
        )
        if created and not verified:
            _event(report, None, ReportEvent.Kind.COMMENT, UNVERIFIED_MARK, mark="unverified")
        if created and cleaned_photo is not None:
            _photo_store(
                viewer=citizen_viewer(municipality),
                report=report,
                cleaned=cleaned_photo,
                from_citizen=True,
            )
        if created and notify_email:
            status_subscription_add(report=report, email=notify_email)
    return CitizenReceipt(report=report, created=created)
