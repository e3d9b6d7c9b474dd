"""Report workflow: editing, status changes, assignment, comments, duplicates, audited reads."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, require
from trygg.core.models import Organisation
from trygg.core.text import clean
from trygg.core.viewer import Viewer

from .. import privacy
from ..models import Report, ReportEvent
from ._common import _event
from .intake import ReportInput, _validate
from .tracking import notify_status_change, report_reply_public

STATUS_FLOW: dict[str, frozenset[str]] = {
    Report.Status.NY: frozenset(
        {
            Report.Status.BEDOMD,
            Report.Status.ATGARDAS,
            Report.Status.AVSLUTAD,
            Report.Status.AVVISAD,
        }
    ),
    Report.Status.BEDOMD: frozenset(
        {Report.Status.ATGARDAS, Report.Status.AVSLUTAD, Report.Status.AVVISAD}
    ),
    Report.Status.ATGARDAS: frozenset({Report.Status.AVSLUTAD, Report.Status.BEDOMD}),
    Report.Status.AVSLUTAD: frozenset({Report.Status.ATGARDAS}),
    Report.Status.AVVISAD: frozenset({Report.Status.NY}),
}

EDITABLE = (
    "kind",
    "occurred_at",
    "occurred_until",
    "place_name",
    "description",
    "cost_sek",
    "police_report_number",
    "people_count",
    "youth_involved",
    "sensitivity",
)


@transaction.atomic
def report_update(*, viewer: Viewer, report: Report, changes: dict) -> Report:
    """Edits fields of a report; the reporter's organisation or a triager may edit."""
    own = report.organisation_id in viewer.organisation_ids or (
        viewer.user_id is not None and report.reporter_id == viewer.user_id
    )
    if not (viewer.may("reports.triage") or (own and viewer.may("reports.create"))):
        raise PermissionDenied("Du har inte behörighet att ändra rapporten.")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({k: ["Fältet kan inte ändras."] for k in sorted(unknown)})
    changes = {k: clean(v) for k, v in changes.items()}
    probe = ReportInput(
        category=report.category,
        occurred_at=changes.get("occurred_at", report.occurred_at),
        occurred_until=changes.get("occurred_until", report.occurred_until),
        kind=changes.get("kind", report.kind),
        lat=report.lat,
        lon=report.lon,
        precision=report.precision,
        place_name=changes.get("place_name", report.place_name) or "",
        description=changes.get("description", report.description) or "",
        police_report_number=changes.get("police_report_number", report.police_report_number) or "",
        cost_sek=changes.get("cost_sek", report.cost_sek),
        people_count=changes.get("people_count", report.people_count),
    )
    errors = _validate(viewer.municipality, probe, timezone.now())
    if "sensitivity" in changes and changes["sensitivity"] not in dict(
        Report._meta.get_field("sensitivity").choices
    ):
        errors["sensitivity"] = ["Okänd skyddsnivå."]
    errors = {k: v for k, v in errors.items() if k in changes or k == "occurred_until"}
    if errors:
        raise ValidationError(errors)
    before = {}
    for name, value in changes.items():
        old = getattr(report, name)
        if old != value:
            before[name] = [
                str(old) if old is not None else None,
                str(value) if value is not None else None,
            ]
            setattr(report, name, value)
    redacted_fields = []
    if before.keys() & {"description", "place_name"}:
        redacted = privacy.redacted_report_text(
            description=report.description, place_name=report.place_name
        )
        for name, value in redacted.items():
            setattr(report, name, value)
        redacted_fields = list(redacted)
    if before:
        report.save(update_fields=[*before, *redacted_fields, "updated_at"])
        # Originals of redacted text stay out of the history.
        shown = {k: v for k, v in before.items() if k not in ("description", "place_name")}
        _event(report, viewer, ReportEvent.Kind.EDITED, fields=sorted(before), changes=shown)
    return report


