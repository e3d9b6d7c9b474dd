"""From observation to measure (issue 18, item 4): the leader groups observations into
findings with a responsible owner, a proposal and a deadline; one action turns a finding
into a measure of the current åtgärdsplan or a report in the workflow; the owner is asked
by e-mail and answers through a link without an account. Each write checks walks.review
(the owner's answer is checked by its secret link instead) and is audited in the same
transaction."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import NOT_OURS, audit, own, require
from trygg.core.mail import absolute_url, mail_send
from trygg.core.models import Organisation
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.reports.models import Category, Report
from trygg.reports.services.intake import ReportInput, report_create
from trygg.strategy.models import ActionPlan, Measure
from trygg.strategy.services.plans import measure_save

from .. import audit_events as events
from ..models import ChecklistItem, Finding, Observation, Walk

REVIEW = "walks.review"
# An owner who missed the deadline can still answer for a while after the reminder; after
# that the link stops working (it was sent by e-mail and should not live for ever).
ANSWER_GRACE = timedelta(days=30)
ANSWER_MAX = 4000
# A measure from a walk runs for a year unless the leader says otherwise.
MEASURE_DAYS = 365


@dataclass
class FindingInput:
    """What the leader enters for a finding (the form and the demo hand this over)."""

    title: str
    proposal: str
    deadline: date
    observations: list
    owner_organisation: Organisation | None = None
    owner_name: str = ""
    owner_email: str = ""
    description: str = ""
    item: ChecklistItem | None = None
    previous_finding: Finding | None = None


def _validated(viewer: Viewer, walk: Walk, data: FindingInput, *, today: date) -> dict:
    own(viewer, walk, data.owner_organisation, data.item, data.previous_finding, *data.observations)
    errors: dict[str, list[str]] = {}
    title = strip_control_characters(data.title).strip()
    proposal = strip_control_characters(data.proposal).strip()
    owner_name = strip_control_characters(data.owner_name).strip()
    if data.owner_organisation is not None and not owner_name:
        owner_name = data.owner_organisation.name
    owner_email = data.owner_email.strip()
    if data.owner_organisation is not None and not owner_email:
        owner_email = data.owner_organisation.email
    if not title:
        errors["title"] = ["Ange en rubrik för bristen."]
    if not proposal:
        errors["proposal"] = ["Skriv ett förslag till åtgärd."]
    if not data.observations:
        errors["observations"] = ["Välj minst en observation som bristen bygger på."]
    elif any(o.walk_id != walk.pk for o in data.observations):
        errors["observations"] = ["Observationerna ska höra till den här vandringen."]
    if not owner_name:
        errors["owner_name"] = ["Ange vem som ansvarar: en organisation eller ett namn."]
    if data.deadline < today:
        errors["deadline"] = ["Sista svarsdag kan inte ligga bakåt i tiden."]
    if data.item is not None and data.item.template_id != walk.template_id:
        errors["item"] = ["Punkten hör inte till vandringens checklista."]
    previous = data.previous_finding
    if previous is not None and (
        walk.previous_walk_id is None or previous.walk_id != walk.previous_walk_id
    ):
        errors["previous_finding"] = ["Bristen ska höra till den tidigare vandringen."]
    if errors:
        raise ValidationError(errors)
    return {
        "title": title[:200],
        "proposal": proposal,
        "description": strip_control_characters(data.description).strip(),
        "item": data.item,
        "owner_organisation": data.owner_organisation,
        "owner_name": owner_name[:200],
        "owner_email": owner_email,
        "deadline": data.deadline,
        "previous_finding": previous,
    }


@transaction.atomic
def finding_create(
    *, viewer: Viewer, walk: Walk, data: FindingInput, today: date | None = None
) -> Finding:
    """A finding from one or more of the walk's observations, with an owner and a deadline
    that has not passed."""
    require(viewer, REVIEW)
    fields = _validated(viewer, walk, data, today=today or timezone.localdate())
    finding = Finding(municipality=viewer.municipality, walk=walk, **fields)
    finding.full_clean(exclude=["observations"])
    finding.save()
    finding.observations.set(data.observations)
    audit(
        viewer,
        events.FINDING_CREATED,
        finding,
        summary=f"Brist registrerad: {finding.title}",
        walk=walk.pk,
        observations=sorted(o.pk for o in data.observations),
        owner_organisation=finding.owner_organisation_id,
        deadline=finding.deadline.isoformat(),
    )
    return finding


@transaction.atomic
def finding_update(
    *, viewer: Viewer, finding: Finding, data: FindingInput, today: date | None = None
) -> Finding:
    """Edits a finding; a deadline already stored may stay even if it has passed."""
    require(viewer, REVIEW)
    today = today or timezone.localdate()
    fields = _validated(viewer, finding.walk, data, today=min(today, finding.deadline))
    for key, value in fields.items():
        setattr(finding, key, value)
    finding.full_clean(exclude=["observations"])
    finding.save()
    finding.observations.set(data.observations)
    audit(
        viewer,
        events.FINDING_UPDATED,
        finding,
        summary=f"Brist ändrad: {finding.title}",
        walk=finding.walk_id,
        deadline=finding.deadline.isoformat(),
    )
    return finding


def current_plan(municipality) -> ActionPlan | None:
    """The åtgärdsplan in force this year: a decided one before a draft, the latest first."""
    year = timezone.localdate().year
    plans = ActionPlan.objects.filter(
        municipality=municipality, start_year__lte=year, end_year__gte=year, withdrawn_at=None
    )
    decided = plans.filter(status=ActionPlan.Status.BESLUTAD).order_by("-start_year", "-pk")
    return decided.first() or plans.order_by("-start_year", "-pk").first()


def _not_converted(finding: Finding) -> None:
    if finding.measure_id or finding.report_id:
        raise ValidationError("Bristen är redan en åtgärd eller en rapport.")


@transaction.atomic
def finding_to_measure(
    *,
    viewer: Viewer,
    finding: Finding,
    owner: Organisation | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Measure:
    """A measure in the current åtgärdsplan, in the walk's area, owned by the finding's
    organisation (or the one the leader picks for an external owner); the link is kept."""
    require(viewer, REVIEW)
    own(viewer, finding, owner)
    finding = Finding.objects.select_for_update().select_related("walk").get(pk=finding.pk)
    _not_converted(finding)
    plan = current_plan(viewer.municipality)
    if plan is None:
        raise ValidationError("Det finns ingen aktuell åtgärdsplan. Skapa åtgärdsplanen först.")
    owner = owner or finding.owner_organisation
    if owner is None:
        raise ValidationError(
            {"owner": ["Välj vilken organisation i kommunen som ansvarar för åtgärden."]}
        )
    start = start or timezone.localdate()
    walk = finding.walk
    measure = measure_save(
        viewer=viewer,
        plan=plan,
        title=finding.title,
        description=f"Från trygghetsvandringen {walk.title} ({walk.walk_on:%Y-%m-%d}). "
        f"{finding.proposal}",
        owner=owner,
        owner_person="" if finding.owner_organisation_id == owner.pk else finding.owner_name,
        start=start,
        end=end or start + timedelta(days=MEASURE_DAYS),
        area=walk.area,
        comparison_area=walk.comparison_area if walk.comparison_area_id != walk.area_id else None,
    )
    finding.measure = measure
    finding.status = Finding.Status.ATGARDAS
    finding.save(update_fields=["measure", "status"])
    audit(
        viewer,
        events.FINDING_TO_MEASURE,
        finding,
        summary=f"Brist blev åtgärd: {finding.title}",
        walk=walk.pk,
        measure=measure.pk,
        plan=plan.pk,
    )
    return measure


def finding_point(finding: Finding) -> tuple[float, float] | None:
    """The mean of the finding's observation points (lat, lon), or None if none has one."""
    points = [(o.lat, o.lon) for o in finding.observations.all() if o.lat is not None]
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


