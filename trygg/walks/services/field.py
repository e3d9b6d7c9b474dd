"""Field mode's one write: an observation recorded on a phone, by a participant through the
walk's join link or by staff with walks.record.

The phone's client UUID is the idempotency key (unique per walk): a sync repeated after a
lost reply finds the stored observation and answers with the same receipt. Nothing a phone
recorded is dropped for being late or off the map: after the walk is closed it is accepted
into the review as late, and a point outside the walk's area is kept and flagged. The text
is redacted before it is stored and never logged; photos are re-encoded without EXIF exactly
as report photos are (reports.images)."""

import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.geo.h3cells import cells_for_point
from trygg.geo.selectors import area_index
from trygg.reports import images
from trygg.reports.privacy import redact

from ..audit_events import OBSERVATION_RECEIVED
from ..models import ChecklistItem, Observation, ObservationPhoto, Walk
from ..selectors.field import walk_is_closed

MAX_PHOTOS = 6
MAX_TEXT = 4000
MAX_PLACE = 200
# A phone's clock may be off, and a draft may be days old: a time further ahead than this is
# the phone's error, and the arrival time is kept instead.
CLOCK_SLACK = timedelta(minutes=10)

EMPTY = "Observationen är tom. Välj en punkt i checklistan, skriv något eller ta ett foto."
ITEM_NOT_ON_WALK = "Punkten finns inte i vandringens checklista."
TOO_MANY_PHOTOS = f"Högst {MAX_PHOTOS} foton per observation."
BOTH_COORDINATES = "Ange både latitud och longitud, eller ingen av dem."
BAD_COORDINATES = "Positionen är inte en plats på jorden (latitud −90–90, longitud −180–180)."
TEXT_TOO_LONG = f"Texten får vara högst {MAX_TEXT} tecken."
PLACE_TOO_LONG = f"Platsen får vara högst {MAX_PLACE} tecken."


def _score_message(walk: Walk) -> str:
    return f"Poängen ska vara mellan {walk.template.scale_min} och {walk.template.scale_max}."


def _text(text: str, place_text: str) -> str:
    """The stored text: the place a participant typed (the non-map way to say where) as its
    first line, then what they wrote, both redacted (a resident may write a phone number)."""
    parts = []
    if place_text:
        parts.append(f"Plats: {place_text}")
    if text:
        parts.append(text)
    return redact(strip_control_characters("\n".join(parts))).text


def _check(
    *, walk: Walk, item_id, score, lat, lon, text: str, place_text: str, photos: list
) -> ChecklistItem | None:
    errors: dict[str, list[str]] = {}
    item = None
    if item_id is not None:
        item = ChecklistItem.objects.filter(
            municipality_id=walk.municipality_id, template_id=walk.template_id, pk=item_id
        ).first()
        if item is None:
            errors.setdefault("item", []).append(ITEM_NOT_ON_WALK)
    if score is not None and not (walk.template.scale_min <= score <= walk.template.scale_max):
        errors.setdefault("score", []).append(_score_message(walk))
    if (lat is None) != (lon is None):
        errors.setdefault("lat", []).append(BOTH_COORDINATES)
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors.setdefault("lat", []).append(BAD_COORDINATES)
    if len(text) > MAX_TEXT:
        errors.setdefault("text", []).append(TEXT_TOO_LONG)
    if len(place_text) > MAX_PLACE:
        errors.setdefault("place_text", []).append(PLACE_TOO_LONG)
    if len(photos) > MAX_PHOTOS:
        errors.setdefault("photos", []).append(TOO_MANY_PHOTOS)
    if item_id is None and score is None and not text.strip() and not photos:
        errors.setdefault("__all__", []).append(EMPTY)
    if errors:
        raise ValidationError(errors)
    return item


def _clean_photos(photos: list[bytes]) -> list[bytes]:
    cleaned = []
    for data in photos:
        try:
            cleaned.append(images.clean_photo(data))
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from None
    return cleaned


def _outside(walk: Walk, lat: float, lon: float) -> bool:
    return walk.area_id not in area_index(walk.municipality).area_ids_at(lat, lon)


def observation_record(
    *,
    walk: Walk,
    viewer: Viewer | None,
    via_join_link: bool,
    client_uuid: uuid.UUID,
    recorded_at: datetime | None = None,
    lat: float | None = None,
    lon: float | None = None,
    item_id: int | None = None,
    score: int | None = None,
    text: str = "",
    place_text: str = "",
    photos: list[bytes] = (),
) -> tuple[Observation, bool]:
    """Stores one observation with its photos and returns it with True, or returns the one
    already stored under this client UUID with False (no second row, no second photo).
    `via_join_link`: the caller has checked the walk's link (the token is the key); else the
    viewer must hold walks.record in the walk's municipality."""
    if not via_join_link:
        require(viewer, "walks.record")
        own(viewer, walk)
    existing = Observation.objects.filter(
        municipality_id=walk.municipality_id, walk=walk, client_uuid=client_uuid
    ).first()
    if existing is not None:
        return existing, False
    photos = list(photos)
    text = strip_control_characters(text or "").strip()
    place_text = strip_control_characters(place_text or "").strip()
    item = _check(
        walk=walk,
        item_id=item_id,
        score=score,
        lat=lat,
        lon=lon,
        text=text,
        place_text=place_text,
        photos=photos,
    )
    # Re-encoding costs tens of milliseconds a photo: done before the transaction opens.
    cleaned = _clean_photos(photos)
    now = timezone.now()
    if recorded_at is None or recorded_at > now + CLOCK_SLACK:
        recorded_at = now
    observation = Observation(
        municipality_id=walk.municipality_id,
        walk=walk,
        client_uuid=client_uuid,
        lat=lat,
        lon=lon,
        h3_9=cells_for_point(lat, lon)[9] if lat is not None else None,
        outside_area=_outside(walk, lat, lon) if lat is not None else False,
        item=item,
        score=score,
        text=_text(text, place_text),
        recorded_at=recorded_at,
        recorded_by=viewer.user if viewer is not None and not via_join_link else None,
        via_join_link=via_join_link,
        late=walk_is_closed(walk),
    )
    try:
        with transaction.atomic():
            observation.save()
            for data in cleaned:
                _photo_store(observation, data)
            audit(
                # A participant has no account: the row names the walk's municipality only.
                Viewer(municipality=walk.municipality, roles=frozenset())
                if via_join_link
                else viewer,
                OBSERVATION_RECEIVED,
                observation,
                summary="Observation mottagen",
                walk=walk.pk,
                via_join_link=via_join_link,
                photos=len(cleaned),
                late=observation.late,
                outside_area=observation.outside_area,
            )
    except IntegrityError:
        # The same UUID stored by a concurrent retry in the meantime: that one is the receipt.
        stored = Observation.objects.filter(
            municipality_id=walk.municipality_id, walk=walk, client_uuid=client_uuid
        ).first()
        if stored is None:
            raise
        return stored, False
    return observation, True


def _photo_store(observation: Observation, cleaned: bytes) -> ObservationPhoto:
    width, height = images.dimensions(cleaned)
    photo = ObservationPhoto(
        municipality_id=observation.municipality_id,
        observation=observation,
        width=width,
        height=height,
    )
    photo.image.save("photo.jpg", ContentFile(cleaned), save=False)
    # The review list shows thumbnails: made here (a few ms at 320 px), as a walk's photos
    # are reviewed the same day and need no worker running.
    photo.thumbnail.save("thumb.jpg", ContentFile(images.thumbnail(cleaned)), save=False)
    photo.save()
    return photo
