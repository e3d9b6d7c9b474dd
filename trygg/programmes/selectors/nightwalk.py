"""Reads for nattvandring: groups and their links, the walk calendar, the logs, the
compensation per month, the walked routes against the lägesbild's hot spots, and the
programme's outputs (outputs.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.lagesbild.selectors import picture_for_period
from trygg.reports.selectors import category_choices

from ..models import (
    NightWalkEvening,
    NightWalkGroup,
    NightWalkLog,
    NightWalkObservation,
    Programme,
    ProgrammeKind,
)
from ..outputs import Output

VIEW = "programmes.view_nightwalks"
MANAGE = "programmes.manage_nightwalks"

LINK_OK = "ok"
LINK_REVOKED = "aterkallad"


def group_list(*, viewer: Viewer) -> QuerySet[NightWalkGroup]:
    require(viewer, VIEW)
    return (
        NightWalkGroup.objects.filter(municipality=viewer.municipality)
        .select_related("association", "programme")
        .annotate(n_logs=Count("logs"))
    )


def group_get(*, viewer: Viewer, pk: int) -> NightWalkGroup:
    """A group of the viewer's municipality, else 404 (another tenant's group never 403s)."""
    require(viewer, VIEW)
    group = (
        NightWalkGroup.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("association", "programme")
        .first()
    )
    if group is None:
        raise Http404
    return group


def nightwalk_programmes(*, viewer: Viewer) -> QuerySet[Programme]:
    return Programme.objects.filter(
        municipality=viewer.municipality, kind=ProgrammeKind.NATTVANDRING
    )


def group_for_token(token: str) -> NightWalkGroup | None:
    """The group whose secret link this is, or None. A phone holding it has no account and no
    municipality yet, so the lookup spans every tenant (the token is unique and secret)."""
    with scopes_disabled():
        return (
            NightWalkGroup.objects.select_related("municipality", "association")
            .filter(link_token=token)
            .first()
        )


def link_state(group: NightWalkGroup) -> str:
    return LINK_REVOKED if group.link_revoked_at is not None else LINK_OK


def evenings(*, group: NightWalkGroup, upcoming_only: bool = False) -> QuerySet[NightWalkEvening]:
    """The group's evenings with the adults signed up and whether each was walked."""
    qs = NightWalkEvening.objects.filter(municipality_id=group.municipality_id, group=group)
    if upcoming_only:
        qs = qs.filter(walk_on__gte=timezone.localdate(), cancelled_at__isnull=True)
    return qs.annotate(adults=Sum("signups__adults"), n_logs=Count("logs", distinct=True))


def evening_get(*, group: NightWalkGroup, pk) -> NightWalkEvening | None:
    return NightWalkEvening.objects.filter(
        municipality_id=group.municipality_id, group=group, pk=pk
    ).first()


def logs(*, group: NightWalkGroup) -> QuerySet[NightWalkLog]:
    return (
        NightWalkLog.objects.filter(municipality_id=group.municipality_id, group=group)
        .select_related("evening")
        .prefetch_related("observations__category", "observations__report")
    )


def observation_get(*, viewer: Viewer, pk: int) -> NightWalkObservation:
    require(viewer, VIEW)
    observation = (
        NightWalkObservation.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("log__group")
        .first()
    )
    if observation is None:
        raise Http404
    return observation


def log_categories(*, municipality) -> list:
    """The report categories an observation is coded to, grouped as on the report form."""
    return category_choices(municipality=municipality)


@dataclass(frozen=True)
class CompensationRow:
    group: str
    association: str
    month: date
    evenings: int
    rate_sek: Decimal
    amount_sek: Decimal


@dataclass
class Compensation:
    year: int
    rows: list[CompensationRow] = field(default_factory=list)

    @property
    def total_sek(self) -> Decimal:
        return sum((r.amount_sek for r in self.rows), Decimal(0))

    @property
    def total_evenings(self) -> int:
        return sum(r.evenings for r in self.rows)


