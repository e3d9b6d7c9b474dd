"""Reads for youth activities (G4): the catalogue, an activity's sessions, the public week,
the supply per area beside the need, and the outputs the programme page counts."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.dialog.selectors.population import AgeBand, population_by_deso
from trygg.geo.selectors import area_list
from trygg.reports.youth_figures import youth_report_counts_by_area

from ..models import Activity, ActivitySession, Programme
from ..outputs import Output

PAGE_SIZE = 25
# The youngest band the population import carries (SCB's NTU bands start at 16).
YOUTH_BAND = AgeBand.A16_24


def programme_choices(*, viewer: Viewer, kind: str) -> QuerySet[Programme]:
    return Programme.objects.filter(municipality=viewer.municipality, kind=kind)


def activity_page(*, viewer: Viewer, page=1):
    """The catalogue, newest first within name order, a page at a time."""
    require(viewer, "programmes.view_activities")
    qs = (
        Activity.objects.filter(municipality=viewer.municipality)
        .select_related("organiser", "area", "programme")
        .annotate(session_count=Count("sessions"))
        .order_by("-active", "name", "pk")
    )
    return Paginator(qs, PAGE_SIZE).get_page(page)


def activity_get(*, viewer: Viewer, pk: int) -> Activity | None:
    """The municipality's activity or None (another municipality's too)."""
    require(viewer, "programmes.view_activities")
    return (
        Activity.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("organiser", "area", "programme")
        .first()
    )


def activity_sessions(*, viewer: Viewer, activity: Activity, page=1):
    require(viewer, "programmes.view_activities")
    qs = ActivitySession.objects.filter(
        municipality=viewer.municipality, activity=activity
    ).prefetch_related("counts")
    return Paginator(qs, PAGE_SIZE).get_page(page)


# --- The public page ---------------------------------------------------------------------


@dataclass(frozen=True)
class PublicFilter:
    age: int | None = None
    area_id: int | None = None
    weekday: str = ""  # "0"–"6", Monday first


def public_activities(*, municipality, on: date, where: PublicFilter) -> list[Activity]:
    """The activities shown to the public on `on`'s season, filtered."""
    qs = (
        Activity.objects.filter(municipality=municipality, active=True, season_start__lte=on)
        .filter(Q(season_end__isnull=True) | Q(season_end__gte=on))
        .select_related("organiser", "area")
        .order_by("starts_at", "name", "pk")
    )
    if where.age is not None:
        qs = qs.filter(age_min__lte=where.age, age_max__gte=where.age)
    if where.area_id is not None:
        qs = qs.filter(area_id=where.area_id)
    if where.weekday:
        qs = qs.filter(weekdays__contains=where.weekday)
    return list(qs)


def public_days(
    *, municipality, today: date, where: PublicFilter, weeks: int = 2
) -> list[tuple[str, list[tuple[date, list[Activity]]]]]:
    """This week (from today to Sunday) and the weeks after, each as its days with the
    activities held that day; days without any are left out."""
    activities = public_activities(municipality=municipality, on=today, where=where)
    monday = today - timedelta(days=today.weekday())
    out = []
    for w in range(weeks):
        days = []
        for d in range(7):
            day = monday + timedelta(days=7 * w + d)
            if day < today:
                continue
            held = [
                a
                for a in activities
                if str(day.weekday()) in a.weekdays
                and a.season_start <= day
                and (a.season_end is None or a.season_end >= day)
            ]
            if held:
                days.append((day, held))
        out.append(
            (
                "Den här veckan"
                if w == 0
                else f"Vecka {(monday + timedelta(7 * w)).isocalendar()[1]}",
                days,
            )
        )
    return out


def public_area_choices(*, municipality) -> list[tuple[int, str]]:
    """The areas that have an activity, for the public filter."""
    ids = Activity.objects.filter(municipality=municipality, active=True).values("area_id")
    return [(a.pk, a.name) for a in area_list(municipality=municipality).filter(pk__in=ids)]


# --- Supply against need -----------------------------------------------------------------


@dataclass(frozen=True)
class SupplyRow:
    area: object
    activities: int
    hours_a_week: float
    young_people: int | None  # None: no age-band population imported for the area
    inhabitants: int | None
    per_1000_young: float | None
    per_1000_inhabitants: float | None
    youth_reports: int | None  # None: suppressed (1–4) for a viewer who may not read reports


def supply_and_need(*, viewer: Viewer, today: date) -> list[SupplyRow]:
    """Per DeSO area: active activities (and their weekly hours) per 1,000 young people
    16–24 (or per 1,000 inhabitants where no age bands are imported), beside the past
    year's reports in youth-related categories."""
    require(viewer, "programmes.view_activities")
    areas = list(area_list(municipality=viewer.municipality).filter(kind="deso").order_by("name"))
    activities = Activity.objects.filter(
        municipality=viewer.municipality, active=True, area__in=areas
    ).filter(Q(season_end__isnull=True) | Q(season_end__gte=today))
    counts: dict[int, int] = {}
    hours: dict[int, float] = {}
    for a in activities.only("area_id", "weekdays", "starts_at", "ends_at"):
        counts[a.area_id] = counts.get(a.area_id, 0) + 1
        length = datetime.combine(today, a.ends_at) - datetime.combine(today, a.starts_at)
        hours[a.area_id] = hours.get(a.area_id, 0) + len(a.weekdays) * length.seconds / 3600
    codes = [a.code for a in areas if a.code]
    young = population_by_deso(deso_codes=codes, age_band=YOUTH_BAND)
    everyone = population_by_deso(deso_codes=codes)
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time()))
    reports = youth_report_counts_by_area(
        viewer=viewer, start=end - timedelta(days=365), end=end, area_ids=[a.pk for a in areas]
    )
    rows = []
    for area in areas:
        n = counts.get(area.pk, 0)
        y, e = young.get(area.code), everyone.get(area.code)
        rows.append(
            SupplyRow(
                area=area,
                activities=n,
                hours_a_week=round(hours.get(area.pk, 0.0), 1),
                young_people=y,
                inhabitants=e,
                per_1000_young=round(1000 * n / y, 1) if y else None,
                per_1000_inhabitants=round(1000 * n / e, 2) if e else None,
                youth_reports=reports.get(area.pk, 0),
            )
        )
    return rows


# --- Outputs for the programme page and the annual follow-up -------------------------------


def youth_outputs(programme, start: date, end: date) -> list[Output]:
    """Sessions held, participants and activities offered in [start, end]."""
    sessions = ActivitySession.objects.filter(
        municipality_id=programme.municipality_id,
        activity__programme=programme,
        held_on__gte=start,
        held_on__lte=end,
    ).aggregate(n=Count("id"), people=Sum("participants"))
    offered = (
        Activity.objects.filter(
            municipality_id=programme.municipality_id, programme=programme, season_start__lte=end
        )
        .filter(Q(season_end__isnull=True) | Q(season_end__gte=start))
        .count()
    )
    return [
        Output("Aktiviteter i utbudet", offered, "st"),
        Output("Genomförda aktivitetstillfällen", sessions["n"], "st"),
        Output("Deltagare (besök)", sessions["people"] or 0, "deltagare", counts_people=True),
    ]
