"""Writes for the operational lägesbild: schedule, meetings with a generated agenda,
decisions (insatser), action items, and the police's input. Each write checks the
permission and is audited in the same transaction."""

import logging
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from trygg.core.audit import audit_log
from trygg.core.models import AuditEvent, Organisation
from trygg.core.viewer import Viewer
from trygg.geo.models import Area

from . import selectors
from .models import (
    ActionItem,
    AgendaItem,
    Decision,
    DocumentJob,
    Forum,
    Meeting,
    MeetingSchedule,
    PoliceInput,
    PoliceInputItem,
)

log = logging.getLogger(__name__)


def _require(viewer: Viewer, action: str) -> None:
    if not viewer.may(action):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _audit(viewer: Viewer, action, obj, summary: str) -> None:
    audit_log(
        action=action, actor=viewer.user, municipality=viewer.municipality, obj=obj, summary=summary
    )


def _own(viewer: Viewer, obj, field: str = "municipality_id") -> None:
    if obj is not None and getattr(obj, field) != viewer.municipality.pk:
        raise ValidationError("Uppgiften hör inte till kommunen.")


@transaction.atomic
def schedule_set(
    *, viewer: Viewer, first_date: date, interval_days: int, time_of_day, place: str = ""
) -> MeetingSchedule:
    _require(viewer, "lagesbild.manage_meetings")
    if not 1 <= interval_days <= 90:
        raise ValidationError({"interval_days": ["Ange mellan 1 och 90 dagar."]})
    schedule, _ = MeetingSchedule.objects.update_or_create(
        municipality=viewer.municipality,
        defaults={
            "first_date": first_date,
            "interval_days": interval_days,
            "time_of_day": time_of_day,
            "place": place,
        },
    )
    _audit(
        viewer,
        AuditEvent.Action.UPDATED,
        schedule,
        f"Mötesschema: var {interval_days}:e dag från {first_date}",
    )
    return schedule


@transaction.atomic
def meeting_create(
    *,
    viewer: Viewer,
    held_at: datetime,
    place: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    organisations=(),
    forum: str = Forum.LAGESBILD,
) -> Meeting:
    """Creates a meeting with its agenda: for a lägesbildsmöte generated from the period's
    picture, the police's input and decisions still in force; for every forum the open
    action items of its earlier meetings."""
    _require(viewer, "lagesbild.manage_meetings")
    held_date = timezone.localtime(held_at).date()
    if period_end is None:
        period_end = held_date - timedelta(days=1)
    if period_start is None:
        period_start = period_end - timedelta(days=selectors.DEFAULT_DAYS - 1)
    try:
        selectors.validate_period(period_start, period_end)
    except selectors.PeriodError as exc:
        raise ValidationError({"period_end": [str(exc)]}) from None
    meeting = Meeting.objects.create(
        municipality=viewer.municipality,
        held_at=held_at,
        place=place,
        period_start=period_start,
        period_end=period_end,
        created_by=viewer.user,
        forum=forum,
    )
    for org in organisations:
        _own(viewer, org)
    meeting.organisations.set(organisations)
    _generate_agenda(viewer, meeting)
    _audit(viewer, AuditEvent.Action.CREATED, meeting, f"{meeting} skapat")
    return meeting


