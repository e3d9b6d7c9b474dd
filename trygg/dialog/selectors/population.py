"""The imported population (SCB, per DeSO, sex and age band) for other apps to read, e.g.
the youth-activity supply per 1,000 young people. Public statistics, shared by every
municipality: no viewer is needed."""

from collections import defaultdict

from ..models import PopulationStratum
from ..models.answers import AgeBand

__all__ = ["AgeBand", "population_by_deso"]


def population_by_deso(*, deso_codes, age_band: str = "") -> dict[str, int]:
    """DeSO code → the newest imported population (in `age_band`, or everyone when empty);
    a DeSO with nothing imported is left out. Sex rows are summed unless a both-sexes row
    exists."""
    rows = PopulationStratum.objects.filter(
        deso_code__in=list(deso_codes), age_band=age_band
    ).values_list("deso_code", "year", "sex", "population")
    newest: dict[str, int] = {}
    for code, year, _sex, _n in rows:
        newest[code] = max(year, newest.get(code, year))
    both: dict[str, int] = {}
    by_sex: dict[str, int] = defaultdict(int)
    for code, year, sex, n in rows:
        if year != newest[code]:
            continue
        if sex:
            by_sex[code] += n
        else:
            both[code] = n
    return {code: both.get(code, by_sex.get(code, 0)) for code in newest}
