"""Writes for youth activities (G4): the catalogue and the sessions held. Counts only, never
names; a negative count or an activity under another kind of programme is refused."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer
from trygg.dialog.textscan import scan
from trygg.geo.selectors import areas_at_point

from ..audit_events_youth import ACTIVITY_CREATED, ACTIVITY_UPDATED, SESSION_RECORDED
from ..models import Activity, ActivitySession, ProgrammeKind, SessionCount
from ..models.youth import WEEKDAYS, YouthAgeBand, YouthSex

FIELDS = (
    "programme",
    "name",
    "description",
    "organiser",
    "area",
    "place_name",
    "lat",
    "lon",
    "weekdays",
    "starts_at",
    "ends_at",
    "age_min",
    "age_max",
    "cost_sek",
    "cost_note",
    "accessibility",
    "season_start",
    "season_end",
    "active",
)
NEGATIVE = "Antalet kan inte vara negativt."


def _check(viewer: Viewer, activity: Activity) -> None:
    own(viewer, activity.programme, activity.organiser, activity.area)
    errors: dict[str, str] = {}
    if activity.programme.kind != ProgrammeKind.UNGDOMSAKTIVITETER:
        errors["programme"] = "Välj ett program för aktiviteter för barn och unga."
    if not activity.weekdays or any(d not in dict(WEEKDAYS) for d in activity.weekdays):
        errors["weekdays"] = "Välj minst en veckodag."
    if activity.ends_at <= activity.starts_at:
        errors["ends_at"] = "Sluttiden måste vara efter starttiden."
    if activity.age_max < activity.age_min:
        errors["age_max"] = "Den högsta åldern kan inte vara lägre än den lägsta."
    if (activity.lat is None) != (activity.lon is None):
        errors["lat"] = "Ange både latitud och longitud, eller ingen av dem."
    if activity.area_id is None and activity.lat is None and not activity.place_name.strip():
        errors["place_name"] = "Ange var aktiviteten är: en plats, ett område eller en punkt."
    if activity.season_end is not None and activity.season_end < activity.season_start:
        errors["season_end"] = "Sista dagen kan inte vara före första dagen."
    if activity.cost_sek is not None and activity.cost_sek < 0:
        errors["cost_sek"] = "Kostnaden kan inte vara negativ."
    for field in ("description", "accessibility", "place_name", "cost_note"):
        # Everything here is shown on the public page: no personal data there.
        found = scan(getattr(activity, field), names=False)
        if not found.clean:
            errors[field] = found.reason()
    if errors:
        raise ValidationError(errors)
    if activity.area_id is None and activity.lat is not None:
        # A point alone still counts in an area's supply: the DeSO it lies in.
        desos = [
            a
            for a in areas_at_point(
                municipality=viewer.municipality, lat=activity.lat, lon=activity.lon
            )
            if a.kind == "deso"
        ]
        activity.area = desos[0] if desos else None


@transaction.atomic
def activity_create(*, viewer: Viewer, **values) -> Activity:
    """Adds an activity to the catalogue; the viewer must hold programmes.manage_activities."""
    require(viewer, "programmes.manage_activities")
    activity = Activity(municipality=viewer.municipality, **_values(values))
    _check(viewer, activity)
    activity.full_clean()
    activity.save()
    audit(
        viewer,
        ACTIVITY_CREATED,
        activity,
        summary=f"Aktiviteten {activity.name} tillagd",
        programme=activity.programme_id,
    )
    return activity


@transaction.atomic
def activity_update(*, viewer: Viewer, activity: Activity, **values) -> Activity:
    require(viewer, "programmes.manage_activities")
    own(viewer, activity)
    for field, value in _values(values).items():
        setattr(activity, field, value)
    _check(viewer, activity)
    activity.full_clean()
    activity.save(update_fields=[*FIELDS, "updated_at"])
    audit(viewer, ACTIVITY_UPDATED, activity, summary=f"Aktiviteten {activity.name} ändrad")
    return activity


def _values(values: dict) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Okända fält: {sorted(unknown)}")
    values = dict(values)
    if "weekdays" in values and not isinstance(values["weekdays"], str):
        values["weekdays"] = "".join(sorted(set(values["weekdays"])))
    for field in ("description", "place_name", "cost_note", "accessibility"):
        values[field] = (values.get(field) or "").strip()
    values.setdefault("cost_sek", Decimal(0))
    values.setdefault("active", True)
    return values


@transaction.atomic
def session_record(
    *, viewer: Viewer, activity: Activity, held_on: date, counts: dict[tuple[str, str], int]
) -> ActivitySession:
    """Records one session with its participants per (age band, sex); refuses a negative
    count, a day in the future and a second session the same day."""
    require(viewer, "programmes.record_sessions")
    own(viewer, activity)
    errors: dict[str, str] = {}
    bands, sexes = set(YouthAgeBand.values), set(YouthSex.values)
    for (band, sex), n in counts.items():
        if band not in bands or sex not in sexes:
            raise ValidationError("Okänd åldersgrupp eller kön.")
        if n is None or n < 0:
            errors[f"n_{band}_{sex}"] = NEGATIVE
    if held_on > timezone.localdate():
        errors["held_on"] = "Ett tillfälle kan bara registreras när det har hållits."
    if held_on < activity.season_start:
        errors["held_on"] = "Aktiviteten hade inte börjat den dagen."
    if errors:
        raise ValidationError(errors)
    total = sum(counts.values())
    try:
        with transaction.atomic():
            session = ActivitySession.objects.create(
                municipality=viewer.municipality,
                activity=activity,
                held_on=held_on,
                participants=total,
            )
    except IntegrityError:
        raise ValidationError({"held_on": "Tillfället den dagen är redan registrerat."}) from None
    SessionCount.objects.bulk_create(
        SessionCount(
            municipality=viewer.municipality, session=session, age_band=band, sex=sex, count=n
        )
        for (band, sex), n in counts.items()
        if n
    )
    audit(
        viewer,
        SESSION_RECORDED,
        session,
        summary=f"Tillfälle för {activity.name} registrerat",
        activity=activity.pk,
        participants=total,
    )
    return session


__all__ = ["activity_create", "activity_update", "session_record"]
