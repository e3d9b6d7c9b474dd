"""Reads of the official crime statistics, for the statistics page and the strategic draft."""

from ..models import CrimeStatistic


def statistics_comparison(*, municipality) -> dict:
    """Reported offences per 100 000 inhabitants for the municipality, its county and the
    country, by offence and year: {"years": [...], "rows": [(indicator, [(year, m, c, r)])]}."""
    codes = {municipality.kommunkod: "m", municipality.county_code: "c", "00": "r"}
    values: dict[tuple[str, int], dict[str, float]] = {}
    for code, year, indicator, value in CrimeStatistic.objects.filter(
        region_code__in=codes, unit="per100k", source="Anmälda brott"
    ).values_list("region_code", "year", "indicator", "value"):
        values.setdefault((indicator, year), {})[codes[code]] = value
    years = sorted({y for _, y in values})
    indicators = sorted(
        {i for i, _ in values}, key=lambda i: (i != "Totalt antal anmälda brott", i)
    )
    rows = [
        (i, [(y, *(values.get((i, y), {}).get(k) for k in ("m", "c", "r"))) for y in years])
        for i in indicators
    ]
    return {"years": years, "rows": rows}
