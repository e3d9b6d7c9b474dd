"""Reads for strategy, for staff pages, the public pages and the official documents.

The selectors live in this package's modules — `plans` (åtgärdsplan, measures, follow-up,
indicator series, problem figures, measured effect), `pictures` (the strategic lägesbild),
`promises` (focus areas, medborgarlöften, the feed), `statistics` (official crime statistics);
every public name is re-exported here, so `from trygg.strategy import selectors` keeps working."""

from .deso import deso_crime_table, deso_crime_years
from .history import HistoryEntry, measure_history, plan_history
from .pictures import picture_get, picture_list, picture_year_chart
from .plans import (
    OPEN,
    Effect,
    Series,
    indicator_series,
    is_overdue,
    measure_effect,
    measure_follow_ups,
    measure_get,
    measure_indicators,
    next_follow_up,
    overdue_measures,
    plan_get,
    plan_list,
    plan_measures,
    problem_figures,
    problem_get,
    problem_list,
    problem_query,
    saved_report_filters,
)
from .promises import (
    feed_items,
    focus_areas,
    progress,
    promise_get,
    promises,
    public_promise,
    published_promises,
)
from .statistics import official_dataset_loaded, statistics_comparison

__all__ = [
    "deso_crime_table",
    "deso_crime_years",
    "OPEN",
    "Effect",
    "HistoryEntry",
    "measure_history",
    "plan_history",
    "Series",
    "feed_items",
    "focus_areas",
    "indicator_series",
    "is_overdue",
    "measure_effect",
    "measure_follow_ups",
    "measure_get",
    "measure_indicators",
    "next_follow_up",
    "official_dataset_loaded",
    "overdue_measures",
    "picture_get",
    "picture_list",
    "picture_year_chart",
    "plan_get",
    "plan_list",
    "plan_measures",
    "problem_figures",
    "problem_get",
    "problem_list",
    "problem_query",
    "saved_report_filters",
    "progress",
    "promise_get",
    "promises",
    "public_promise",
    "published_promises",
    "statistics_comparison",
]
