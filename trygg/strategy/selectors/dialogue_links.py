"""Measures and medborgarlöfte activities by id, for pages of higher apps that link to them
(the dialog app's "ni sa – vi gör" and its publishing form): strategy's rows read through
strategy, with the fields a public page may show."""

from django.db.models import QuerySet

from ..models import Measure, PromiseActivity


def measures_by_ids(*, municipality, ids) -> QuerySet[Measure]:
    """The municipality's measures among `ids`, with their plan, in plan and title order."""
    return (
        Measure.objects.filter(municipality=municipality, pk__in=list(ids))
        .select_related("plan", "owner")
        .order_by("plan__start_year", "title", "pk")
    )


def activities_by_ids(*, municipality, ids) -> QuerySet[PromiseActivity]:
    """The municipality's medborgarlöfte activities among `ids`, with their promise."""
    return (
        PromiseActivity.objects.filter(municipality=municipality, pk__in=list(ids))
        .select_related("promise", "focus_area")
        .order_by("-promise__year", "title", "pk")
    )


def linkable_measures(*, municipality) -> QuerySet[Measure]:
    """Every measure a dialogue may be linked to: those not withdrawn."""
    return (
        Measure.objects.filter(municipality=municipality, withdrawn_at__isnull=True)
        .select_related("plan")
        .order_by("plan__start_year", "title", "pk")
    )


def linkable_activities(*, municipality) -> QuerySet[PromiseActivity]:
    return PromiseActivity.objects.filter(municipality=municipality).select_related("promise")