def _generate_agenda(viewer: Viewer, meeting: Meeting) -> None:
    if meeting.forum != Forum.LAGESBILD:
        _carried_agenda(viewer, meeting, [])
        return
    link = reverse("lagesbild:picture") + (
        f"?fran={meeting.period_start.isoformat()}&till={meeting.period_end.isoformat()}"
    )
    try:
        picture = selectors.picture_for_period(
            viewer=viewer, start=meeting.period_start, end=meeting.period_end
        )
    except selectors.PeriodError:
        # Planned far ahead: the period has not begun, so there is no picture to read yet.
        title = f"Lägesbild {meeting.period_start:%Y-%m-%d}–{meeting.period_end:%Y-%m-%d}"
        body = "Perioden har inte börjat; lägesbilden visas via länken inför mötet."
        planned = [(AgendaItem.Kind.GENERERAD, title, body, link, None)]
        _carried_agenda(viewer, meeting, planned + _decision_follow_ups(viewer, meeting))
        return
    # The title names the days the picture counted: up to today for a period still running.
    items: list[tuple[str, str, str, str, ActionItem | None]] = [
        (
            AgendaItem.Kind.GENERERAD,
            f"Lägesbild {picture.start:%Y-%m-%d}–{picture.end:%Y-%m-%d}",
            f"{picture.total} rapporter. Mot föregående period: {picture.total_vs_previous.text} "
            f"Mot samma period i fjol: {picture.total_vs_last_year.text}",
            link,
            None,
        )
    ]
    for row in picture.categories:
        if row.vs_previous.significant or row.vs_last_year.significant:
            comparison = row.vs_previous if row.vs_previous.significant else row.vs_last_year
            items.append(
                (
                    AgendaItem.Kind.GENERERAD,
                    f"{row.name}: {comparison.direction}",
                    comparison.text,
                    row.link,
                    None,
                )
            )
    if picture.n_hot:
        items.append(
            (
                AgendaItem.Kind.GENERERAD,
                f"Hot spots: {picture.n_hot} områden med signifikant koncentration",
                picture.hotspot_text,
                link,
                None,
            )
        )
    if picture.police_inputs:
        items.append(
            (
                AgendaItem.Kind.GENERERAD,
                "Polisens lägesbild",
                "Polisen redovisar sin lokala lägesbild för perioden.",
                reverse("lagesbild:police_list"),
                None,
            )
        )
    _carried_agenda(viewer, meeting, items + _decision_follow_ups(viewer, meeting))


def _decision_follow_ups(viewer: Viewer, meeting: Meeting) -> list:
    """Earlier decisions still in force during the period come back to be followed up."""
    in_force = selectors.decisions_in_force(
        municipality=viewer.municipality, on=meeting.period_start
    ).exclude(meeting=meeting)
    return [
        (
            AgendaItem.Kind.ATERKOMMANDE,
            f"Uppföljning av insats: {decision.what[:120]}",
            f"Ansvarig: {decision.responsible}. Till och med {decision.until}. "
            f"Status: {decision.get_status_display()}.",
            reverse("lagesbild:meeting_detail", args=[decision.meeting_id]),
            None,
        )
        for decision in in_force
    ]


def _carried_agenda(viewer: Viewer, meeting: Meeting, items: list) -> None:
    """Adds the forum's open action items, then the standing points, and stores the agenda."""
    for action in selectors.open_action_items(
        municipality=viewer.municipality, before=meeting.held_at, forum=meeting.forum
    ):
        late = " (försenad)" if action.due < timezone.localdate() else ""
        items.append(
            (
                AgendaItem.Kind.ATERKOMMANDE,
                f"Öppen åtgärd: {action.title}",
                f"Ansvarig: {action.owner_organisation}. Klart senast {action.due}{late}.",
                reverse("lagesbild:meeting_detail", args=[action.meeting_id]),
                action,
            )
        )
    items.append((AgendaItem.Kind.MANUELL, "Beslut om insatser och åtgärder", "", "", None))
    items.append((AgendaItem.Kind.MANUELL, "Övriga frågor", "", "", None))
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                municipality=viewer.municipality,
                meeting=meeting,
                position=i,
                kind=kind,
                title=title[:300],
                body=body,
                link=link,
                action_item=action,
            )
            for i, (kind, title, body, link, action) in enumerate(items, start=1)
        ]
    )


@transaction.atomic
def meeting_update(
    *,
    viewer: Viewer,
    meeting: Meeting,
    notes: str,
    participants: str,
    organisations,
    status: str,
    place: str,
) -> Meeting:
    _require(viewer, "lagesbild.manage_meetings")
    if status not in Meeting.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    if status == Meeting.Status.GENOMFORT and meeting.held_at > timezone.now():
        held = timezone.localtime(meeting.held_at)
        raise ValidationError(
            {
                "status": [
                    f"Mötet är planerat till {held:%Y-%m-%d %H:%M} och kan inte markeras som "
                    "genomfört förrän det har hållits."
                ]
            }
        )
    for org in organisations:
        _own(viewer, org)
    meeting.notes = notes
    meeting.participants = participants
    meeting.status = status
    meeting.place = place
    meeting.save(update_fields=["notes", "participants", "status", "place", "updated_at"])
    meeting.organisations.set(organisations)
    _audit(viewer, AuditEvent.Action.UPDATED, meeting, f"{meeting} ändrat")
    return meeting


