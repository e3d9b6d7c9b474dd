"""The programmes' sentences in the annual follow-up to Kommunstyrelsen: per goal G4–G7, the
programmes that ran during the year and their outputs summed by label."""

from datetime import date

from django.db.models import Q

from trygg.core.contributions import FollowUpRow
from trygg.core.viewer import Viewer

from ..models import Programme
from ..outputs import Output, outputs_for
from .outcome import sees_individuals, shown_output

GOALS = ("G4", "G5", "G6", "G7")


def _ran_during(viewer: Viewer, year: int):
    start, end = date(year, 1, 1), date(year, 12, 31)
    return (
        Programme.objects.filter(municipality=viewer.municipality, goal__in=GOALS, start__lte=end)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .order_by("goal", "name", "pk")
    )


def _summed(outputs_per_programme: list[list[Output]]) -> list[Output]:
    """Outputs with the same label (and unit) added up across programmes; a figure one
    programme cannot count yet leaves the others' sum standing."""
    sums: dict[tuple[str, str], Output] = {}
    for outputs in outputs_per_programme:
        for o in outputs:
            key = (o.label, o.unit)
            known = sums.get(key)
            if known is None:
                sums[key] = o
            elif o.value is not None:
                total = o.value + (known.value or 0)
                sums[key] = Output(o.label, total, o.unit, o.counts_people or known.counts_people)
    return list(sums.values())


def follow_up_rows(*, viewer: Viewer, year: int) -> list[FollowUpRow]:
    """One sentence per goal G4–G7 for the year, from the programmes' registered outputs;
    counts of people under 5 are suppressed for roles that may not see individuals."""
    if not viewer.may("programmes.view"):
        return []
    exact = sees_individuals(viewer)
    start, end = date(year, 1, 1), date(year, 12, 31)
    by_goal: dict[str, list[Programme]] = {goal: [] for goal in GOALS}
    for programme in _ran_during(viewer, year):
        by_goal[programme.goal].append(programme)
    rows = []
    for goal, programmes in by_goal.items():
        if not programmes:
            rows.append(FollowUpRow(goal, "Inga program registrerade för målet under året."))
            continue
        names = ", ".join(p.name for p in programmes)
        counted = [outputs_for(p, start, end) for p in programmes]
        figures = [shown_output(o, exact=exact) for o in _summed(counted)]
        n = len(programmes)
        lead = f"{n} program ({names})" if n > 1 else f"Programmet {names}"
        if not figures:
            rows.append(FollowUpRow(goal, f"{lead}: inga prestationer registrerade under året."))
            continue
        listed = "; ".join(f"{f.label.lower()}: {f.text}" for f in figures)
        rows.append(FollowUpRow(goal, f"{lead}: {listed}."))
    return rows
