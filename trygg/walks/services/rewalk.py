"""The re-walk (issue 18, item 6): a new walk on the same area, route, checklist and forum
6–12 months after the earlier one, which the guidance recommends to see whether the
measures worked. Outside that window the leader must confirm."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from .. import audit_events as events
from ..models import Walk

MANAGE = "walks.manage"
MIN_MONTHS, MAX_MONTHS = 6, 12
OUTSIDE_WINDOW = (
    "En ny vandring bör göras 6–12 månader efter den förra ({earlier:%Y-%m-%d}): mellan "
    "{low:%Y-%m-%d} och {high:%Y-%m-%d}. Bekräfta om datumet ändå ska gälla."
)


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Aug + 6 → 28/29 Feb)."""
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def rewalk_window(walk: Walk) -> tuple[date, date]:
    return add_months(walk.walk_on, MIN_MONTHS), add_months(walk.walk_on, MAX_MONTHS)


@transaction.atomic
def rewalk_plan(
    *, viewer: Viewer, walk: Walk, walk_on: date, confirmed: bool = False, title: str = ""
) -> Walk:
    """A new planned walk that repeats `walk`: previous_walk set, same area, route,
    template, forum, comparison and displacement areas and invited organisations."""
    require(viewer, MANAGE)
    own(viewer, walk)
    low, high = rewalk_window(walk)
    if not (low <= walk_on <= high) and not confirmed:
        raise ValidationError(
            {"walk_on": [OUTSIDE_WINDOW.format(earlier=walk.walk_on, low=low, high=high)]}
        )
    if walk_on <= walk.walk_on:
        raise ValidationError({"walk_on": ["Den nya vandringen ska ligga efter den förra."]})
    again = Walk.objects.create(
        municipality=viewer.municipality,
        title=(title.strip() or f"{walk.title} – ny vandring")[:200],
        purpose=walk.purpose,
        decision=walk.decision,
        dialogue=walk.dialogue,
        forum=walk.forum,
        area=walk.area,
        route=walk.route,
        meeting_point=walk.meeting_point,
        walk_on=walk_on,
        starts_at=walk.starts_at,
        template=walk.template,
        leader=viewer.user or walk.leader,
        previous_walk=walk,
        comparison_area=walk.comparison_area,
        displacement_area=walk.displacement_area,
    )
    again.invited_organisations.set(walk.invited_organisations.all())
    audit(
        viewer,
        events.REWALK_PLANNED,
        again,
        summary=f"Ny vandring planerad: {again.title}",
        previous_walk=walk.pk,
        walk_on=walk_on.isoformat(),
        outside_window=not (low <= walk_on <= high),
    )
    return again
