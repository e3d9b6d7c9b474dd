"""Reads of the crime statistics, for the statistics page and the strategic draft."""

from ..models import CrimeStatistic, MunicipalStatistic

# A value the source suppressed (stored as NULL), as BRÅ writes it; None is "not imported".
SUPPRESSED = ".."


def statistics_comparison(*, municipality) -> dict:
    """Reported offences per 100 000 inhabitants for the municipality, its county and the
    country, by offence and year: {"years": [...], "rows": [(indicator, [(year, m, c, r)])]}.
    The municipality's own figure comes from its upload before the shared source; the county
    and the country from the shared source before its upload (its own copy fills gaps only).
    A value the source suppressed is SUPPRESSED (".."), one not imported None."""
    codes = {municipality.kommunkod: "m", municipality.county_code: "c", "00": "r"}
    shared: dict[tuple[str, int, str], float | None] = {}
    for code, year, indicator, value in (
        CrimeStatistic.objects.filter(region_code__in=codes, unit="per100k", source="Anmälda brott")
        .order_by("imported_at")  # a later dataset wins
        .values_list("region_code", "year", "indicator", "value")
    ):
        shared[(codes[code], year, indicator)] = value
    own: dict[tuple[str, int, str], float | None] = {
        (codes[code], year, indicator): value
        for code, year, indicator, value in MunicipalStatistic.objects.filter(
            municipality=municipality,
            region_code__in=codes,
            unit="per100k",
            source="Anmälda brott",
        ).values_list("region_code", "year", "indicator", "value")
    }
    values: dict[tuple[str, int], dict[str, float | None]] = {}
    for key in shared.keys() | own.keys():
        kind, year, indicator = key
        first, second = (own, shared) if kind == "m" else (shared, own)
        value = first[key] if key in first else second[key]
        values.setdefault((indicator, year), {})[kind] = SUPPRESSED if value is None else value
    years = sorted({y for _, y in values})
    indicators = sorted(
        {i for i, _ in values}, key=lambda i: (i != "Totalt antal anmälda brott", i)
    )
    rows = [
        (i, [(y, *(values.get((i, y), {}).get(k) for k in ("m", "c", "r"))) for y in years])
        for i in indicators
    ]
    return {"years": years, "rows": rows}


def official_dataset_loaded(*, dataset: str) -> bool:
    """Whether the shared source `dataset` has been loaded (the demo loader loads it once)."""
    return CrimeStatistic.objects.filter(dataset=dataset).exists()
