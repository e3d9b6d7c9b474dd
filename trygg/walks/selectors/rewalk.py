"""The re-walk's effect on reports in the walk's area: strategy's measure evaluation
(difference in differences against the comparison area, over equal windows before and
after the first walk) reused as it is, plus the weighted displacement difference where the
leader drew a displacement area."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from trygg.analytics.evaluation import WddResult, weighted_displacement_difference
from trygg.core.viewer import Viewer
from trygg.locale_sv import day_start
from trygg.reports.selectors import visible_reports
from trygg.strategy.selectors.plans import Effect, area_effect

from ..models import Walk

if TYPE_CHECKING:
    from trygg.reports.models import Category


@dataclass
class WalkEffect:
    did: Effect
    wdd: WddResult | None = None
    displacement_counts: tuple = ()


def walk_effect(
    *, viewer: Viewer, walk: Walk, category: "Category | None", today: date | None = None
) -> WalkEffect:
    """The effect since the earlier walk (the re-walk's own walk when it has none): the
    measure evaluation reads an unsaved measure that acts in the walk's area from that day."""
    today = today or timezone.localdate()
    start = walk.previous_walk.walk_on if walk.previous_walk_id else walk.walk_on
    did = area_effect(
        viewer=viewer,
        area=walk.area,
        comparison_area=walk.comparison_area,
        category=category,
        start=start,
        today=today,
    )
    if not did.ready or walk.displacement_area_id is None:
        return WalkEffect(did)
    before, after = did.windows
    qs = visible_reports(viewer).filter(Q(category=category) | Q(category__parent=category))
    counts = tuple(
        qs.filter(
            areas=walk.displacement_area,
            occurred_at__gte=day_start(window[0]),
            occurred_at__lt=day_start(window[1]),
        ).count()
        for window in (before, after)
    )
    wdd = weighted_displacement_difference(
        treated_before=did.counts[0],
        treated_after=did.counts[1],
        control_before=did.counts[2],
        control_after=did.counts[3],
        displacement_before=counts[0],
        displacement_after=counts[1],
    )
    return WalkEffect(did, wdd, counts)
