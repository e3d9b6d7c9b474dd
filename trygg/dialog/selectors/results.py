"""A survey's results, as the results page, its exports and the lägesbild read them.

What protects respondents is decided here, once, so every reader gets the same figures:
- one survey is one mode: an open link's answers (a self-selected sample, unweighted) and a
  sample's (weighted to the population) are never counted in one figure, and a round is
  compared only with a previous round of the same mode;
- every question's table (answer option × DeSO ⊂ RegSO ⊂ kommun, × sex, × age band) is
  suppressed as one (analytics.survey_tables): a count of 1–4 is "färre än 5", and the cells
  hidden with it so it cannot be worked out are "–";
- map answers are counted per H3 cell (resolution 8) and per area, never shown as points, and
  on the grid only when the question has at least MAP_MINIMUM points.
Counting is done in the database: one GROUP BY over the whole survey's answers by question,
option and stratum, one over its respondents by stratum, one for map cells and areas."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import Coalesce

from trygg.analytics.survey_tables import Dimension, suppress_table
from trygg.analytics.weighting import (
    WeightingError,
    collapse_to_parent,
    two_proportion_p,
)
from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.geo.selectors import deso_districts

from ..models import Answer, PopulationStratum, Question, Response, Survey
from ..models.answers import AgeBand, Sex
from .results_format import (
    BREAKDOWNS,
    HIDDEN_PRIMARY,
    HIDDEN_SECONDARY,
    Cell,
    Row,
    cell_for,
    percent,
)

MAP_MINIMUM = 20
UNKNOWN = "okänt"
UNKNOWN_LABEL = "Uppgift saknas"
NO_DISTRICT = "Utan stadsdel"
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.LIKERT)
CHOSEN, NOT_CHOSEN = "vald", "ej vald"
# Views of a question's table: option × area (with RegSO and kommun), option × sex,
# option × age band. All margins of these are published.
VIEWS = ((1, 2, 0, 0), (1, 0, 1, 0), (1, 0, 0, 1))


@dataclass
class Comparison:
    label: str
    now: str
    before: str
    change: str
    p_text: str
    significant: bool


@dataclass
class MapResult:
    points: int
    show_grid: bool
    cells: list[tuple[int, int | None]]  # (H3 r8 cell, count or None when hidden)
    areas: list[tuple[str, Cell]]
    note: str


@dataclass
class QuestionResult:
    key: str
    text: str
    kind: str
    options: list[str]  # the columns' labels
    rows: list[Row] = field(default_factory=list)
    answers: int = 0
    comparison: list[Comparison] = field(default_factory=list)
    comparison_note: str = ""
    map: MapResult | None = None
    note: str = ""


@dataclass
class SurveyResults:
    survey: Survey
    mode: str
    mode_label: str
    weighted: bool
    weighting_note: str
    respondents: int
    response_rate: str
    breakdown: str
    breakdown_label: str
    questions: list[QuestionResult]
    previous: Survey | None
    previous_note: str


def survey_for_results(*, viewer: Viewer, pk: int) -> Survey | None:
    """The viewer's municipality's survey, or None (a 404 for another municipality's)."""
    require(viewer, "dialog.view_results")
    return (
        Survey.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("previous_round", "current_version")
        .first()
    )


def population_loaded(*, deso_prefix: str) -> bool:
    return PopulationStratum.objects.filter(deso_code__startswith=deso_prefix).exists()


# ---------------------------------------------------------------------------------------
# Reading what the database counted


@dataclass
class _Round:
    survey: Survey
    questions: list[Question]
    strata: dict[tuple[str, str, str], int]  # respondents per (deso, sex, age band)
    answers: dict[str, dict[tuple, int]]  # question key → (option, deso, sex, age) → n
    weights: dict[tuple[str, str, str], float] | None
    weighting_note: str


def _questions(survey: Survey) -> list[Question]:
    if survey.current_version_id is None:
        return []
    return list(
        Question.objects.filter(municipality=survey.municipality, version=survey.current_version)
        .exclude(stratum__in=[Question.Stratum.SEX, Question.Stratum.AGE_BAND])
        .order_by("section__order", "order", "pk")
    )


def _read_round(survey: Survey, districts: dict[str, tuple[str, str]]) -> _Round:
    questions = _questions(survey)
    responses = Response.objects.filter(
        municipality=survey.municipality, survey=survey, mode=survey.mode
    )
    strata = {
        (r["deso_code"], r["sex"], r["age_band"]): r["n"]
        for r in responses.values("deso_code", "sex", "age_band").annotate(n=Count("id"))
    }
    kinds = {q.key: q.kind for q in questions}
    answers: dict[str, dict[tuple, int]] = defaultdict(dict)
    base = Answer.objects.filter(
        municipality=survey.municipality, response__survey=survey, response__mode=survey.mode
    )
    choice_keys = [k for k, kind in kinds.items() if kind in CHOICE_KINDS]
    for r in (
        base.filter(question__key__in=choice_keys)
        .values("question__key", "choice", "response__deso_code", "response__sex",
                "response__age_band")
        .annotate(n=Count("id"))
    ):  # fmt: skip
        key = (r["choice"], r["response__deso_code"], r["response__sex"], r["response__age_band"])
        answers[r["question__key"]][key] = r["n"]
    multiple = [k for k, kind in kinds.items() if kind == Question.Kind.MULTIPLE]
    if multiple:
        # A JSON list cannot be grouped portably on both databases; the lists are short.
        for qkey, chosen, deso, sex, age in base.filter(question__key__in=multiple).values_list(
            "question__key", "choices", "response__deso_code", "response__sex", "response__age_band"
        ):
            for value in chosen or []:
                cell = (str(value), deso, sex, age)
                answers[qkey][cell] = answers[qkey].get(cell, 0) + 1
            total = (None, deso, sex, age)  # respondents who answered the question
            answers[qkey][total] = answers[qkey].get(total, 0) + 1
    other = [k for k, kind in kinds.items() if kind not in CHOICE_KINDS + (Question.Kind.MULTIPLE,)]
    if other:
        for r in (
            base.filter(question__key__in=other)
            .values("question__key", "response__deso_code", "response__sex", "response__age_band")
            .annotate(n=Count("id"))
        ):
            key = ("", r["response__deso_code"], r["response__sex"], r["response__age_band"])
            answers[r["question__key"]][key] = r["n"]
    weights, note = (None, "")
    if survey.mode == Survey.Mode.SAMPLED:
        weights, note = _weights(survey, strata, districts)
    return _Round(survey, questions, strata, dict(answers), weights, note)


def _weights(survey, strata, districts) -> tuple[dict | None, str]:
    """Post-stratification weights per (deso, sex, age band) against SCB's population,
    merging a DeSO into its district where a cell cannot be weighted."""
    rows = list(
        PopulationStratum.objects.filter(deso_code__in={d for d, _, _ in strata})
        .exclude(sex="")
        .values_list("deso_code", "year", "sex", "age_band", "population")
    )
    if not rows:
        return None, "Befolkning per DeSO och kön saknas, så svaren är ovägda."
    year = max(y for _, y, _, _, _ in rows)
    with_age = any(a for _, y, _, a, _ in rows if y == year)
    population = {(d, s, a): n for d, y, s, a, n in rows if y == year and bool(a) == with_age}
    cells = [(d, s, a if with_age else "") for (d, s, a), n in strata.items() for _ in range(n)]
    parent_of = {code: district for code, (_, district) in districts.items() if district}
    try:
        collapsed = collapse_to_parent(cells, population, parent_of)
    except WeightingError as error:
        return None, f"Svaren kunde inte vägas: {error} Andelarna är ovägda."
    by_cell = dict(zip(cells, collapsed.weights, strict=True))
    weights = {(d, s, a): by_cell[(d, s, a if with_age else "")] for d, s, a in strata}
    what = "kön, DeSO och åldersgrupp" if with_age else "kön och DeSO"
    note = f"Vägda efter {what} mot SCB:s befolkning {year} (poststratifiering)."
    if collapsed.merged:
        merged = ", ".join(sorted(collapsed.merged))
        note += f" För {merged} vägs svaren på stadsdelsnivå, då någon grupp saknade svar."
    return weights, note


# ---------------------------------------------------------------------------------------
# Tables


def _dimensions(options: list[str], districts, inner):
    def geo_path(code):
        if code in districts:
            return (districts[code][1] or NO_DISTRICT, code)
        return (UNKNOWN_LABEL, UNKNOWN)

    return geo_path, [
        Dimension("option", {o: (o,) for o in options}),
        None,  # the area dimension is built from the data's DeSOs
        Dimension("sex", _leaves([s.value for s in Sex], {k[2] for k in inner})),
        Dimension("age", _leaves([a.value for a in AgeBand], {k[3] for k in inner})),
    ]


def _leaves(known: list[str], present: set) -> dict:
    # "Uppgift saknas" is a group only where someone left it out: an empty group is no
    # unknown for an attacker, but it costs the suppression's check a column.
    return {v: (v,) for v in known} | ({UNKNOWN: (UNKNOWN,)} if "" in present else {})


def _table(inner: dict[tuple, int], options: list[str], districts):
    """The question's inner counts suppressed over all VIEWS; with the DeSOs of the
    municipality (and any in the data) as the area dimension."""
    geo_path, dims = _dimensions(options, districts, inner)
    codes = set(districts) | {deso or UNKNOWN for _, deso, _, _ in inner}
    dims[1] = Dimension("area", {c: geo_path(c) for c in codes})
    counts = {
        (o, deso or UNKNOWN, sex or UNKNOWN, age or UNKNOWN): n
        for (o, deso, sex, age), n in inner.items()
    }
    return suppress_table(counts, dims, VIEWS)


def _groups(breakdown: str, table, districts) -> list[tuple[str, tuple]]:
    """The rows of a breakdown: (label, the key of its total with the option left open)."""
    everyone = ((), (), ())
    groups = [("Hela kommunen", everyone)]
    area, sex, age = table.dimensions[1], table.dimensions[2], table.dimensions[3]
    if breakdown == "regso":
        groups += [(node[0], (node, (), ())) for node in area.nodes_at(1)]
    elif breakdown == "deso":
        for node in area.nodes_at(2):
            code = node[1]
            label = f"{districts[code][0]} ({code})" if code in districts else UNKNOWN_LABEL
            groups.append((label, (node, (), ())))
    elif breakdown == "kon":
        groups += [(_label(Sex, n[0]), ((), n, ())) for n in sex.nodes_at(1)]
    elif breakdown == "alder":
        groups += [(_label(AgeBand, n[0]), ((), (), n)) for n in age.nodes_at(1)]
    return groups


def _label(choices, value: str) -> str:
    return UNKNOWN_LABEL if value == UNKNOWN else str(choices(value).label)


def _weight_sums(inner, weights, table) -> dict:
    """Σw and Σw² of every published key of `table` (weights per respondent's stratum),
    added up in one pass over the inner cells as the counts were."""
    dims = table.dimensions
    depth_sets = {tuple(len(p) for p in key) for key in table.value}
    sums: dict = {}
    for (o, deso, sex, age), n in inner.items():
        if o is None:
            continue
        w = weights.get((deso, sex, age), 1.0) if weights else 1.0
        leaves = (o, deso or UNKNOWN, sex or UNKNOWN, age or UNKNOWN)
        paths = [d.paths[leaf] for d, leaf in zip(dims, leaves, strict=True)]
        for depths in depth_sets:
            key = tuple(tuple(p[:k]) for p, k in zip(paths, depths, strict=True))
            if key in table.value:
                total, square = sums.get(key, (0.0, 0.0))
                sums[key] = (total + n * w, square + n * w * w)
    return sums


def _rows(question, options, labels, inner, weights, districts, breakdown):
    """The rows of one question for one breakdown, each cell as the page shows it."""
    if question.kind == Question.Kind.MULTIPLE:
        tables = {}
        for o in options:
            binary = defaultdict(int)
            for (opt, deso, sex, age), n in inner.items():
                if opt is None:
                    binary[(NOT_CHOSEN, deso, sex, age)] += n
            for (opt, deso, sex, age), n in inner.items():
                if opt == o:
                    binary[(CHOSEN, deso, sex, age)] += n
                    binary[(NOT_CHOSEN, deso, sex, age)] -= n
            t = _table(dict(binary), [CHOSEN, NOT_CHOSEN], districts)
            tables[o] = (t, dict(binary), _weight_sums(dict(binary), weights, t))
        first = next(iter(tables.values()))[0] if tables else None
    else:
        table = _table(inner, options, districts)
        sums = _weight_sums(inner, weights, table)
        first = table
    if first is None:
        return []
    rows = []
    for label, (area, sex, age) in _groups(breakdown, first, districts):
        cells = []
        if question.kind == Question.Kind.MULTIPLE:
            for o in options:
                t, binary, sums = tables[o]
                hit = sums.get(((CHOSEN,), area, sex, age), (0.0, 0.0))
                whole = sums.get(((), area, sex, age), (0.0, 0.0))
                cells.append(cell_for(t, ((CHOSEN,), area, sex, age), hit, whole, weights))
            t = first
        else:
            t = table
            whole = sums.get(((), area, sex, age), (0.0, 0.0))
            for o in options:
                hit = sums.get(((o,), area, sex, age), (0.0, 0.0))
                cells.append(cell_for(t, ((o,), area, sex, age), hit, whole, weights))
        total_key = ((), area, sex, age)
        n = t.shown(total_key)
        total = Cell(
            text=HIDDEN_PRIMARY if n is None and 0 < t.value[total_key] < 5
            else HIDDEN_SECONDARY if n is None else str(n),
            count=n,
            hidden=n is None,
        )  # fmt: skip
        rows.append(Row(label, cells, total))
    return rows


def _options(question: Question, inner) -> tuple[list[str], list[str]]:
    values = [str(o.get("value")) for o in question.options or []]
    labels = [str(o.get("label") or o.get("value")) for o in question.options or []]
    for o, *_ in sorted(inner, key=lambda k: str(k[0])):
        if o is not None and o not in values:
            values.append(o)
            labels.append(o or "Inget svar")
    return values, labels


def _compare(now_rows, before_rows, labels) -> list[Comparison]:
    """The whole municipality's share per option, this round against the previous one."""
    if not now_rows or not before_rows:
        return []
    out = []
    for label, now, before in zip(labels, now_rows[0].cells, before_rows[0].cells, strict=False):
        if now.share is None or before.share is None:
            out.append(Comparison(label, now.text, before.text, HIDDEN_SECONDARY, "", False))
            continue
        p = two_proportion_p(now.share, before.share)
        change = (now.share.share - before.share.share) * 100
        out.append(
            Comparison(
                label,
                now.text,
                before.text,
                ("+" if change > 0 else "") + percent(change / 100, points=True),
                "p < 0,001" if p < 0.001 else f"p = {p:.3f}".replace(".", ","),
                p < 0.05,
            )
        )
    return out


def survey_results(*, viewer: Viewer, survey: Survey, breakdown: str = "") -> SurveyResults:
    """Every question's results for one breakdown (BREAKDOWNS), suppressed and, for a
    sampled survey, weighted; compared with the previous round where it has the same mode."""
    require(viewer, "dialog.view_results")
    if survey.municipality_id != viewer.municipality.pk:
        raise Survey.DoesNotExist
    return _results(survey, breakdown)


def published_survey_results(*, survey: Survey) -> SurveyResults:
    """The results "ni sa – vi gör" publishes for a survey of a published dialogue: the whole
    municipality only, suppressed exactly as staff see them (the caller checks publication)."""
    return _results(survey, "")


def _results(survey: Survey, breakdown: str) -> SurveyResults:
    if breakdown not in BREAKDOWNS:
        breakdown = ""
    districts = deso_districts(municipality=survey.municipality)
    now = _read_round(survey, districts)
    previous, previous_note, before = survey.previous_round, "", None
    if previous is not None:
        if previous.mode != survey.mode:
            previous_note = (
                f"Föregående omgång ({previous.title}) hade ett annat svarssätt och jämförs "
                "inte: öppna svar och urvalssvar blandas aldrig."
            )
        else:
            before = _read_round(previous, districts)
    from .results_map import map_result  # the map reads its own GROUP BYs

    questions = []
    before_by_key = {q.key: q for q in before.questions} if before else {}
    for q in now.questions:
        inner = now.answers.get(q.key, {})
        result = QuestionResult(q.key, q.text, q.kind, [])
        if q.kind == Question.Kind.MAP:
            result.map = map_result(survey, q, districts)
            result.answers = result.map.points
        elif q.kind in CHOICE_KINDS + (Question.Kind.MULTIPLE,):
            values, labels = _options(q, inner)
            result.options = labels
            result.rows = _rows(q, values, labels, inner, now.weights, districts, breakdown)
            result.answers = sum(
                n for k, n in inner.items() if q.kind != "multiple" or k[0] is None
            )
            bq = before_by_key.get(q.key)
            if bq is not None and bq.kind == q.kind:
                b_inner = before.answers.get(q.key, {})
                b_rows = _rows(bq, values, labels, b_inner, before.weights, districts, "")
                result.comparison = _compare(result.rows, b_rows, labels)
            elif before is not None:
                result.comparison_note = "Frågan fanns inte i föregående omgång."
        else:
            result.answers = sum(inner.values())
            result.note = "Fritext och tal redovisas inte som fördelning här."
        questions.append(result)
    respondents = sum(now.strata.values())
    return SurveyResults(
        survey=survey,
        mode=survey.mode,
        mode_label=(
            "Urval med engångskoder, vägt mot befolkningen"
            if survey.mode == Survey.Mode.SAMPLED
            else "Öppen länk – självselekterat urval, ovägt"
        ),
        weighted=now.weights is not None,
        weighting_note=now.weighting_note,
        respondents=respondents,
        response_rate=_response_rate(survey, respondents),
        breakdown=breakdown,
        breakdown_label=BREAKDOWNS[breakdown],
        questions=questions,
        previous=previous if before is not None else None,
        previous_note=previous_note,
    )


def _response_rate(survey: Survey, respondents: int) -> str:
    if survey.mode == Survey.Mode.OPEN:
        return "Ingen svarsfrekvens: vem som helst kan svara på en öppen länk."
    invited = survey.invitations.aggregate(n=Coalesce(Count("id"), 0))["n"]
    if not invited:
        return survey.response_rate_note or "Urvalslistan är gallrad; svarsfrekvens saknas."
    return f"{respondents} av {invited} i urvalet svarade ({percent(respondents / invited)})."
