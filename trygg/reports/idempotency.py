"""Client UUIDs as idempotency keys, without handing one person's report to another.

A UUID is unique per municipality. A repeated UUID returns the stored report only when the
retry comes from the same channel (the same organisation's API key, the same staff member,
the public form) and carries the same submission: a keyed digest of every field is stored
with the report and compared. Anything else is a UuidConflict (HTTP 409 in the API, a form
error on the pages), never a silent drop and never someone else's receipt. The public form
needs the digest most: every citizen shares its channel, so without it reusing another
citizen's UUID would show their status page."""

import hashlib
import hmac
import json
from datetime import UTC

from django.conf import settings

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
