"""Client UUIDs as idempotency keys, without handing one person's report to another.

A UUID is unique per municipality. A repeated UUID returns the stored report only when the
retry comes from the same channel (the same organisation's API key, the same staff member,
the public form) and carries the same submission: a keyed digest of every field is stored
with the report and compared. Anything else is a UuidConflict (HTTP 409 in the API, a form
error on the pages), never a silent drop and never someone else's receipt. The public form
needs the digest most: every citizen shares its channel, so without it reusing another
citizen's UUID would show their status page.

Open311 has no UUID in its POST (GeoReport v2 defines none), so it takes the retry key from
an `Idempotency-Key` header (the IETF httpapi draft's name): a UUID is used as it is, any
other key is turned into a name-based UUID, so both land in the same unique column."""

import hashlib
import hmac
import json
import uuid
from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError

from .models import Report

OTHER_CHANNEL = (
    "UUID:t används redan av en annan rapport i kommunen, som inte skickades härifrån. "
    "Ge den här rapporten ett nytt UUID."
)
CHANGED = (
    "UUID:t har redan använts för en rapport med andra uppgifter. Ett nytt försök ska skicka "
    "exakt samma uppgifter; en ny eller ändrad rapport behöver ett nytt UUID."
)
# The form pages: the person never sees the UUID, so they are told what to do instead.
FORM_MESSAGE = (
    "Formuläret har redan använts för att skicka en annan rapport, så det här kunde inte tas "
    "emot. Kontrollera uppgifterna och skicka igen: då skickas de som en ny rapport."
)


# Open311 clients name the key in a header, not a UUID in the body.
KEY_OTHER_CHANNEL = (
    "Idempotency-Key används redan av en annan rapport i kommunen, som inte skickades via "
    "Open311. Ge den här rapporten en ny nyckel."
)
KEY_CHANGED = (
    "Idempotency-Key har redan använts för en rapport med andra uppgifter. Ett nytt försök ska "
    "skicka exakt samma uppgifter; en ny eller ändrad rapport behöver en ny nyckel."
)
KEY_INVALID = (
    "Idempotency-Key ska vara 1–255 synliga ASCII-tecken, helst ett UUID "
    "(t.ex. 8e03978e-40d5-43e8-bc93-6894a57f9324)."
)
# Fixed for ever: it turns a client's key into the UUID stored with the report, so changing
# it would make every retry after the change a new report.
KEY_NAMESPACE = uuid.UUID("6f0b7a52-1c3e-4d0e-9a51-3b8f2c7d9e14")


def key_uuid(key) -> uuid.UUID | None:
    """The UUID a retry key stands for: a UUID as it is, any other key name-based; None for
    no key. The header's value may be a quoted string (a structured header's form)."""
    if key is None or isinstance(key, uuid.UUID):
        return key
    text = str(key).strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if not 1 <= len(text) <= 255 or not all(" " <= ch <= "~" for ch in text):
        raise ValidationError({"idempotency_key": [KEY_INVALID]})
    try:
        return uuid.UUID(text)
    except ValueError:
        return uuid.uuid5(KEY_NAMESPACE, text)


class UuidConflict(Exception):
    """The UUID is taken by a report this submission may not see."""

    def __init__(self, message: str, *, same_channel: bool):
        super().__init__(message)
        self.message = message
        self.same_channel = same_channel


def channel(*, source: str, organisation_id, reporter_id) -> str:
    """Who may retry a submission: one organisation's API keys, one staff member, or a
    public channel (the digest then decides)."""
    if source == Report.Source.API:
        return f"api:{organisation_id}"
    if source == Report.Source.PERSONAL:
        return f"personal:{reporter_id}"
    return str(source)


def channel_of(report: Report) -> str:
    return channel(
        source=report.source,
        organisation_id=report.organisation_id,
        reporter_id=report.reporter_id,
    )


def _instant(value):
    return value.astimezone(UTC).isoformat() if value is not None else None


def submission_digest(data, *, channel: str) -> str:
    """A keyed digest of everything a submission says (a ReportInput), so only an identical
    retry matches; keyed, so the stored value cannot be used to guess the text."""
    fields = [
        channel,
        data.category.pk,
        data.kind,
        _instant(data.occurred_at),
        _instant(data.occurred_until),
        data.lat,
        data.lon,
        data.precision,
        data.place_name,
        data.description,
        str(data.cost_sek) if data.cost_sek is not None else None,
        data.police_report_number,
        data.people_count,
        data.youth_involved,
        data.sensitivity,
        data.organisation.pk if data.organisation is not None else None,
        data.contact_name,
        data.contact_email,
        data.contact_phone,
        data.external_id,
        data.external_url,
    ]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), default=str)
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def receipt_or_conflict(existing: Report, *, channel: str, digest: str) -> Report:
    """The stored report when this is an identical retry from its channel; else raises."""
    if channel_of(existing) != channel:
        raise UuidConflict(OTHER_CHANNEL, same_channel=False)
    if not existing.intake_digest or not hmac.compare_digest(existing.intake_digest, digest):
        raise UuidConflict(CHANGED, same_channel=True)
    return existing
