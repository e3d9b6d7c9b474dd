"""Writes for strategy. Every service checks the viewer's permission through the kernel
(trygg.core.kernel), checks that what it links to belongs to the municipality, and writes
its audit event (strategy/audit_events.py) in the same transaction.

The services live in this package's modules — `plans` (åtgärdsplan, measures, indicators,
follow-up, problem pictures), `picture` (the strategic lägesbild), `promises` (focus areas,
medborgarlöften), `statistics` (official crime statistics); every public name is re-exported
here, so `from trygg.strategy import services` keeps working."""

from .deso import deso_crime_import, deso_population_load
from .picture import strategic_picture_draft, strategic_picture_save, strategic_picture_set_status
from .plans import (
    follow_up_add,
    indicator_add,
    indicator_value_add,
    measure_save,
    measure_withdraw,
    plan_decide,
    plan_save,
    plan_withdraw,
    problem_save,
)
from .promises import activity_save, focus_area_save, promise_publish, promise_save
from .statistics import official_statistics_load, statistics_import

__all__ = [
    "deso_crime_import",
    "deso_population_load",
    "activity_save",
    "focus_area_save",
    "follow_up_add",
    "indicator_add",
    "indicator_value_add",
    "measure_save",
    "measure_withdraw",
    "official_statistics_load",
    "plan_decide",
    "plan_save",
    "plan_withdraw",
    "problem_save",
    "promise_publish",
    "promise_save",
    "statistics_import",
    "strategic_picture_draft",
    "strategic_picture_save",
    "strategic_picture_set_status",
]
