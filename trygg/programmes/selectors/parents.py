"""Reads for parent support (G7): offers and events for staff, the public calendar and its
iCal feed, the evaluation survey's public link, and the outputs the programme page counts."""

from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from trygg.core.ical import Event, render_calendar
from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.dialog.selectors.answering import open_surveys
from trygg.dialog.selectors.surveys import survey_choices, survey_public_path

from ..models import ParentEvent, ParentOffer
from ..outputs import Output

PAGE_SIZE = 25
# The public calendar shows what is coming and the past weeks' events, whose evaluation
# survey may still be open.
PAST_DAYS = 28


def offer_list(*, viewer: Viewer) -> QuerySet[ParentOffer]:
    require(viewer, "programmes.view_activities")
    return (
        ParentOffer.objects.filter(municipality=viewer.municipality)
        .select_related("organiser", "programme")
        .annotate(event_count=Count("events"))
    )


def event_page(*, viewer: Viewer, page=1):
    require(viewer, "programmes.view_activities")
    qs = (
        ParentEvent.objects.filter(municipality=viewer.municipality)
        .select_related("offer", "survey")
        .order_by("-starts_at", "-pk")
    )
    return Paginator(qs, PAGE_SIZE).get_page(page)


def event_get(*, viewer: Viewer, pk: int) -> ParentEvent | None:
    require(viewer, "programmes.view_activities")
    return (
        ParentEvent.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("offer", "survey")
        .first()
    )


def evaluation_survey_choices(*, viewer: Viewer):
    """The dialog app's surveys an event can be evaluated with."""
    return survey_choices(viewer=viewer)


def _public(municipality) -> QuerySet[ParentEvent]:
    start = timezone.now() - timedelta(days=PAST_DAYS)
    return (
        ParentEvent.objects.filter(municipality=municipality, ends_at__gte=start)
        .select_related("offer", "offer__organiser", "survey")
        .order_by("starts_at", "pk")
    )


def public_calendar(*, municipality) -> tuple[list, list]:
    """(upcoming, held in the past weeks), each a list of (event, evaluation link or "")."""
    now = timezone.now()
    open_ids = {s.pk for s in open_surveys(municipality=municipality)}
    upcoming, held = [], []
    for event in _public(municipality):
        link = ""
        if event.survey_id in open_ids and event.starts_at <= now and not event.cancelled:
            link = survey_public_path(event.survey)
        (held if event.ends_at < now else upcoming).append((event, link))
    return upcoming, list(reversed(held))


def public_calendar_ical(*, municipality, base_url: str, host: str) -> str:
    """The public calendar as iCalendar, through core's one renderer."""
    events = list(_public(municipality))
    stamp = max(
        (e.updated_at for e in events),
        default=timezone.make_aware(datetime.combine(date(2020, 1, 1), time())),
    )
    return render_calendar(
        name=f"Föräldrastöd i {municipality.name}",
        stamp=stamp,
        events=[
            Event(
                uid=f"foraldrastod-{e.pk}@{host}",
                start=e.starts_at,
                end=e.ends_at,
                summary=f"{e.get_kind_display()}: {e.title}",
                location=e.place,
                description=f"{e.offer.name}, {e.offer.organiser.name}. {e.description}".strip(),
                url=base_url,
                cancelled=e.cancelled,
                modified=e.updated_at,
            )
            for e in events
        ],
    )


def parent_outputs(programme, start: date, end: date) -> list[Output]:
    """Events held (not cancelled) in [start, end] and their participants."""
    tz = timezone.get_current_timezone()
    held = ParentEvent.objects.filter(
        municipality_id=programme.municipality_id,
        offer__programme=programme,
        cancelled=False,
        starts_at__gte=datetime.combine(start, time(), tzinfo=tz),
        starts_at__lt=datetime.combine(end + timedelta(days=1), time(), tzinfo=tz),
        starts_at__lte=timezone.now(),
    ).aggregate(n=Count("id"), people=Sum("participants"))
    return [
        Output("Genomförda träffar och föreläsningar", held["n"], "st"),
        Output("Deltagare", held["people"] or 0, "deltagare", counts_people=True),
    ]
