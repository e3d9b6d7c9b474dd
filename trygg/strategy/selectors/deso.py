"""Reads of the Police's crime file per DeSO: counts and rates per 1,000 inhabitants per DeSO
and per district, for the statistics page and the strategic lägesbild."""

from dataclasses import dataclass

from trygg.analytics.suppression import suppress
from trygg.core.viewer import Viewer
from trygg.geo.selectors import deso_districts

from ..models import DesoCrimeCount, DesoPopulation

# Counts under this are not published (the same rule as every published statistic).
MIN_PUBLISHED = 5


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: suppressed
    per_1000: float | None


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    district: str
    population: int | None
    cells: list[Cell]  # one per group, in `groups` order
    total: Cell


def _rate(count, population):
    if count is None or not population:
        return None
    return round(1000 * count / population, 1)


def deso_crime_years(*, viewer: Viewer) -> list[int]:
    return sorted(
        set(
            DesoCrimeCount.objects.filter(municipality=viewer.municipality)
            .values_list("year", flat=True)
            .distinct()
        )
    )


def deso_crime_table(*, viewer: Viewer, year: int, published: bool = False) -> dict:
    """Reported offences in `year` per DeSO and per district, by offence group, with rates per
    1,000 inhabitants (SCB's population that year, else the nearest year). Counts under 5 are
    suppressed when `published` or for roles that may not see the Police's file itself."""
    hide = published or not viewer.may("strategy.import_statistics")
    rows = list(
        DesoCrimeCount.objects.filter(municipality=viewer.municipality, year=year).values_list(
            "deso_code", "offence_group", "count"
        )
    )
    groups = sorted({g for _, g, _ in rows})
    by_deso: dict[str, dict[str, int]] = {}
    for deso, group, count in rows:
        by_deso.setdefault(deso, {})[group] = count
    population: dict[str, int] = {}
    for deso, y, n in DesoPopulation.objects.filter(deso_code__in=by_deso).values_list(
        "deso_code", "year", "population"
    ):
        if deso not in population or abs(y - year) < population[deso][0]:
            population[deso] = (abs(y - year), n)
    population = {d: n for d, (_, n) in population.items()}
    names = deso_districts(municipality=viewer.municipality)

    def district_of(deso: str) -> str:
        return names.get(deso, ("", ""))[1] or "Utan stadsdel"

    # Hidden across the whole table, not row by row: a DeSO's small count must not follow from
    # its district's count minus the other DeSOs' (analytics/suppression.py).
    hidden = (
        suppress(
            {(d, g): n for d, counts in by_deso.items() for g, n in counts.items()},
            {d: district_of(d) for d in by_deso},
            MIN_PUBLISHED,
        )
        if hide
        else set()
    )

    def line(code, name, district, counts: dict[str, int], people, cell_key, total_key):
        raw = [counts.get(g, 0) for g in groups]
        shown = [None if cell_key(g) in hidden else n for g, n in zip(groups, raw, strict=True)]
        total = None if total_key in hidden else sum(raw)
        return Line(
            code,
            name,
            district,
            people,
            [Cell(n, _rate(n, people)) for n in shown],
            Cell(total, _rate(total, people)),
        )

    desos = [
        line(
            d,
            names.get(d, (d, ""))[0],
            names.get(d, ("", ""))[1],
            c,
            population.get(d),
            lambda g, d=d: ("cell", d, g),
            ("row", d),
        )
        for d, c in sorted(by_deso.items())
    ]
    by_district: dict[str, dict[str, int]] = {}
    district_people: dict[str, int] = {}
    for d, counts in by_deso.items():
        district = district_of(d)
        target = by_district.setdefault(district, {})
        for g, n in counts.items():
            target[g] = target.get(g, 0) + n
        district_people[district] = district_people.get(district, 0) + population.get(d, 0)
    districts = [
        line(
            "",
            name,
            name,
            counts,
            district_people[name] or None,
            lambda g, name=name: ("parent", name, g),
            ("parent_total", name),
        )
        for name, counts in sorted(by_district.items())
    ]
    return {
        "year": year,
        "groups": groups,
        "desos": desos,
        "districts": districts,
        "suppressed": hide,
        "offences": sum(n for _, _, n in rows),
    }
