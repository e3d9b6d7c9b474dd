"""Writes for parent support (G7): offers, and the events and lectures in the public
calendar with their participants counted and the survey that evaluates them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer
from trygg.dialog.textscan import scan

from ..audit_events_youth import PARENT_EVENT_CREATED, PARENT_EVENT_UPDATED, PARENT_OFFER_CREATED
from ..models import ParentEvent, ParentOffer, ProgrammeKind

EVENT_FIELDS = (
    "offer",
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "participants",
    "survey",
    "cancelled",
)


def _public_text(obj, fields) -> dict[str, str]:
    errors = {}
    for field in fields:
        found = scan(getattr(obj, field), names=False)
        if not found.clean:
            errors[field] = found.reason()
    return errors


@transaction.atomic
def parent_offer_create(
    *, viewer: Viewer, programme, name: str, evidence: str, organiser, description: str = ""
) -> ParentOffer:
    """Adds an offer under a parent-support programme (programmes.manage_activities)."""
    require(viewer, "programmes.manage_activities")
    own(viewer, programme, organiser)
    offer = ParentOffer(
        municipality=viewer.municipality,
        programme=programme,
        name=name.strip(),
        evidence=evidence,
        organiser=organiser,
        description=description.strip(),
    )
    errors = _public_text(offer, ("description",))
    if programme is not None and programme.kind != ProgrammeKind.FORALDRASTOD:
        errors["programme"] = "Välj ett program för information och föräldrastöd."
    if errors:
        raise ValidationError(errors)
    offer.full_clean()
    offer.save()
    audit(viewer, PARENT_OFFER_CREATED, offer, summary=f"Föräldrastödet {offer.name} tillagt")
    return offer


def _check_event(viewer: Viewer, event: ParentEvent) -> None:
    own(viewer, event.offer, event.survey)
    errors = _public_text(event, ("title", "description", "place"))
    if event.ends_at <= event.starts_at:
        errors["ends_at"] = "Sluttiden måste vara efter starttiden."
    if event.participants is not None and event.participants < 0:
        errors["participants"] = "Antalet kan inte vara negativt."
    if event.participants is not None and event.starts_at > timezone.now():
        errors["participants"] = "Deltagarna räknas när träffen har hållits."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def parent_event_create(*, viewer: Viewer, **values) -> ParentEvent:
    require(viewer, "programmes.manage_activities")
    event = ParentEvent(municipality=viewer.municipality, **_values(values))
    _check_event(viewer, event)
    event.full_clean()
    event.save()
    audit(
        viewer,
        PARENT_EVENT_CREATED,
        event,
        summary=f"Träffen {event.title} tillagd",
        offer=event.offer_id,
    )
    return event


@transaction.atomic
def parent_event_update(*, viewer: Viewer, event: ParentEvent, **values) -> ParentEvent:
    """Changes an event: its time and place, the participants once held, its survey."""
    require(viewer, "programmes.manage_activities")
    own(viewer, event)
    for field, value in _values(values).items():
        setattr(event, field, value)
    _check_event(viewer, event)
    event.full_clean()
    event.save(update_fields=[*EVENT_FIELDS, "updated_at"])
    audit(
        viewer,
        PARENT_EVENT_UPDATED,
        event,
        summary=f"Träffen {event.title} ändrad",
        participants=event.participants,
        survey=event.survey_id,
    )
    return event


def _values(values: dict) -> dict:
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Okända fält: {sorted(unknown)}")
    values = dict(values)
    for field in ("title", "description", "place"):
        values[field] = (values.get(field) or "").strip()
    values.setdefault("cancelled", False)
    return values
