"""Reads for grannsamverkan: the areas with ombud counts, the ombud's contacts (restricted
and audited), the messages with their deliveries, the public page of a message, the trends
per area against its comparison area, and the outputs the programme page counts."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django_scopes import scope, scopes_disabled

from trygg.core.charts import Chart, bar_chart
from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer
from trygg.locale_sv import day_start
from trygg.reports.selectors import category_list
from trygg.strategy.selectors.plans import Effect, area_effect

from ..models import AreaMessage, Delivery, NeighbourhoodArea, Ombud
from ..outputs import Output

MANAGE = "programmes.manage_neighbourhood"
SEND = "programmes.send_area_message"
PER_PAGE = 25
# Burglary and vandalism: what grannsamverkan is meant to prevent (Brå's evaluations).
TREND_CATEGORIES = (("inbrott", "Inbrott"), ("skadegorelse", "Skadegörelse"))


def _may_read(viewer: Viewer) -> None:
    if not viewer.may(MANAGE):
        require(viewer, SEND)


def neighbourhood_areas(*, viewer: Viewer) -> QuerySet[NeighbourhoodArea]:
    """The municipality's grannsamverkan areas with their active ombud counted."""
    _may_read(viewer)
    return (
        NeighbourhoodArea.objects.filter(municipality=viewer.municipality)
        .select_related("area", "comparison_area", "programme")
        .annotate(ombud_count=Count("ombud", filter=Q(ombud__ended_on__isnull=True)))
    )


def neighbourhood_area_get(*, viewer: Viewer, pk: int) -> NeighbourhoodArea | None:
    return neighbourhood_areas(viewer=viewer).filter(pk=pk).first()


def ombud_list(*, viewer: Viewer, area: NeighbourhoodArea) -> list[Ombud]:
    """The area's ombud with their contacts: personal data, so only for those who manage
    grannsamverkan, and each read is audited (which area, how many, never the contacts)."""
    require(viewer, MANAGE)
    people = list(Ombud.objects.filter(municipality=viewer.municipality, area=area))
    audit(
        viewer,
        "programmes.ombud_viewed",
        area,
        summary="Kontaktombudens uppgifter visade",
        ombud=len(people),
    )
    return people


def ombud_get(*, viewer: Viewer, pk: int) -> Ombud | None:
    require(viewer, MANAGE)
    return Ombud.objects.filter(municipality=viewer.municipality, pk=pk).first()


def area_message_page(*, viewer: Viewer, page=1) -> Page:
    """The messages, newest first, with their delivery counts."""
    require(viewer, SEND)
    qs = (
        AreaMessage.objects.filter(municipality=viewer.municipality)
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SKICKAD)),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.MISSLYCKAD)),
            area_count=Count("areas", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    return Paginator(qs, PER_PAGE).get_page(page)


def area_message_get(*, viewer: Viewer, pk: int) -> AreaMessage | None:
    require(viewer, SEND)
    return (
        AreaMessage.objects.filter(municipality=viewer.municipality, pk=pk)
        .prefetch_related("areas")
        .first()
    )


@dataclass(frozen=True)
class DeliveryRow:
    area: str
    ombud: str  # "Ombud 3" (the sender does not need the name to see what failed)
    channel: str
    status: str
    failed: bool
    error: str


def message_deliveries(*, viewer: Viewer, message: AreaMessage) -> list[DeliveryRow]:
    """Each delivery with its outcome. Ombud are numbered, not named: the police user who
    sent the message may not read the municipality's register of ombud."""
    require(viewer, SEND)
    rows = []
    numbers: dict[int | None, int] = {}
    for d in message.deliveries.select_related("area").order_by("area__name", "ombud_id", "pk"):
        number = numbers.setdefault(d.ombud_id, len(numbers) + 1)
        rows.append(
            DeliveryRow(
                area=d.area.name if d.area else "Borttaget område",
                ombud=f"Ombud {number}" if d.ombud_id else "Borttaget ombud",
                channel=d.get_channel_display(),
                status=d.get_status_display(),
                failed=d.status == Delivery.Status.MISSLYCKAD,
                error=d.error,
            )
        )
    return rows


def area_message_public(*, token: str) -> AreaMessage | None:
    """The message behind an ombud's link: the token is the key, so no viewer. A short or
    odd token never reaches the database."""
    if not token or len(token) > 32:
        return None
    # The link names no municipality; the message's own scopes the rest of the request.
    with scopes_disabled():
        message = AreaMessage.objects.filter(token=token).select_related("municipality").first()
    if message is None:
        return None
    with scope(municipality=message.municipality):
        message.area_names = [a.name for a in message.areas.all()]
    return message


@dataclass
class AreaTrend:
    category: str
    effect: Effect
    chart: Chart | None


def area_trends(
    *, viewer: Viewer, area: NeighbourhoodArea, today: date | None = None
) -> list[AreaTrend]:
    """Burglary and vandalism in the area against its comparison area, before and after its
    start: the strategy app's measure evaluation (difference in differences) as it is."""
    _may_read(viewer)
    categories = {
        c.code: c
        for c in category_list(municipality=viewer.municipality, only_active=False).filter(
            code__in=[code for code, _ in TREND_CATEGORIES]
        )
    }
    trends = []
    for code, label in TREND_CATEGORIES:
        effect = area_effect(
            viewer=viewer,
            area=area.area,
            comparison_area=area.comparison_area,
            category=categories.get(code),
            start=area.started_on,
            today=today,
        )
        chart = None
        if effect.ready:
            own_before, own_after, other_before, other_after = effect.counts
            chart = bar_chart(
                [
                    (f"{area.name} före", own_before),
                    (f"{area.name} efter", own_after),
                    (f"{area.comparison_area.name} före", other_before),
                    (f"{area.comparison_area.name} efter", other_after),
                ],
                title=f"{label}: rapporter före och efter start",
                chart_id=f"trend-{code}",
                unit="rapporter",
                headings=("Område och period", "Rapporter"),
                highlight_last=False,
            )
        trends.append(AreaTrend(label, effect, chart))
    return trends


def neighbourhood_outputs(programme, start: date, end: date) -> list[Output]:
    """The programme's grannsamverkan outputs in [start, end]: areas, households in,
    messages sent and the ombud they reached (at least one delivery went through)."""
    areas = NeighbourhoodArea.objects.filter(
        municipality_id=programme.municipality_id, programme=programme, started_on__lte=end
    )
    messages = AreaMessage.objects.filter(
        municipality_id=programme.municipality_id,
        areas__programme=programme,
        created_at__gte=day_start(start),
        created_at__lt=day_start(end + timedelta(days=1)),
    ).distinct()
    reached = (
        Delivery.objects.filter(
            municipality_id=programme.municipality_id,
            message__in=messages,
            status=Delivery.Status.SKICKAD,
        )
        .values("message_id", "ombud_id")
        .distinct()
        .count()
    )
    households = sum(a.households_in for a in areas)
    return [
        Output("Grannsamverkansområden", float(areas.count()), "st"),
        Output("Hushåll som är med", float(households), "hushåll", counts_people=True),
        Output("Skickade områdesmeddelanden", float(messages.count()), "st"),
        Output("Nådda mottagare", float(reached), "mottagare", counts_people=True),
    ]
