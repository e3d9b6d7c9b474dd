"""Report intake: ReportInput, its validation and report_create, which every entry point
shares (the citizen channels through services/citizen.py)."""

import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from trygg.core.models import Municipality, Organisation
from trygg.core.text import clean_fields
from trygg.core.viewer import Viewer
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup
from trygg.geo.geojson import SWEDEN_BOUNDS
from trygg.geo.h3cells import cells_for_point
from trygg.geo.selectors import area_index
from trygg.locale_sv import municipality_boundary

from .. import idempotency, images, privacy
from ..models import Category, Report, ReportEvent
from ._common import _event
from .photos import _photo_store

# Phones' clocks drift: a report a few minutes "in the future" is not an error.
CLOCK_SKEW = timedelta(minutes=10)
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DESCRIPTION_MAX = 5000
DESCRIPTION_TOO_LONG = f"Beskrivningen får vara högst {DESCRIPTION_MAX} tecken."
PUNKT, ADRESS = Report.Precision.PUNKT, Report.Precision.ADRESS


@dataclass
class ReportInput:
    """What any entry point (form, API, Open311, import) hands to report_create."""

    category: Category
    # None only where the channel has no incident time (Open311): the citizen service then
    # uses the time of receipt.
    occurred_at: datetime | None
    kind: str = Report.Kind.HANDELSE
    occurred_until: datetime | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = Report.Precision.PUNKT
    place_name: str = ""
    description: str = ""
    cost_sek: Decimal | None = None
    police_report_number: str = ""
    people_count: int | None = None
    youth_involved: bool | None = None
    sensitivity: str | None = None
    organisation: Organisation | None = None
    uuid: object | None = None
    source: str = Report.Source.PERSONAL
    external_id: str = ""
    external_url: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    # Police regional events may lie outside; everyone else must report inside.
    allow_outside: bool = False
    reported_at: datetime | None = None
    extra_errors: dict = field(default_factory=dict)


# Report.Kind.values builds a new list on every call: a fifth of the validation's time in
# a spreadsheet import (measured: 18 µs a row).
_KINDS = frozenset(Report.Kind.values)


def _validate(municipality: Municipality, data: ReportInput, now: datetime) -> dict:
    errors: dict[str, list[str]] = {}

    def add(field_name, message):
        errors.setdefault(field_name, []).append(message)

    if data.category.municipality_id != municipality.pk:
        add("category", "Okänd kategori.")
    elif not data.category.active:
        add("category", "Kategorin används inte längre. Välj en annan.")
    if data.kind not in _KINDS:
        add("kind", "Okänd typ av rapport.")
    if data.occurred_at is None:
        add("occurred_at", "Ange när det hände.")
    elif data.occurred_at > now + CLOCK_SKEW:
        add("occurred_at", "Tidpunkten ligger i framtiden.")
    elif data.occurred_at < now - timedelta(days=365 * 10):
        add("occurred_at", "Tidpunkten ligger mer än tio år bakåt i tiden.")
    if data.occurred_until is not None and data.occurred_at is not None:
        if data.occurred_until < data.occurred_at:
            add("occurred_until", "Sluttiden ligger före starttiden.")
        elif data.occurred_until > now + CLOCK_SKEW:
            add("occurred_until", "Sluttiden ligger i framtiden.")
    if (data.lat is None) != (data.lon is None):
        add("lat", "Ange både latitud och longitud, eller ingen av dem.")
    if data.lat is not None and data.lon is not None:
        min_lon, min_lat, max_lon, max_lat = SWEDEN_BOUNDS
        if not (min_lat <= data.lat <= max_lat and min_lon <= data.lon <= max_lon):
            add("lat", "Platsen ligger utanför Sverige. Kontrollera latitud och longitud.")
    if (
        data.lat is None
        and not data.place_name.strip()
        and data.precision != Report.Precision.KOMMUN
    ):
        add(
            "place_name",
            "Ange var det hände: en plats på kartan, din position eller ett platsnamn.",
        )
    if data.cost_sek is not None and data.cost_sek < 0:
        add("cost_sek", "Kostnaden kan inte vara negativ.")
    if data.cost_sek is not None and data.cost_sek > Decimal("1000000000"):
        add("cost_sek", "Kostnaden är orimligt stor.")
    if data.people_count is not None and data.people_count < 0:
        add("people_count", "Antalet kan inte vara negativt.")
    if len(data.description) > DESCRIPTION_MAX:
        add("description", DESCRIPTION_TOO_LONG)
    # An identifier, shown unredacted: personal data typed here is refused, not hidden.
    if data.police_report_number and privacy.find_personal_data(data.police_report_number):
        add(
            "police_report_number",
            "Diarienumret ser ut att innehålla personuppgifter. Ange bara polisens "
            "diarienummer, t.ex. 5000-K123456-24.",
        )
    if data.organisation is not None and data.organisation.municipality_id != municipality.pk:
        add("organisation", "Organisationen hör inte till kommunen.")
    for key, messages in data.extra_errors.items():
        for message in messages:
            add(key, message)
    return errors


def outside_message(municipality: Municipality) -> str:
    """The refusal of a place outside the municipality; the staff form's offline check shows
    the same words before the server sees the report."""
    boundary = municipality_boundary(municipality.official_name)
    return f"Platsen ligger utanför {boundary}. Rapportera till den kommun där det hände."