def compensation(*, viewer: Viewer, year: int) -> Compensation:
    """The agreement's rate × evenings walked, per group and month of the year. An evening is
    walked when it has a log (one per group and day, with at least two adults)."""
    require(viewer, MANAGE)
    counts = (
        NightWalkLog.objects.filter(municipality=viewer.municipality, walked_on__year=year)
        .values("group_id", "walked_on__month")
        .annotate(n=Count("pk"))
    )
    groups = {
        g.pk: g
        for g in NightWalkGroup.objects.filter(municipality=viewer.municipality).select_related(
            "association"
        )
    }
    rows = []
    for row in counts:
        group = groups[row["group_id"]]
        rows.append(
            CompensationRow(
                group=group.name,
                association=group.association.name,
                month=date(year, row["walked_on__month"], 1),
                evenings=row["n"],
                rate_sek=group.rate_sek,
                amount_sek=group.rate_sek * row["n"],
            )
        )
    rows.sort(key=lambda r: (r.month, r.group))
    return Compensation(year=year, rows=rows)


@dataclass
class HotSpotRow:
    cell: int
    place: str
    reports: int
    bin: int
    boundary: list
    evenings: int  # evenings whose route passed the cell in the period


@dataclass
class RouteMap:
    start: date
    end: date
    hot: list[HotSpotRow]
    routes: list[dict]  # {"date", "group", "points"} for the map
    hotspot_text: str
    logs_without_route: int
    boundary: dict | None


def routes_against_hot_spots(*, viewer: Viewer, days: int = 90) -> RouteMap:
    """The lägesbild's hot spots (Gi* at resolution 9) for the last `days` days beside the
    routes walked in the same days: a hot spot no route passed is where walking would matter
    most, so those come first."""
    require(viewer, VIEW)
    end = timezone.localdate()
    start = end - timedelta(days=days - 1)
    # The hot spots are the lägesbild's: shown only to the roles that may read it.
    picture = (
        picture_for_period(viewer=viewer, start=start, end=end, resolution=9)
        if viewer.may("lagesbild.view")
        else None
    )
    walked = (
        NightWalkLog.objects.filter(
            municipality=viewer.municipality, walked_on__gte=start, walked_on__lte=end
        )
        .select_related("group")
        .order_by("walked_on")
    )
    passes: dict[int, int] = defaultdict(int)
    routes, without = [], 0
    for log in walked:
        for cell in set(log.route_cells):
            passes[cell] += 1
        if log.route:
            routes.append(
                {"date": f"{log.walked_on:%Y-%m-%d}", "group": log.group.name, "points": log.route}
            )
        else:
            without += 1
    hot = [
        HotSpotRow(
            cell=h.cell,
            place=h.place,
            reports=h.count,
            bin=h.bin,
            boundary=h.boundary,
            evenings=passes.get(h.cell, 0),
        )
        for h in (picture.hexes if picture else [])
        if h.bin > 0
    ]
    hot.sort(key=lambda r: (r.evenings > 0, -r.bin, -r.reports, r.place))
    return RouteMap(
        start=start,
        end=end,
        hot=hot,
        routes=routes,
        hotspot_text=picture.hotspot_text
        if picture
        else "Hot spots ur lägesbilden visas för de roller som får se lägesbilden.",
        logs_without_route=without,
        boundary=picture.boundary if picture else None,
    )


def programme_outputs(programme: Programme, start: date, end: date) -> list[Output]:
    """The night walks' outputs for the programme page and the annual follow-up."""
    logs_ = NightWalkLog.objects.filter(
        municipality_id=programme.municipality_id,
        group__programme=programme,
        walked_on__gte=start,
        walked_on__lte=end,
    )
    totals = logs_.aggregate(
        evenings=Count("pk"),
        walker_evenings=Sum("walkers"),
        concerns=Count("pk", filter=Q(concern_reported=True)),
    )
    observations = NightWalkObservation.objects.filter(
        municipality_id=programme.municipality_id, log__in=logs_
    ).aggregate(n=Count("pk"), reports=Count("pk", filter=Q(report__isnull=False)))
    return [
        Output("Genomförda nattvandringskvällar", totals["evenings"], "st"),
        Output("Vandrarkvällar (vuxna × kvällar)", totals["walker_evenings"] or 0, "st", True),
        Output("Observationer från nattvandringen", observations["n"], "st"),
        Output("Rapporter från nattvandringens observationer", observations["reports"], "st"),
        Output("Orosanmälningar gjorda under nattvandring", totals["concerns"], "st"),
    ]