@transaction.atomic
def report_set_status(
    *, viewer: Viewer, report: Report, status: str, comment: str = "", reply: str = ""
) -> Report:
    """Moves the report along STATUS_FLOW. `comment` is an internal note; `reply` a public
    reply the citizen reads on the tracking page and in the status mail they opted in to."""
    require(viewer, "reports.triage")
    comment = clean(comment)
    if status not in Report.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    if status == report.status:
        if reply.strip():
            report_reply_public(viewer=viewer, report=report, text=reply)
        return report
    if status not in STATUS_FLOW[report.status]:
        raise ValidationError(
            {
                "status": [
                    f"En rapport med status {report.get_status_display().lower()} kan inte bli "
                    f"{Report.Status(status).label.lower()}."
                ]
            }
        )
    old = report.status
    report.status = status
    report.status_changed_at = timezone.now()
    report.status_changed_by = viewer.user
    report.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    _event(report, viewer, ReportEvent.Kind.STATUS, comment.strip(), old=old, new=status)
    public = (
        report_reply_public(viewer=viewer, report=report, text=reply) if reply.strip() else None
    )
    if report.tracking_code is not None:
        notify_status_change(report=report, status=status, reply=public)
    return report


@transaction.atomic
def report_assign(*, viewer: Viewer, report: Report, organisation: Organisation | None) -> Report:
    require(viewer, "reports.assign")
    if organisation is not None and organisation.municipality_id != report.municipality_id:
        raise ValidationError({"organisation": ["Organisationen hör inte till kommunen."]})
    if report.assigned_organisation_id == getattr(organisation, "pk", None):
        return report
    report.assigned_organisation = organisation
    report.save(update_fields=["assigned_organisation", "updated_at"])
    _event(
        report,
        viewer,
        ReportEvent.Kind.ASSIGNED,
        organisation.name if organisation else "",
        organisation_id=getattr(organisation, "pk", None),
    )
    if organisation is not None:
        from ..tasks import notify_assignment

        transaction.on_commit(lambda: notify_assignment.enqueue(report_id=report.pk))
    return report


@transaction.atomic
def report_comment(*, viewer: Viewer, report: Report, text: str) -> ReportEvent:
    require(viewer, "reports.comment")
    text = clean(text).strip()
    if not text:
        raise ValidationError({"text": ["Skriv en kommentar."]})
    if len(text) > 5000:
        raise ValidationError({"text": ["Kommentaren får vara högst 5000 tecken."]})
    return _event(report, viewer, ReportEvent.Kind.COMMENT, text)


@transaction.atomic
def report_mark_duplicate(*, viewer: Viewer, report: Report, original: Report | None) -> Report:
    require(viewer, "reports.triage")
    if original is not None:
        if original.pk == report.pk:
            raise ValidationError({"original": ["En rapport kan inte vara dubblett av sig själv."]})
        if original.municipality_id != report.municipality_id:
            raise ValidationError({"original": ["Rapporten finns inte."]})
        # Point at the root so chains never form.
        while original.duplicate_of_id is not None:
            original = original.duplicate_of
        if original.pk == report.pk:
            raise ValidationError({"original": ["Det skulle bli en cirkel av dubbletter."]})
    report.duplicate_of = original
    report.save(update_fields=["duplicate_of", "updated_at"])
    _event(
        report,
        viewer,
        ReportEvent.Kind.DUPLICATE,
        f"#{original.pk}" if original else "Inte längre dubblett",
        original_id=getattr(original, "pk", None),
    )
    return report


def report_log_original_read(*, viewer: Viewer, report: Report) -> None:
    """Reading unredacted citizen text is audited (offentlighets- och sekretesslagen)."""
    audit(
        viewer,
        "reports.original_read",
        report,
        summary=f"Läste originaltext i rapport #{report.pk}",
        sensitivity=report.sensitivity,
    )


def report_log_citizen_photo_read(*, viewer: Viewer, report: Report, photo) -> None:
    """A citizen's photo is restricted like the original text, so opening it is audited."""
    audit(
        viewer,
        "reports.citizen_photo_read",
        report,
        summary=f"Visade medborgarens foto i rapport #{report.pk}",
        photo=photo.pk,
    )
