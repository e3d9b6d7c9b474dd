"""The crime statistics: a municipality's own uploads (scoped to it, audited in its log) and
the official shared sources (BRÅ's indicators for the country and the counties), which only
the operator command and the demo loader write."""

from django.db import transaction

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from ..models import CrimeStatistic, MunicipalStatistic


def _fields(r) -> dict:
    return {
        "region_code": r.region.code,
        "region_name": r.region.name,
        "region_kind": r.region.kind,
        "year": r.year,
        "indicator": r.indicator[:200],
        "unit": r.unit,
        "value": r.value,
        "source": r.source[:100],
    }


def _unique(rows) -> list:
    """The last of rows with one key: the parsers already report repeats, and a batch with a
    key twice would fail on PostgreSQL (ON CONFLICT cannot touch a row twice)."""
    by_key = {(r.region.code, r.year, r.indicator, r.unit, r.source): r for r in rows}
    return list(by_key.values())


@transaction.atomic
def statistics_import(*, viewer: Viewer, rows) -> int:
    """Stores parsed rows as the viewer's municipality's own statistics (national and county
    rows included: the shared source never changes); a row already stored is replaced, so
    importing a file twice changes nothing."""
    require(viewer, "strategy.import_statistics")
    objects = [
        MunicipalStatistic(municipality=viewer.municipality, **_fields(r)) for r in _unique(rows)
    ]
    MunicipalStatistic.objects.bulk_create(
        objects,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["municipality", "region_code", "year", "indicator", "unit", "source"],
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


@transaction.atomic
def official_statistics_load(*, dataset: str, rows) -> int:
    """Replaces the shared source `dataset` with these rows (an operator's or the demo's
    load, not a municipality's: it is recorded in the audit log without a tenant)."""
    objects = [CrimeStatistic(dataset=dataset, **_fields(r)) for r in _unique(rows)]
    CrimeStatistic.objects.filter(dataset=dataset).delete()
    CrimeStatistic.objects.bulk_create(objects, batch_size=1000)
    audit(
        None,
        "strategy.official_statistics_loaded",
        summary=f"Officiell statistik {dataset}: {len(objects)} värden",
        dataset=dataset,
        rows=len(objects),
    )
    return len(objects)
