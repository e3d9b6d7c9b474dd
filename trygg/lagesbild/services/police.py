"""The police's input to the lägesbild: their summary and points for a period."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from .. import selectors
from ..models import PoliceInput, PoliceInputItem


@transaction.atomic
def police_input_save(
    *,
    viewer: Viewer,
    period_start: date,
    period_end: date,
    summary: str,
    sensitivity: str,
    items: list[dict],
    police_input: PoliceInput | None = None,
) -> PoliceInput:
    """The police's lägesbild for a period; `items` are dicts with theme, text, area, reference."""
    require(viewer, "lagesbild.police_input")
    try:
        selectors.validate_period(period_start, period_end)
    except selectors.PeriodError as exc:
        raise ValidationError({"period_end": [str(exc)]}) from None
    if not summary.strip() and not items:
        raise ValidationError("Skriv en sammanfattning eller minst en punkt.")
    own(viewer, *(item.get("area") for item in items))
    if police_input is None:
        police_input = PoliceInput(municipality=viewer.municipality, created_by=viewer.user)
    police_input.period_start = period_start
    police_input.period_end = period_end
    police_input.summary = summary.strip()
    police_input.sensitivity = sensitivity
    police_input.save()
    police_input.items.all().delete()
    PoliceInputItem.objects.bulk_create(
        [
            PoliceInputItem(
                municipality=viewer.municipality,
                police_input=police_input,
                theme=i["theme"],
                text=i["text"].strip(),
                area=i.get("area"),
                reference=i.get("reference", "").strip()[:100],
            )
            for i in items
        ]
    )
    audit(
        viewer,
        "lagesbild.police_input_saved",
        police_input,
        summary=f"Polisens lägesbild {period_start}–{period_end} sparad",
        period_start=period_start.isoformat(),
        period_end=period_end.isoformat(),
        sensitivity=sensitivity,
        items=len(items),
    )
    return police_input
