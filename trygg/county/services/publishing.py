"""What a municipality does towards its county: map its categories to the county's code list,
publish a dated snapshot of aggregates, and withdraw one. Keyword-only, atomic, checked and
audited like every write."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer
from trygg.reports.selectors import category_list

from ..audit_events import MAPPING_SAVED, SNAPSHOT_PUBLISHED, SNAPSHOT_WITHDRAWN
from ..codes import CODE_LABELS
from ..models import CategoryMapping, County, Snapshot
from . import figures


def county_of(municipality) -> County | None:
    return County.objects.filter(code=municipality.county_code).first()


@transaction.atomic
def mapping_save(*, viewer: Viewer, codes: dict[int, str]) -> int:
    """Sets each category's county code ({category id: code}; "" removes the mapping)."""
    require(viewer, "county.publish")
    own = {c.pk for c in category_list(municipality=viewer.municipality, only_active=False)}
    for cid, code in codes.items():
        if cid not in own:
            raise ValidationError("Kategorin hör inte till kommunen.")
        if code and code not in CODE_LABELS:
            raise ValidationError("Okänd kategori i länets kodlista.")
    changed = 0
    for cid, code in codes.items():
        if code:
            CategoryMapping.objects.update_or_create(
                municipality=viewer.municipality, category_id=cid, defaults={"county_code": code}
            )
        else:
            CategoryMapping.objects.filter(
                municipality=viewer.municipality, category_id=cid
            ).delete()
        changed += 1
    audit(viewer, MAPPING_SAVED, summary="Kategorier kopplade till länets kodlista", n=changed)
    return changed


@transaction.atomic
def snapshot_publish(*, viewer: Viewer, period_end, quarters: int = 4) -> Snapshot:
    """Computes and stores the aggregates of the `quarters` calendar quarters up to
    `period_end`. Cells of 1–4 are suppressed here, so the county never holds them."""
    require(viewer, "county.publish")
    county = county_of(viewer.municipality)
    if county is None:
        raise ValidationError("Kommunens län finns inte i Trygg; det går inte att publicera.")
    if period_end > timezone.localdate():
        raise ValidationError("Perioden kan inte sluta i framtiden.")
    spans = figures.quarters_ending(period_end, quarters)
    start, end = spans[0][0], spans[-1][1]
    data = {
        "population": viewer.municipality.population,
        "counts": figures.count_cells(viewer=viewer, quarters=spans),
        "measures": figures.measures(viewer=viewer),
        "law": figures.law_status(viewer=viewer),
        "dialogues": figures.dialogue_results(viewer=viewer),
    }
    h3 = figures.h3_counts(viewer=viewer, start=start, end=end)
    with scope(county=county):
        snapshot = Snapshot.objects.create(
            municipality=viewer.municipality,
            county=county,
            published_by=viewer.user,
            period_start=start,
            period_end=end,
            figures=data,
            h3_counts=h3,
        )
    audit(viewer, SNAPSHOT_PUBLISHED, snapshot, summary="Sammanställning publicerad till länet")
    return snapshot


@transaction.atomic
def snapshot_withdraw(*, viewer: Viewer, snapshot: Snapshot) -> Snapshot:
    require(viewer, "county.publish")
    if snapshot.municipality_id != viewer.municipality.pk:
        raise ValidationError("Sammanställningen hör inte till kommunen.")
    if snapshot.withdrawn_at is None:
        snapshot.withdrawn_at = timezone.now()
        snapshot.save(update_fields=["withdrawn_at"])
        audit(viewer, SNAPSHOT_WITHDRAWN, snapshot, summary="Sammanställning återkallad")
    return snapshot