@transaction.atomic
def agenda_item_add(*, viewer: Viewer, meeting: Meeting, title: str, body: str = "") -> AgendaItem:
    _require(viewer, "lagesbild.manage_meetings")
    if not title.strip():
        raise ValidationError({"title": ["Ange en rubrik."]})
    position = (
        meeting.agenda.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    return AgendaItem.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        position=position,
        title=title.strip()[:300],
        body=body,
    )


@transaction.atomic
def decision_add(
    *,
    viewer: Viewer,
    meeting: Meeting,
    what: str,
    responsible: Organisation,
    until: date,
    area: Area | None = None,
    place: str = "",
    time_window: str = "",
) -> Decision:
    """Records a decision that directs resources to a place for a time."""
    _require(viewer, "lagesbild.manage_meetings")
    _own(viewer, responsible)
    _own(viewer, area)
    errors = {}
    if not what.strip():
        errors["what"] = ["Beskriv insatsen."]
    if until < timezone.localtime(meeting.held_at).date():
        errors["until"] = ["Slutdatum ligger före mötet."]
    if area is None and not place.strip():
        errors["place"] = ["Ange ett område eller en plats."]
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        what=what.strip(),
        area=area,
        place=place.strip(),
        time_window=time_window.strip(),
        responsible=responsible,
        until=until,
    )
    _audit(viewer, AuditEvent.Action.CREATED, decision, f"Insats beslutad: {decision.what[:100]}")
    return decision


@transaction.atomic
def decision_follow_up(
    *, viewer: Viewer, decision: Decision, status: str, follow_up: str
) -> Decision:
    _require(viewer, "lagesbild.manage_meetings")
    if status not in Decision.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    decision.status = status
    decision.follow_up = follow_up
    decision.save(update_fields=["status", "follow_up"])
    _audit(
        viewer,
        AuditEvent.Action.UPDATED,
        decision,
        f"Insats följd upp: {decision.get_status_display()}",
    )
    return decision


@transaction.atomic
def action_item_add(
    *,
    viewer: Viewer,
    meeting: Meeting,
    title: str,
    owner_organisation: Organisation,
    due: date,
    owner_name: str = "",
) -> ActionItem:
    _require(viewer, "lagesbild.manage_meetings")
    _own(viewer, owner_organisation)
    errors = {}
    if not title.strip():
        errors["title"] = ["Beskriv åtgärden."]
    if due < timezone.localtime(meeting.held_at).date():
        errors["due"] = ["Datumet ligger före mötet."]
    if errors:
        raise ValidationError(errors)
    item = ActionItem.objects.create(
        municipality=viewer.municipality,
        meeting=meeting,
        title=title.strip()[:300],
        owner_organisation=owner_organisation,
        owner_name=owner_name.strip()[:200],
        due=due,
    )
    _audit(viewer, AuditEvent.Action.CREATED, item, f"Åtgärd: {item.title[:100]}")
    return item


@transaction.atomic
def action_item_complete(*, viewer: Viewer, item: ActionItem, note: str = "") -> ActionItem:
    _require(viewer, "lagesbild.manage_meetings")
    item.status = ActionItem.Status.KLAR
    item.done_at = timezone.now()
    item.done_note = note.strip()
    item.save(update_fields=["status", "done_at", "done_note"])
    _audit(viewer, AuditEvent.Action.UPDATED, item, f"Åtgärd klar: {item.title[:100]}")
    return item


@transaction.atomic
def police_input_save(
    *,
    viewer: Viewer,
    period_start: date,
    period_end: date,
    summary: str,
    sensitivity: str,
    items: list[dict],
    police_input: PoliceInput | None = None,
) -> PoliceInput:
    """The police's lägesbild for a period; `items` are dicts with theme, text, area, reference."""
    _require(viewer, "lagesbild.police_input")
    try:
        selectors.validate_period(period_start, period_end)
    except selectors.PeriodError as exc:
        raise ValidationError({"period_end": [str(exc)]}) from None
    if not summary.strip() and not items:
        raise ValidationError("Skriv en sammanfattning eller minst en punkt.")
    for item in items:
        _own(viewer, item.get("area"))
    if police_input is None:
        police_input = PoliceInput(municipality=viewer.municipality, created_by=viewer.user)
    police_input.period_start = period_start
    police_input.period_end = period_end
    police_input.summary = summary.strip()
    police_input.sensitivity = sensitivity
    police_input.save()
    police_input.items.all().delete()
    PoliceInputItem.objects.bulk_create(
        [
            PoliceInputItem(
                municipality=viewer.municipality,
                police_input=police_input,
                theme=i["theme"],
                text=i["text"].strip(),
                area=i.get("area"),
                reference=i.get("reference", "").strip()[:100],
            )
            for i in items
        ]
    )
    _audit(
        viewer,
        AuditEvent.Action.UPDATED,
        police_input,
        f"Polisens lägesbild {period_start}–{period_end} sparad",
    )
    return police_input