def _tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def report_create(
    *, viewer: Viewer, data: ReportInput, citizen: bool = False, digest: str | None = None
) -> tuple[Report, bool]:
    """Stores a report with its areas, H3 cells and redacted text. A client UUID repeated by
    an identical retry from the same channel returns the report already stored and creates
    nothing (the bool says whether it was new); any other reuse raises UuidConflict.
    `citizen` is the public path: no login, only categories open to citizens. `digest` is
    the caller's digest of the submission where a field is the server's, not the client's
    (Open311 sends no incident time, so the time of receipt cannot be part of a retry)."""
    # Every entry point comes through here, so this is where control characters go.
    data = clean_fields(data)
    if citizen:
        if not data.category.citizen:
            raise ValidationError({"category": ["Den kategorin kan inte rapporteras här."]})
        if data.source not in (Report.Source.MEDBORGARE, Report.Source.OPEN311):
            raise PermissionDenied("Fel källa för en medborgarrapport.")
    elif not viewer.may("reports.create"):
        raise PermissionDenied("Du har inte behörighet att rapportera.")
    municipality = viewer.municipality
    now = timezone.now()
    errors = _validate(municipality, data, now)
    index = area_index(municipality)
    area_ids: list[int] = []
    outside = False
    precision = data.precision
    place = None
    # The retry key is the submission as sent, not where the gazetteer put it today.
    submitted = data
    if not errors and data.lat is None and precision in (PUNKT, ADRESS) and data.place_name:
        # Typed text only: the gazetteer gives an address its point, a named place its areas
        # (no invented point); anything else keeps its text, placed nowhere (issue 15).
        place = place_lookup(municipality=municipality, text=data.place_name)
        if place.status == PlaceStatus.ADRESS:
            data = replace(data, lat=place.lat, lon=place.lon)
            precision = ADRESS
        elif place.status == PlaceStatus.OMRADE:
            area_ids = list(place.area_ids)
            precision = Report.Precision.OMRADE
    if not errors and data.lat is not None:
        inside = index.inside_municipality(data.lat, data.lon)
        if inside is False:
            if data.allow_outside:
                outside = True
            else:
                errors["lat"] = [outside_message(municipality)]
        area_ids = index.area_ids_at(data.lat, data.lon)
    if errors:
        raise ValidationError(errors)

    place_name = data.place_name.strip()[:200]
    description = data.description.strip()
    redacted = privacy.redacted_report_text(description=description, place_name=place_name)
    cells = cells_for_point(data.lat, data.lon) if data.lat is not None else {}
    report = Report(
        municipality=municipality,
        kind=data.kind,
        category=data.category,
        occurred_at=data.occurred_at,
        occurred_until=data.occurred_until,
        reported_at=data.reported_at or now,
        lat=data.lat,
        lon=data.lon,
        precision=precision if data.lat is not None or precision != PUNKT else ADRESS,
        place_name=place_name,
        h3_r7=cells.get(7),
        h3_r8=cells.get(8),
        h3_r9=cells.get(9),
        outside_municipality=outside,
        description=description,
        **redacted,
        source=data.source,
        organisation=data.organisation,
        reporter=viewer.user,
        contact_name=data.contact_name[:200],
        contact_email=data.contact_email,
        contact_phone=data.contact_phone[:40],
        cost_sek=data.cost_sek,
        police_report_number=data.police_report_number.strip()[:40],
        people_count=data.people_count,
        youth_involved=data.youth_involved,
        sensitivity=data.sensitivity or data.category.sensitivity,
        external_id=data.external_id,
        external_url=data.external_url,
    )
    if data.uuid is not None:
        report.uuid = data.uuid
        intake_channel = idempotency.channel(
            source=data.source,
            organisation_id=data.organisation.pk if data.organisation is not None else None,
            reporter_id=viewer.user_id,
        )
        report.intake_digest = digest or idempotency.submission_digest(
            submitted, channel=intake_channel
        )
    if data.source in (Report.Source.MEDBORGARE, Report.Source.OPEN311):
        report.tracking_code = _tracking_code()
    try:
        with transaction.atomic():
            report.save(force_insert=True)
            if area_ids:
                Report.areas.through.objects.bulk_create(
                    [Report.areas.through(report_id=report.pk, area_id=a) for a in area_ids]
                )
            _event(report, viewer, ReportEvent.Kind.CREATED)
    except IntegrityError:
        # The client's UUID is already stored (a retry, or two identical requests racing):
        # an identical retry from the same channel gets that report, anything else raises
        # UuidConflict. Cheaper than looking first on every create.
        if data.uuid is not None:
            existing = Report.objects.filter(municipality=municipality, uuid=data.uuid).first()
            if existing is not None:
                return idempotency.receipt_or_conflict(
                    existing, channel=intake_channel, digest=report.intake_digest
                ), False
        raise
    report.area_ids = area_ids
    report.place_match = place
    return report, True


def report_create_with_photo(
    *, viewer: Viewer, data: ReportInput, photo: bytes | None
) -> tuple[Report, bool]:
    """A report and its photo together: a bad photo stores neither. The bool says whether
    the report is new (False: an identical retry got the stored one, photo and all)."""
    cleaned = images.clean_photo(photo) if photo else None
    with transaction.atomic():
        report, created = report_create(viewer=viewer, data=data)
        if created and cleaned is not None:
            _photo_store(viewer=viewer, report=report, cleaned=cleaned)
    return report, created
