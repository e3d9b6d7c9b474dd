"""Writes for focus areas and medborgarlöften; each checks the permission and is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.audit import audit_log
from trygg.core.models import AuditEvent
from trygg.core.viewer import Viewer

from .models import CitizenPromise, CrimeStatistic, FocusArea, PromiseActivity


def _require(viewer: Viewer) -> None:
    if not viewer.may("strategy.manage_promises"):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _audit(viewer, action, obj, summary):
    audit_log(
        action=action, actor=viewer.user, municipality=viewer.municipality, obj=obj, summary=summary
    )


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
    _require(viewer)
    focus_area = focus_area or FocusArea(municipality=viewer.municipality)
    focus_area.title = title.strip()
    focus_area.description = description
    focus_area.decided_on = decided_on
    focus_area.decision_reference = decision_reference.strip()
    focus_area.status = status
    focus_area.full_clean()
    created = focus_area.pk is None
    focus_area.save()
    focus_area.areas.set([a for a in areas if a.municipality_id == viewer.municipality.pk])
    _audit(
        viewer,
        AuditEvent.Action.CREATED if created else AuditEvent.Action.UPDATED,
        focus_area,
        f"Fokusområde {focus_area.title}",
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
    _require(viewer)
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
    promise.focus_areas.set([f for f in focus_areas if f.municipality_id == viewer.municipality.pk])
    _audit(
        viewer,
        AuditEvent.Action.CREATED if created else AuditEvent.Action.UPDATED,
        promise,
        f"Medborgarlöfte {promise.year}",
    )
    return promise


@transaction.atomic
def promise_publish(*, viewer: Viewer, promise: CitizenPromise) -> CitizenPromise:
    """Publishes the promise on the municipality's public pages. It must be signed by both
    the municipality and the police and hold at least one activity."""
    _require(viewer)
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
        _audit(
            viewer, AuditEvent.Action.UPDATED, promise, f"Medborgarlöfte {promise.year} publicerat"
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
    _require(viewer)
    if focus_area is not None and focus_area.municipality_id != viewer.municipality.pk:
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
    _audit(
        viewer,
        AuditEvent.Action.CREATED if created else AuditEvent.Action.UPDATED,
        activity,
        f"Aktivitet i medborgarlöfte {promise.year}: {activity.get_status_display()}",
    )
    return activity


@transaction.atomic
def statistics_import(*, viewer: Viewer, rows) -> int:
    """Stores parsed statistics rows; a row already stored (same region, year, indicator,
    unit and source) is replaced, so importing a file twice changes nothing."""
    if not viewer.may("strategy.import_statistics"):
        raise PermissionDenied("Du har inte behörighet att importera statistik.")
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
    audit_log(
        action=AuditEvent.Action.IMPORTED,
        actor=viewer.user,
        municipality=viewer.municipality,
        summary=f"{len(objects)} statistikvärden importerade",
    )
    return len(objects)


# --- Strategic lägesbild ----------------------------------------------------------------


@transaction.atomic
def strategic_picture_draft(*, viewer: Viewer, start_year: int, end_year: int):
    """A new two-year lägesbild with its first version drafted from the data."""
    from .drafting import draft_sections
    from .models import StrategicPicture, StrategicPictureVersion

    if not viewer.may("strategy.manage_picture"):
        raise PermissionDenied("Du har inte behörighet att göra detta.")
    if end_year != start_year + 1:
        raise ValidationError({"end_year": ["Lägesbilden gäller två år i följd, t.ex. 2025–2026."]})
    picture = StrategicPicture(
        municipality=viewer.municipality, start_year=start_year, end_year=end_year
    )
    picture.full_clean()
    picture.save()
    StrategicPictureVersion.objects.create(
        municipality=viewer.municipality,
        picture=picture,
        number=1,
        created_by=viewer.user,
        sections=draft_sections(viewer=viewer, start_year=start_year, end_year=end_year),
        note="Utkast från data",
    )
    _audit(viewer, AuditEvent.Action.CREATED, picture, f"{picture} utkast skapat från data")
    return picture


@transaction.atomic
def strategic_picture_save(*, viewer: Viewer, picture, sections: dict, note: str = ""):
    """Saves the text as a new version; nothing is ever overwritten. Editing a decided
    picture makes a new draft version and leaves the decided one as it was."""
    from .models import StrategicPicture, StrategicPictureVersion

    if not viewer.may("strategy.manage_picture"):
        raise PermissionDenied("Du har inte behörighet att göra detta.")
    latest = picture.versions.order_by("-number").first()
    keys = [k for k, _ in StrategicPictureVersion.SECTIONS]
    clean = {k: (sections.get(k) or "").strip() for k in keys}
    if latest is not None and latest.sections == clean:
        raise ValidationError("Inget är ändrat sedan förra versionen.")
    version = StrategicPictureVersion.objects.create(
        municipality=viewer.municipality,
        picture=picture,
        number=(latest.number + 1) if latest else 1,
        sections=clean,
        note=note.strip()[:300],
        created_by=viewer.user,
    )
    if picture.status != StrategicPicture.Status.UTKAST:
        # A decided or circulated text changes only as a new draft.
        picture.status = StrategicPicture.Status.UTKAST
        picture.save(update_fields=["status"])
    _audit(viewer, AuditEvent.Action.UPDATED, picture, f"{picture}: version {version.number}")
    return version


@transaction.atomic
def strategic_picture_set_status(
    *,
    viewer: Viewer,
    picture,
    status: str,
    decided_by: str = "",
    decided_on=None,
    decision_paragraph: str = "",
):
    from .models import StrategicPicture

    if not viewer.may("strategy.manage_picture"):
        raise PermissionDenied("Du har inte behörighet att göra detta.")
    if status not in StrategicPicture.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    if status == StrategicPicture.Status.BESLUTAD:
        errors = {}
        if not decided_by.strip():
            errors["decided_by"] = ["Ange vilket organ som beslutade, t.ex. Kommunstyrelsen."]
        if decided_on is None:
            errors["decided_on"] = ["Ange beslutsdatum."]
        if not decision_paragraph.strip():
            errors["decision_paragraph"] = ["Ange paragrafen, t.ex. § 123."]
        if errors:
            raise ValidationError(errors)
        picture.decided_by = decided_by.strip()
        picture.decided_on = decided_on
        picture.decision_paragraph = decision_paragraph.strip()
        picture.decided_version = picture.versions.order_by("-number").first()
    picture.status = status
    picture.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_on",
            "decision_paragraph",
            "decided_version",
        ]
    )
    _audit(
        viewer,
        AuditEvent.Action.UPDATED,
        picture,
        f"{picture}: {picture.get_status_display().lower()}",
    )
    return picture