@transaction.atomic
def finding_to_report(*, viewer: Viewer, finding: Finding, category: Category) -> Report:
    """A report in the workflow at the finding's place (its observations' mean point, else
    the walk's area), in the category the leader chose; the link is kept."""
    require(viewer, REVIEW)
    own(viewer, finding, category)
    finding = Finding.objects.select_for_update().select_related("walk__area").get(pk=finding.pk)
    _not_converted(finding)
    walk = finding.walk
    point = finding_point(finding)
    first = finding.observations.order_by("recorded_at").first()
    occurred = first.recorded_at if first is not None else timezone.now()
    data = ReportInput(
        category=category,
        occurred_at=occurred,
        kind=Report.Kind.OTRYGGHET,
        lat=point[0] if point else None,
        lon=point[1] if point else None,
        precision=Report.Precision.PUNKT if point else Report.Precision.ADRESS,
        place_name="" if point else walk.area.name,
        description=f"Trygghetsvandring {walk.title}: {finding.title}. {finding.proposal}",
        organisation=finding.owner_organisation,
    )
    report, _ = report_create(viewer=viewer, data=data)
    finding.report = report
    finding.status = Finding.Status.ATGARDAS
    finding.save(update_fields=["report", "status"])
    audit(
        viewer,
        events.FINDING_TO_REPORT,
        finding,
        summary=f"Brist blev rapport: {finding.title}",
        walk=walk.pk,
        report=report.pk,
        category=category.code,
    )
    return report


