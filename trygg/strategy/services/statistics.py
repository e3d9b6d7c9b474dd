"""The official crime statistics (BRÅ's municipal indicators, the Police's file per offence):
stored once per region, year, indicator, unit and source."""

from django.db import transaction

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from ..models import CrimeStatistic


@transaction.atomic
def statistics_import(*, viewer: Viewer, rows) -> int:
    """Stores parsed statistics rows; a row already stored (same region, year, indicator,
    unit and source) is replaced, so importing a file twice changes nothing."""
    require(viewer, "strategy.import_statistics")
    objects = [
        CrimeStatistic(
            region_code=r.region.code,
            region_name=r.region.name,
            region_kind=r.region.kind,
            year=r.year,
            indicator=r.indicator[:200],
            unit=r.unit,
            value=r.value,
            source=r.source[:100],
        )
        for r in rows
    ]
    CrimeStatistic.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["region_code", "year", "indicator", "unit", "source"],
        update_fields=["value", "region_name", "region_kind", "imported_at"],
    )
    audit(
        viewer,
        "strategy.statistics_imported",
        summary=f"{len(objects)} statistikvärden importerade",
        rows=len(objects),
        years=sorted({o.year for o in objects}),
    )
    return len(objects)
