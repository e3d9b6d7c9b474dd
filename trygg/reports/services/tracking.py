"""After a citizen's report is sent: the municipality's public replies, the e-mail on each
status change (opt-in, with an unsubscribe link) and the citizen's "inte åtgärdat – öppna
igen". The tracking code is the citizen's only handle, so these services take the report
the page found by it, never a login."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core import ratelimit
from trygg.core.kernel import audit, require
from trygg.core.models import Municipality
from trygg.core.text import clean
from trygg.core.viewer import Viewer

from .. import privacy, tracking
from ..models import Report, ReportEvent, StatusSubscription
from ._common import _event

REPLY_MAX = 2000
REASON_MAX = 2000
REOPEN_BUCKET = "citizen_reopen"
# A citizen reopens one report, perhaps two; more from one address in an hour is a script.
REOPEN_LIMIT = (5, timedelta(hours=1))
TOO_MANY_REOPENS = "Du har försökt öppna ärenden igen många gånger. Vänta en stund."
UNSUBSCRIBE_SALT = "trygg.reports.status_subscription"


class TooManyReopens(Exception):
    """The client is over its limit; `message` is for the citizen."""

    def __init__(self):
        super().__init__(TOO_MANY_REOPENS)
        self.message = TOO_MANY_REOPENS


def _citizen(municipality: Municipality) -> Viewer:
    return Viewer(municipality=municipality, roles=frozenset())


@transaction.atomic
def report_reply_public(*, viewer: Viewer, report: Report, text: str) -> ReportEvent:
    """A reply the citizen reads on the tracking page (and in the status mail), stored with
    its redacted version: like every citizen-visible text, personal data is masked."""
    require(viewer, "reports.reply_public")
    if report.tracking_code is None:
        raise ValidationError(
            {"reply": ["Rapporten kom inte från en medborgare och har ingen ärendesida."]}
        )
    text = clean(text).strip()
    if not text:
        raise ValidationError({"reply": ["Skriv ett svar till medborgaren."]})
    if len(text) > REPLY_MAX:
        raise ValidationError({"reply": [f"Svaret får vara högst {REPLY_MAX} tecken."]})
    return _event(
        report,
        viewer,
        ReportEvent.Kind.PUBLIC_REPLY,
        text,
        text_redacted=privacy.redact(text).text,
    )


def status_subscription_add(*, report: Report, email: str) -> StatusSubscription:
    """Called by the citizen service in the report's own transaction: the address is the
    citizen's opt-in, checked there with the contact address's rules."""
    return StatusSubscription.objects.create(
        municipality_id=report.municipality_id, report=report, email=email
    )


def status_subscription_token(subscription: StatusSubscription) -> str:
    """The unsubscribe link's secret: signed, so nothing more is stored beside the address."""
    return signing.dumps([subscription.pk, subscription.report_id], salt=UNSUBSCRIBE_SALT)


def status_subscription_cancel(*, municipality: Municipality, token: str) -> bool:
    """Deletes the subscription the token names (the address goes with it). True when one
    was deleted; False for an unknown, forged or already used token."""
    try:
        pk, report_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return False
    deleted, _ = StatusSubscription.objects.filter(
        municipality=municipality, pk=pk, report_id=report_id
    ).delete()
    return bool(deleted)


def notify_status_change(*, report: Report, status: str, reply: ReportEvent | None) -> None:
    """Queues the status mail after the commit, when the citizen asked for one."""
    if not StatusSubscription.objects.filter(report=report).exists():
        return
    from ..tasks import mail_status_change

    reply_id = reply.pk if reply is not None else None
    transaction.on_commit(
        lambda: mail_status_change.enqueue(report_id=report.pk, status=status, reply_id=reply_id)
    )


def report_reopen_by_citizen(
    *, municipality: Municipality, report: Report, reason: str, client: str, now=None
) -> Report:
    """ "Inte åtgärdat – öppna igen": a report closed less than 30 days ago goes back to the
    samordnare's queue (status ny) with the citizen's reason, once per closing. Counted per
    client address (a keyed hash) before anything else, so guessing costs attempts. Raises
    ValidationError (Swedish, on `reason`) or TooManyReopens."""
    limit, window = REOPEN_LIMIT
    if not ratelimit.hit(bucket=REOPEN_BUCKET, key=client, limit=limit, window=window):
        raise TooManyReopens
    reason = clean(reason).strip()
    if not reason:
        raise ValidationError({"reason": ["Berätta kort vad som inte är åtgärdat."]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [f"Texten får vara högst {REASON_MAX} tecken."]})
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so two taps at once reopen once.
        report = Report.objects.select_for_update().get(municipality=municipality, pk=report.pk)
        state = tracking.reopen_state(report=report, now=now)
        if not state.allowed:
            raise ValidationError({"reason": [state.refusal or tracking.REOPEN_NOT_CLOSED]})
        citizen = _citizen(municipality)
        old = report.status
        report.status = Report.Status.NY
        report.status_changed_at = now
        report.status_changed_by = None
        report.save(
            update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"]
        )
        _event(
            report,
            citizen,
            ReportEvent.Kind.REOPENED,
            reason,
            text_redacted=privacy.redact(reason).text,
            old=old,
            new=Report.Status.NY,
            closed_at=state.closed_at.isoformat(),
        )
        audit(
            citizen,
            "reports.reopened_by_citizen",
            report,
            summary=f"Rapport #{report.pk} öppnad igen av medborgaren",
            closed_at=state.closed_at.isoformat(),
        )
    return report