@transaction.atomic
def agenda_send(*, viewer: Viewer, forum: str, title: str, body: str = "", link: str = ""):
    """Puts an item (a plan, a picture, a follow-up…) on the next planned meeting of a forum."""
    _require(viewer, "lagesbild.manage_meetings")
    if forum not in Forum.values:
        raise ValidationError({"forum": ["Okänt forum."]})
    meeting = (
        Meeting.objects.filter(
            municipality=viewer.municipality,
            forum=forum,
            status=Meeting.Status.PLANERAT,
            held_at__gte=timezone.now(),
        )
        .order_by("held_at")
        .first()
    )
    if meeting is None:
        raise ValidationError(
            f"{Forum(forum).label} har inget planerat möte. Skapa ett möte först."
        )
    item = agenda_item_add(viewer=viewer, meeting=meeting, title=title, body=body)
    item.link = link[:500]
    item.save(update_fields=["link"])
    return item


# --- Documents for long periods ------------------------------------------------------------

# A lägesbild document for up to a quarter is made while the user waits (≤ 0.2 s measured for
# 14 days); longer periods are made by the task worker and fetched from the job's page.
DOCUMENT_INLINE_MAX_DAYS = 92
# A repeated download of the same period within this time gets the same job.
DOCUMENT_REUSE = timedelta(minutes=10)
DOCUMENT_KEEP = timedelta(days=7)
# Orders one person may have waiting or running at once: the worker also runs imports.
DOCUMENT_MAX_RUNNING = 3


def document_in_background(start: date, end: date) -> bool:
    return (end - start).days + 1 > DOCUMENT_INLINE_MAX_DAYS


def document_job_start(
    *, viewer: Viewer, fmt: str, start: date, end: date, resolution: int = 8
) -> DocumentJob:
    """Orders the lägesbild for [start, end] as a document from the task worker. The same
    order again while it runs, or shortly after, returns the same job."""
    _require(viewer, "lagesbild.export")
    if viewer.user is None:
        raise PermissionDenied("Bara inloggade användare kan beställa dokument.")
    if fmt not in DocumentJob.Format.values:
        raise ValidationError({"fmt": ["Okänt format."]})
    try:
        selectors.validate_period(start, end)
    except selectors.PeriodError as exc:
        raise ValidationError({"till": [str(exc)]}) from exc
    order = {
        "municipality": viewer.municipality,
        "created_by": viewer.user,
        "fmt": fmt,
        "period_start": start,
        "period_end": end,
        "resolution": resolution,
    }
    with transaction.atomic():
        # One order at a time per person, so a double click gives one job (SQLite's
        # immediate transactions serialise writers already).
        get_user_model().objects.select_for_update().filter(pk=viewer.user.pk).first()
        mine = DocumentJob.objects.filter(municipality=viewer.municipality, created_by=viewer.user)
        now = timezone.now()
        for job in mine.filter(**order).exclude(status=DocumentJob.Status.MISSLYCKAD):
            if job.running or (job.finished_at and job.finished_at >= now - DOCUMENT_REUSE):
                return job
        waiting = mine.filter(status__in=[DocumentJob.Status.VANTAR, DocumentJob.Status.KOR])
        if sum(job.running for job in waiting) >= DOCUMENT_MAX_RUNNING:
            raise ValidationError(
                f"Du har redan {DOCUMENT_MAX_RUNNING} dokument som tas fram. Vänta tills "
                "något av dem är klart."
            )
        job = DocumentJob.objects.create(**order)
        _audit(
            viewer,
            AuditEvent.Action.CREATED,
            job,
            f"Lägesbild {start:%Y-%m-%d}–{end:%Y-%m-%d} beställd som {fmt.upper()}",
        )
        from .tasks import build_picture_document

        transaction.on_commit(lambda: build_picture_document.enqueue(job.pk))
    return job


