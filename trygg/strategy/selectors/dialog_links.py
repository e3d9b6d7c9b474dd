"""What a citizen dialogue links to in strategy (the measures and medborgarlöfte activities
it led to) and the NTU measure names a question bank is keyed to, read for the dialog app's
pickers and its bank import."""

from django.db.models import Q, QuerySet

from ..models import CrimeStatistic, Measure, MunicipalStatistic, PromiseActivity

# BRÅ's kommunindikatorer name the survey in their source column.
NTU_SOURCE = "Nationella trygghetsundersökningen"


def measure_choices(*, municipality) -> QuerySet[Measure]:
    """The municipality's measures in every plan, with the plan for the label."""
    return (
        Measure.objects.filter(municipality=municipality)
        .select_related("plan")
        .order_by("-plan__start_year", "title")
    )


def activity_choices(*, municipality) -> QuerySet[PromiseActivity]:
    """The activities of the municipality's medborgarlöften, newest promise first."""
    return (
        PromiseActivity.objects.filter(municipality=municipality)
        .select_related("promise")
        .order_by("-promise__year", "title")
    )


def ntu_indicators(*, municipality) -> set[str]:
    """The NTU measure names imported for the municipality: its county's and the country's
    rows in the shared source count too (they name the same measures), and its own upload."""
    ntu = Q(source__icontains="NTU") | Q(source__icontains=NTU_SOURCE)
    codes = [municipality.kommunkod, municipality.county_code, "00"]
    shared = CrimeStatistic.objects.filter(ntu, region_code__in=codes)
    own = MunicipalStatistic.objects.filter(ntu, municipality=municipality)
    return set(shared.values_list("indicator", flat=True)) | set(
        own.values_list("indicator", flat=True)
    )