def answer_link(finding: Finding) -> str:
    return absolute_url("walks:owner_answer", finding.owner_token)


@transaction.atomic
def owner_ask(*, viewer: Viewer, finding: Finding) -> Finding:
    """E-mails the owner the link where they answer what they will do (no account)."""
    require(viewer, REVIEW)
    own(viewer, finding)
    if not finding.owner_email:
        raise ValidationError({"owner_email": ["Ange en e-postadress till den ansvarige."]})
    mail_send(
        template="walks/email/owner_ask",
        context={"finding": finding, "walk": finding.walk, "link": answer_link(finding)},
        to=[finding.owner_email],
    )
    finding.owner_asked_at = timezone.now()
    finding.save(update_fields=["owner_asked_at"])
    # The address is personal data (a named person's mail): the row names the finding only.
    audit(viewer, events.OWNER_ASKED, finding, summary="Ansvarig tillfrågad", walk=finding.walk_id)
    return finding


def answer_open_until(finding: Finding) -> date:
    """The last day the answer link works at all."""
    return finding.deadline + ANSWER_GRACE


def answer_editable(finding: Finding, today: date | None = None) -> bool:
    """One answer, editable until the deadline; a first answer is taken late too."""
    today = today or timezone.localdate()
    if not finding.owner_answered_at:
        return today <= answer_open_until(finding)
    return today <= finding.deadline


@transaction.atomic
def owner_answer(*, finding: Finding, text: str, now: datetime | None = None) -> Finding:
    """Stores the owner's answer (reached by the secret link alone) and tells the leader."""
    now = now or timezone.now()
    if not answer_editable(finding, timezone.localdate(now)):
        raise ValidationError("Sista dag för att ändra svaret har passerat.")
    text = strip_control_characters(text).strip()
    if not text:
        raise ValidationError({"text": ["Skriv vad ni kommer att göra."]})
    if len(text) > ANSWER_MAX:
        raise ValidationError({"text": [f"Svaret får vara högst {ANSWER_MAX} tecken."]})
    first = not finding.owner_answered_at
    finding.owner_answer = text
    finding.owner_answered_at = now
    finding.save(update_fields=["owner_answer", "owner_answered_at"])
    # The owner has no account: the row is the municipality's, with no actor.
    anonymous = Viewer(municipality=finding.municipality, roles=frozenset())
    audit(
        anonymous,
        events.OWNER_ANSWERED,
        finding,
        summary="Ansvarig har svarat" if first else "Ansvarig har ändrat sitt svar",
        walk=finding.walk_id,
        first=first,
    )
    leader = finding.walk.leader
    if leader.email:
        transaction.on_commit(
            lambda: mail_send(
                template="walks/email/owner_answered",
                context={
                    "finding": finding,
                    "walk": finding.walk,
                    "first": first,
                    "link": absolute_url("walks:findings", finding.walk_id),
                },
                to=[leader.email],
            )
        )
    return finding


def owner_reminders_send(*, municipality, today: date | None = None) -> int:
    """Reminds owners whose deadline was yesterday and who have not answered (the daily job
    runs once a day, so each is reminded once), and tells the walk's leader; returns how
    many findings were reminded about."""
    today = today or timezone.localdate()
    due = (
        Finding.objects.filter(
            municipality=municipality,
            deadline=today - timedelta(days=1),
            owner_answered_at=None,
            owner_asked_at__isnull=False,
        )
        .exclude(owner_email="")
        .select_related("walk__leader")
    )
    sent = 0
    for finding in due:
        context = {
            "finding": finding,
            "walk": finding.walk,
            "link": answer_link(finding),
            "open_until": answer_open_until(finding),
        }
        mail_send(template="walks/email/owner_reminder", context=context, to=[finding.owner_email])
        if finding.walk.leader.email:
            mail_send(
                template="walks/email/leader_reminder",
                context={**context, "link": absolute_url("walks:findings", finding.walk_id)},
                to=[finding.walk.leader.email],
            )
        sent += 1
    return sent


def observations_of(walk: Walk, ids) -> list[Observation]:
    """The walk's observations with these ids (others' ids are refused, not ignored)."""
    ids = {int(i) for i in ids}
    found = list(Observation.objects.filter(municipality=walk.municipality, walk=walk, pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError(NOT_OURS)
    return found
