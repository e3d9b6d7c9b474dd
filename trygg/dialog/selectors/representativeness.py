"""Who answered or took part, by sex and age band, beside the population they speak for.

Each survey is compared on its own and the sessions together (an open link's self-selected
answers and a sample's are never mixed in one figure). The population is SCB's per DeSO
(PopulationStratum), for the dialogue's target DeSO areas or else every DeSO of the
municipality, in the latest year imported. The maths is in analytics.representativeness."""

from dataclasses import dataclass

from django.db.models import Count, Max, Sum

from trygg.analytics.representativeness import Comparison, Share, compare
from trygg.core.viewer import Viewer

from ..models import Dialogue, PopulationStratum, Response, Session
from ..models.answers import AgeBand, Sex
from .coding import shown_count

DIMENSIONS = (("sex", "Kön", Sex), ("age_band", "Ålder", AgeBand))
GROUP_LABELS = {
    Sex.KVINNA: "kvinnor",
    Sex.MAN: "män",
    **{band.value: str(band.label) for band in AgeBand},
}


@dataclass(frozen=True)
class Row:
    label: str
    respondents: str  # shown count ("färre än 5" for 1–4)
    respondent_share: str
    population_share: str
    under_represented: bool


@dataclass(frozen=True)
class Table:
    dimension: str  # "Kön", "Ålder"
    rows: list[Row]


@dataclass(frozen=True)
class Source:
    title: str  # the survey's title, or "Intervjuer och fokusgrupper"
    total: int
    tables: list[Table]
    warnings: list[str]


@dataclass(frozen=True)
class Representativeness:
    sources: list[Source]
    population_year: int | None
    population_source: str
    deso_codes: list[str]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(100 * share)} %"


def _deso_codes(dialogue: Dialogue) -> list[str]:
    # Area.Kind.DESO; the targets are read through the dialogue's own relation.
    return sorted(a.code for a in dialogue.target_areas.all() if a.kind == "deso" and a.code)


def _population(dialogue: Dialogue) -> tuple[dict[str, dict[str, int]], int | None, str, list]:
    codes = _deso_codes(dialogue)
    qs = (
        PopulationStratum.objects.filter(deso_code__in=codes)
        if codes
        else PopulationStratum.objects.filter(deso_code__startswith=dialogue.municipality.kommunkod)
    )
    year = qs.aggregate(y=Max("year"))["y"]
    if year is None:
        return {"sex": {}, "age_band": {}}, None, "", codes
    qs = qs.filter(year=year)
    margins: dict[str, dict[str, int]] = {}
    for dimension, other in (("sex", "age_band"), ("age_band", "sex")):
        # A margin imported on its own (the other dimension "all") is used as it is; else it
        # is summed over the cross-tabulated rows.
        own_rows = qs.exclude(**{dimension: ""}).filter(**{other: ""})
        rows = own_rows if own_rows.exists() else qs.exclude(**{dimension: ""})
        totals = rows.values(dimension).annotate(n=Sum("population"))
        by_group = {r[dimension]: r["n"] for r in totals}
        choices = Sex if dimension == "sex" else AgeBand
        margins[dimension] = {g: by_group[g] for g in choices.values if g in by_group}
    source = qs.values_list("source", flat=True).first() or ""
    return margins, year, source, codes


def _warnings(title_total: int, comparisons: list[tuple[str, Comparison]]) -> list[str]:
    warnings = []
    if 0 < title_total < 30:
        warnings.append(
            f"Bara {shown_count(title_total)} personer svarade eller deltog. En så liten grupp "
            "kan inte tala för hela området: läs resultaten som röster, inte som andelar."
        )
    for _, comparison in comparisons:
        for s in comparison.shares:
            if s.under_represented:
                warnings.append(
                    f"{GROUP_LABELS.get(s.group, s.group).capitalize()} är "
                    f"{_percent(s.respondent_share)} av dem som svarade men "
                    f"{_percent(s.population_share)} av befolkningen: gruppen är "
                    "underrepresenterad (under hälften av sin andel)."
                )
    return warnings


def _source(title: str, counts: dict[str, dict[str, int]], population, total: int) -> Source:
    tables, comparisons = [], []
    for dimension, label, _ in DIMENSIONS:
        comparison = compare(counts.get(dimension, {}), population.get(dimension, {}))
        comparisons.append((label, comparison))
        tables.append(Table(label, [_row(s) for s in comparison.shares]))
    return Source(title, total, tables, _warnings(total, comparisons))


def _row(s: Share) -> Row:
    return Row(
        GROUP_LABELS.get(s.group, s.group).capitalize(),
        shown_count(s.respondents),
        _percent(s.respondent_share) if s.respondents == 0 or s.respondents >= 5 else "–",
        _percent(s.population_share),
        s.under_represented,
    )


def representativeness(*, viewer: Viewer, dialogue: Dialogue) -> Representativeness | None:
    """Each survey's respondents and the sessions' participants beside the population; None
    for a viewer without dialog.view_results or from another municipality."""
    if not viewer.may("dialog.view_results") or dialogue.municipality_id != viewer.municipality.pk:
        return None
    m = viewer.municipality
    population, year, source_text, codes = _population(dialogue)
    sources = []
    responses = Response.objects.filter(municipality=m, survey__dialogue=dialogue)
    by_survey: dict[int, dict[str, dict[str, int]]] = {}
    totals: dict[int, int] = {}
    for dimension, _, _ in DIMENSIONS:
        rows = responses.exclude(**{dimension: ""}).values("survey_id", dimension)
        for r in rows.annotate(n=Count("id")):
            by_survey.setdefault(r["survey_id"], {}).setdefault(dimension, {})[r[dimension]] = r[
                "n"
            ]
    for r in responses.values("survey_id").annotate(n=Count("id")):
        totals[r["survey_id"]] = r["n"]
    for survey in dialogue.surveys.filter(municipality=m).order_by("created_at", "pk"):
        if survey.pk in totals:
            sources.append(
                _source(survey.title, by_survey.get(survey.pk, {}), population, totals[survey.pk])
            )
    sessions = list(Session.objects.filter(municipality=m, dialogue=dialogue))
    if sessions:
        counts: dict[str, dict[str, int]] = {}
        for s in sessions:
            for dimension, groups in s.composition.items():
                for group, n in groups.items():
                    counts.setdefault(dimension, {}).setdefault(group, 0)
                    counts[dimension][group] += n
        total = sum(s.participants for s in sessions)
        sources.append(_source("Intervjuer och fokusgrupper", counts, population, total))
    return Representativeness(sources, year, source_text, codes)
