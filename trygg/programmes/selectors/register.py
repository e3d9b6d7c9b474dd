"""Reads for the programme register: the list (by goal and kind), one programme with all its
page shows, and the choices its form offers, read through the apps that own them."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet

from trygg.core.kernel import require
from trygg.core.selectors import organisation_list
from trygg.core.viewer import Viewer
from trygg.geo.selectors import area_list, areas_named
from trygg.reports.selectors import category_list
from trygg.strategy.selectors.dialogue_links import linkable_activities, linkable_measures
from trygg.strategy.selectors.plans import problem_list

from ..models import Partner, Programme, ProgrammeIndicator, ProgrammeKind
from ..models.register import KIND_GOAL

VIEW = "programmes.view"
PER_PAGE = 25


def programme_list(*, viewer: Viewer, goal: str = "", kind: str = "") -> QuerySet[Programme]:
    """The municipality's programmes by goal and name, each with its owner and its number of
    partners and indicators (`n_partners`, `n_indicators`); unknown filters are ignored."""
    require(viewer, VIEW)
    qs = Programme.objects.filter(municipality=viewer.municipality)
    if goal in set(KIND_GOAL.values()):
        qs = qs.filter(goal=goal)
    if kind in ProgrammeKind.values:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("owner")
        .annotate(
            n_partners=Count("partners", distinct=True),
            n_indicators=Count("indicators", distinct=True),
        )
        .order_by("goal", "name", "pk")
    )


def programme_page(*, viewer: Viewer, goal: str = "", kind: str = "", page=1):
    """One page of programme_list."""
    return Paginator(programme_list(viewer=viewer, goal=goal, kind=kind), PER_PAGE).get_page(page)


def programme_get(*, viewer: Viewer, pk: int) -> Programme | None:
    """The programme with everything its page shows; None (a 404) for another
    municipality's."""
    require(viewer, VIEW)
    return (
        Programme.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("owner", "comparison_area", "effect_category")
        .prefetch_related(
            Prefetch("areas", queryset=areas_named()),
            Prefetch("partners", queryset=Partner.objects.select_related("organisation")),
            "indicators",
            "measures__plan",
            "problems",
            "promise_activities__promise",
        )
        .first()
    )


def partner_get(*, viewer: Viewer, programme: Programme, pk: int) -> Partner | None:
    require(viewer, VIEW)
    return (
        Partner.objects.filter(municipality=viewer.municipality, programme=programme, pk=pk)
        .select_related("programme")
        .first()
    )


def indicator_get(*, viewer: Viewer, programme: Programme, pk: int) -> ProgrammeIndicator | None:
    require(viewer, VIEW)
    return (
        ProgrammeIndicator.objects.filter(
            municipality=viewer.municipality, programme=programme, pk=pk
        )
        .select_related("programme")
        .first()
    )


def goal_choices() -> list[tuple[str, str]]:
    """The goals programmes answer (G1 for grannsamverkan, G4–G7), in order."""
    goals = set(KIND_GOAL.values())
    # The goal field carries the guideline's choices; read them there, not from strategy.
    choices = Programme._meta.get_field("goal").choices
    return [(value, label) for value, label in choices if value in goals]


def form_choices(*, viewer: Viewer) -> dict:
    """What the programme form offers, each read through the app that owns it."""
    municipality = viewer.municipality
    return {
        "organisations": organisation_list(municipality=municipality),
        "areas": area_list(municipality=municipality, without_boundary=True),
        "categories": category_list(municipality=municipality),
        "measures": linkable_measures(municipality=municipality),
        "problems": problem_list(viewer=viewer).order_by("title", "pk"),
        "promise_activities": linkable_activities(municipality=municipality).order_by(
            "-promise__year", "title", "pk"
        ),
    }