def _access(viewer: Viewer) -> str:
    """What decides which reports a viewer reads: roles and organisations."""
    return (
        ",".join(sorted(viewer.roles)) + "|" + ",".join(map(str, sorted(viewer.organisation_ids)))
    )


def document_job_build(job: DocumentJob) -> None:
    """Run by the task worker: the picture as its creator may read it today, rendered."""
    from trygg.core.selectors import workspace_for_user

    from . import documents_adapter

    # Claimed once: a second run of the same task finds it taken and does nothing.
    now = timezone.now()
    claimed = DocumentJob.objects.filter(pk=job.pk, status=DocumentJob.Status.VANTAR).update(
        status=DocumentJob.Status.KOR, started_at=now
    )
    if not claimed:
        return
    job.status = DocumentJob.Status.MISSLYCKAD
    try:
        workspace = workspace_for_user(job.created_by)
        viewer = Viewer(
            municipality=job.municipality,
            roles=workspace.roles_in(job.municipality),
            organisation_ids=workspace.organisations_in(job.municipality),
            user=job.created_by,
        )
        if not viewer.may("lagesbild.export"):
            job.message = "Du har inte längre behörighet att ladda ned lägesbilden."
        else:
            picture = selectors.picture_for_period(
                viewer=viewer,
                start=job.period_start,
                end=job.period_end,
                resolution=job.resolution,
            )
            body, _content_type = documents_adapter.picture_document(picture, job.fmt)
            job.filename = (
                f"lagesbild-{job.municipality.slug}-{picture.start:%Y%m%d}-"
                f"{picture.end:%Y%m%d}.{job.fmt}"
            )
            job.access = _access(viewer)
            job.file.save(job.filename, ContentFile(body), save=False)
            job.status = DocumentJob.Status.KLAR
    except selectors.PeriodError as exc:
        job.message = str(exc)
    except Exception:
        # The period and the job id are enough to retry; the picture may hold personal data.
        log.exception("lägesbild document job %s failed", job.pk)
        job.message = "Dokumentet kunde inte tas fram. Försök igen eller kontakta förvaltningen."
    job.finished_at = timezone.now()
    fields = ["status", "file", "filename", "access", "message", "finished_at"]
    if not DocumentJob.objects.filter(pk=job.pk).exists():
        # Deleted meanwhile (its creator was removed): no row will ever point at the file.
        if job.file:
            job.file.delete(save=False)
        return
    job.save(update_fields=fields)


def document_job_open(*, viewer: Viewer, job: DocumentJob):
    """The finished document's file for its creator, audited. Refused, and the file
    deleted, when the creator's roles or organisations changed since it was made."""
    _require(viewer, "lagesbild.export")
    if job.created_by_id != viewer.user_id or job.status != DocumentJob.Status.KLAR:
        raise PermissionDenied("Dokumentet finns inte.")
    if job.access != _access(viewer):
        with transaction.atomic():
            job.file.delete(save=False)
            job.status = DocumentJob.Status.MISSLYCKAD
            job.message = (
                "Din behörighet har ändrats sedan dokumentet togs fram, så det är borttaget. "
                "Beställ det igen."
            )
            job.save(update_fields=["status", "file", "message"])
        raise ValidationError(job.message)
    handle = job.file.open("rb")
    _audit(
        viewer,
        AuditEvent.Action.EXPORTED,
        job,
        f"Lägesbild {job.period_start:%Y-%m-%d}–{job.period_end:%Y-%m-%d} nedladdad som "
        f"{job.fmt.upper()}",
    )
    return handle


def picture_document_exported(*, viewer: Viewer, start: date, end: date, fmt: str) -> None:
    """Audits a lägesbild downloaded at once (a short period)."""
    _require(viewer, "lagesbild.export")
    _audit(
        viewer,
        AuditEvent.Action.EXPORTED,
        None,
        f"Lägesbild {start:%Y-%m-%d}–{end:%Y-%m-%d} nedladdad som {fmt.upper()}",
    )


def document_jobs_purge(*, now=None) -> int:
    """Deletes document jobs older than a week (their files go with them, see signals)."""
    old = DocumentJob.objects.filter(created_at__lt=(now or timezone.now()) - DOCUMENT_KEEP)
    n = 0
    for job in old:
        job.delete()
        n += 1
    return n
