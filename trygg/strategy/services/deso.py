"""The Police's crime file per DeSO (the municipality's own, scoped and audited) and SCB's
population per DeSO (shared, loaded by the operator command and the demo loader)."""

from django.db import transaction

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from ..models import DesoCrimeCount, DesoPopulation


@transaction.atomic
def deso_crime_import(*, viewer: Viewer, counts) -> int:
    """Replaces the municipality's counts for the years in the file (the Police send each
    year's file anew, so a year's figures are always those of the latest file)."""
    require(viewer, "strategy.import_statistics")
    municipality = viewer.municipality
    years = sorted({c.year for c in counts})
    DesoCrimeCount.objects.filter(municipality=municipality, year__in=years).delete()
    DesoCrimeCount.objects.bulk_create(
        [
            DesoCrimeCount(
                municipality=municipality,
                deso_code=c.deso,
                year=c.year,
                offence_group=c.group[:200],
                count=c.count,
            )
            for c in counts
        ],
        batch_size=1000,
    )
    audit(
        viewer,
        "strategy.deso_crime_imported",
        summary=f"Polisens brottsstatistik per DeSO: {len(counts)} värden",
        rows=len(counts),
        years=years,
        offences=sum(c.count for c in counts),
    )
    return len(counts)


@transaction.atomic
def deso_population_load(*, population: dict[tuple[str, int], int]) -> int:
    """Stores SCB's population per (DeSO, year), replacing what was there for those keys."""
    DesoPopulation.objects.bulk_create(
        [DesoPopulation(deso_code=d, year=y, population=n) for (d, y), n in population.items()],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["deso_code", "year"],
        update_fields=["population"],
    )
    audit(
        None,
        "strategy.official_statistics_loaded",
        summary=f"SCB:s befolkning per DeSO: {len(population)} värden",
        dataset="scb-befolkning-deso",
        rows=len(population),
    )
    return len(population)
