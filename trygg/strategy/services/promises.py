"""Writes for focus areas and medborgarlöften; each checks `strategy.manage_promises` and is
audited in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..models import CitizenPromise, FocusArea, PromiseActivity


@transaction.atomic
def focus_area_save(
    *,
    viewer: Viewer,
    focus_area: FocusArea | None = None,
    title: str,
    description: str,
    decided_on,
    decision_reference: str,
    status: str,
    areas=(),
) -> FocusArea:
    """An EST decision on a focus area; the decision reference is required."""
    require(viewer, "strategy.manage_promises")
    own(viewer, focus_area, *areas)
    focus_area = focus_area or FocusArea(municipality=viewer.municipality)
    focus_area.title = title.strip()
    focus_area.description = description
    focus_area.decided_on = decided_on
    focus_area.decision_reference = decision_reference.strip()
    focus_area.status = status
    focus_area.full_clean()
    created = focus_area.pk is None
    focus_area.save()
    focus_area.areas.set(areas)
    audit(
        viewer,
        "strategy.focus_area_created" if created else "strategy.focus_area_updated",
        focus_area,
        summary=f"Fokusområde {focus_area.title}",
        status=focus_area.status,
        areas=sorted(a.pk for a in areas),
    )
    return focus_area


@transaction.atomic
def promise_save(
    *,
    viewer: Viewer,
    promise: CitizenPromise | None = None,
    year: int,
    title: str,
    introduction: str,
    focus_areas=(),
    signed_on=None,
    signed_by_municipality: str = "",
    signed_by_police: str = "",
) -> CitizenPromise:
    require(viewer, "strategy.manage_promises")
    own(viewer, promise, *focus_areas)
    promise = promise or CitizenPromise(municipality=viewer.municipality)
    promise.year = year
    promise.title = title.strip()
    promise.introduction = introduction
    promise.signed_on = signed_on
    promise.signed_by_municipality = signed_by_municipality.strip()
    promise.signed_by_police = signed_by_police.strip()
    promise.full_clean()
    created = promise.pk is None
    promise.save()
    promise.focus_areas.set(focus_areas)
    audit(
        viewer,
        "strategy.promise_created" if created else "strategy.promise_updated",
        promise,
        summary=f"Medborgarlöfte {promise.year}",
        year=promise.year,
        focus_areas=sorted(f.pk for f in focus_areas),
    )
    return promise


@transaction.atomic
def promise_publish(*, viewer: Viewer, promise: CitizenPromise) -> CitizenPromise:
    """Publishes the promise on the municipality's public pages. It must be signed by both
    the municipality and the police and hold at least one activity."""
    require(viewer, "strategy.manage_promises")
    own(viewer, promise)
    missing = []
    if not (promise.signed_on and promise.signed_by_municipality and promise.signed_by_police):
        missing.append(
            "Löftet ska vara undertecknat av både kommunen och polisen (datum och namn)."
        )
    if not promise.activities.exists():
        missing.append("Lägg till minst en aktivitet innan löftet publiceras.")
    if missing:
        raise ValidationError(missing)
    if promise.published_at is None:
        promise.published_at = timezone.now()
        promise.save(update_fields=["published_at", "updated_at"])
        audit(
            viewer,
            "strategy.promise_published",
            promise,
            summary=f"Medborgarlöfte {promise.year} publicerat",
            year=promise.year,
        )
    return promise


@transaction.atomic
def activity_save(
    *,
    viewer: Viewer,
    promise: CitizenPromise,
    activity: PromiseActivity | None = None,
    title: str,
    description: str,
    owner: str,
    owner_name: str,
    status: str,
    follow_up: str,
    focus_area: FocusArea | None = None,
    goal: str = "G1",
) -> PromiseActivity:
    require(viewer, "strategy.manage_promises")
    own(viewer, promise, activity)
    if focus_area is not None and focus_area.municipality_id != viewer.municipality.pk:
        # Shown next to the field: the form offers only this municipality's focus areas.
        raise ValidationError({"focus_area": ["Okänt fokusområde."]})
    if owner == PromiseActivity.Owner.ANNAN and not owner_name.strip():
        raise ValidationError({"owner_name": ["Ange vilken aktör som ansvarar."]})
    activity = activity or PromiseActivity(municipality=viewer.municipality, promise=promise)
    activity.title = title.strip()
    activity.goal = goal
    activity.description = description
    activity.owner = owner
    activity.owner_name = owner_name.strip()
    activity.status = status
    activity.follow_up = follow_up
    activity.focus_area = focus_area
    activity.full_clean()
    created = activity.pk is None
    activity.save()
    audit(
        viewer,
        "strategy.activity_created" if created else "strategy.activity_updated",
        activity,
        summary=f"Aktivitet i medborgarlöfte {promise.year}: {activity.get_status_display()}",
        promise=promise.pk,
        status=activity.status,
        goal=activity.goal,
    )
    return activity
