"""Writes for reports. Every service checks the viewer's permission, validates with Swedish
messages, writes the report's history in the same transaction, and leaves nothing half-stored."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scope

from trygg.core.audit import audit_log
from trygg.core.models import AuditEvent, Municipality, Organisation
from trygg.core.text import clean, clean_fields
from trygg.core.viewer import Viewer
from trygg.geo.geojson import SWEDEN_BOUNDS
from trygg.geo.h3cells import cells_for_point
from trygg.geo.selectors import area_index

from . import idempotency, images, privacy
from .categories import SEED
from .models import ApiKey, Category, Photo, Report, ReportEvent

# Phones' clocks drift: a report a few minutes "in the future" is not an error.
CLOCK_SKEW = timedelta(minutes=10)
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

STATUS_FLOW: dict[str, frozenset[str]] = {
    Report.Status.NY: frozenset(
        {
            Report.Status.BEDOMD,
            Report.Status.ATGARDAS,
            Report.Status.AVSLUTAD,
            Report.Status.AVVISAD,
        }
    ),
    Report.Status.BEDOMD: frozenset(
        {Report.Status.ATGARDAS, Report.Status.AVSLUTAD, Report.Status.AVVISAD}
    ),
    Report.Status.ATGARDAS: frozenset({Report.Status.AVSLUTAD, Report.Status.BEDOMD}),
    Report.Status.AVSLUTAD: frozenset({Report.Status.ATGARDAS}),
    Report.Status.AVVISAD: frozenset({Report.Status.NY}),
}


def _require(viewer: Viewer, action: str) -> None:
    if not viewer.may(action):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _actor_label(viewer: Viewer) -> str:
    if viewer.user is not None:
        return viewer.user.get_full_name() or viewer.user.get_username()
    if viewer.api_key_id is not None:
        return "API-nyckel"
    return "Medborgare"


def _event(report, viewer: Viewer | None, kind, text="", **data) -> ReportEvent:
    return ReportEvent.objects.create(
        municipality_id=report.municipality_id,
        report=report,
        actor=viewer.user if viewer else None,
        actor_label=_actor_label(viewer) if viewer else "Trygg",
        kind=kind,
        text=text,
        data=data,
    )


# --- Categories ------------------------------------------------------------------------


def categories_seed(*, municipality: Municipality) -> int:
    """Creates the standard taxonomy for a municipality; existing codes are left alone."""
    with scope(municipality=municipality):
        return _categories_seed(municipality)


def _categories_seed(municipality: Municipality) -> int:
    existing = set(
        Category.objects.filter(municipality=municipality).values_list("code", flat=True)
    )
    created = 0
    by_code: dict[str, Category] = {
        c.code: c for c in Category.objects.filter(municipality=municipality)
    }
    for order, seed in enumerate(SEED):
        if seed.code in existing:
            continue
        category = Category.objects.create(
            municipality=municipality,
            code=seed.code,
            name=seed.name,
            parent=by_code.get(seed.parent) if seed.parent else None,
            sensitivity=seed.sensitivity,
            retention_days=seed.retention_days,
            citizen=seed.citizen,
            sort_order=order,
        )
        by_code[seed.code] = category
        created += 1
    return created


@transaction.atomic
def category_update(
    *,
    viewer: Viewer,
    category: Category,
    name: str,
    sensitivity: str,
    retention_days: int,
    citizen: bool,
    active: bool,
) -> Category:
    _require(viewer, "reports.manage_categories")
    category.name = name.strip()
    category.sensitivity = sensitivity
    category.retention_days = retention_days
    category.citizen = citizen
    category.active = active
    category.full_clean()
    category.save(update_fields=["name", "sensitivity", "retention_days", "citizen", "active"])
    audit_log(
        action=AuditEvent.Action.UPDATED,
        actor=viewer.user,
        municipality=viewer.municipality,
        obj=category,
        summary=f"Kategorin {category.name} ändrad",
    )
    return category


@transaction.atomic
def category_create(
    *,
    viewer: Viewer,
    code: str,
    name: str,
    parent: Category | None,
    sensitivity: str,
    retention_days: int,
    citizen: bool,
) -> Category:
    _require(viewer, "reports.manage_categories")
    if parent is not None and parent.parent_id is not None:
        raise ValidationError({"parent": "Kategorier har högst två nivåer."})
    category = Category(
        municipality=viewer.municipality,
        code=code,
        name=name.strip(),
        parent=parent,
        sensitivity=sensitivity,
        retention_days=retention_days,
        citizen=citizen,
        sort_order=1000,
    )
    category.full_clean()
    category.save()
    audit_log(
        action=AuditEvent.Action.CREATED,
        actor=viewer.user,
        municipality=viewer.municipality,
        obj=category,
        summary=f"Kategorin {category.name} skapad",
    )
    return category


# --- Creating reports ------------------------------------------------------------------


@dataclass
class ReportInput:
    """What any entry point (form, API, Open311, import) hands to report_create."""

    category: Category
    occurred_at: datetime
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


def _validate(municipality: Municipality, data: ReportInput, now: datetime) -> dict:
    errors: dict[str, list[str]] = {}

    def add(field_name, message):
        errors.setdefault(field_name, []).append(message)

    if data.category.municipality_id != municipality.pk:
        add("category", "Okänd kategori.")
    elif not data.category.active:
        add("category", "Kategorin används inte längre. Välj en annan.")
    if data.kind not in Report.Kind.values:
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
    if len(data.description) > 5000:
        add("description", "Beskrivningen får vara högst 5000 tecken.")
    # An identifier, shown unredacted: personal data typed here is refused, not hidden.
    if privacy.find_personal_data(data.police_report_number):
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


def _tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def report_create(
    *, viewer: Viewer, data: ReportInput, citizen: bool = False
) -> tuple[Report, bool]:
    """Stores a report with its areas, H3 cells and redacted text. A client UUID repeated by
    an identical retry from the same channel returns the report already stored and creates
    nothing (the bool says whether it was new); any other reuse raises UuidConflict.
    `citizen` is the public path: no login, only categories open to citizens."""
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
    if not errors and data.lat is not None:
        inside = index.inside_municipality(data.lat, data.lon)
        if inside is False:
            if data.allow_outside:
                outside = True
            else:
                errors["lat"] = [
                    f"Platsen ligger utanför {municipality.name}s kommungräns. Rapportera till "
                    "den kommun där det hände."
                ]
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
        precision=data.precision
        if data.lat is not None or data.precision != Report.Precision.PUNKT
        else Report.Precision.ADRESS,
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
        report.intake_digest = idempotency.submission_digest(data, channel=intake_channel)
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
    return report, True


def report_create_with_photo(*, viewer: Viewer, data: ReportInput, photo: bytes | None) -> Report:
    """A report and its photo together: a bad photo stores neither."""
    cleaned = images.clean_photo(photo) if photo else None
    with transaction.atomic():
        report, created = report_create(viewer=viewer, data=data)
        if created and cleaned is not None:
            _photo_store(viewer=viewer, report=report, cleaned=cleaned)
    return report


# --- Working with reports ---------------------------------------------------------------

EDITABLE = (
    "kind",
    "occurred_at",
    "occurred_until",
    "place_name",
    "description",
    "cost_sek",
    "police_report_number",
    "people_count",
    "youth_involved",
    "sensitivity",
)


@transaction.atomic
def report_update(*, viewer: Viewer, report: Report, changes: dict) -> Report:
    """Edits fields of a report; the reporter's organisation or a triager may edit."""
    own = report.organisation_id in viewer.organisation_ids or (
        viewer.user_id is not None and report.reporter_id == viewer.user_id
    )
    if not (viewer.may("reports.triage") or (own and viewer.may("reports.create"))):
        raise PermissionDenied("Du har inte behörighet att ändra rapporten.")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({k: ["Fältet kan inte ändras."] for k in sorted(unknown)})
    changes = {k: clean(v) for k, v in changes.items()}
    probe = ReportInput(
        category=report.category,
        occurred_at=changes.get("occurred_at", report.occurred_at),
        occurred_until=changes.get("occurred_until", report.occurred_until),
        kind=changes.get("kind", report.kind),
        lat=report.lat,
        lon=report.lon,
        precision=report.precision,
        place_name=changes.get("place_name", report.place_name) or "",
        description=changes.get("description", report.description) or "",
        police_report_number=changes.get("police_report_number", report.police_report_number) or "",
        cost_sek=changes.get("cost_sek", report.cost_sek),
        people_count=changes.get("people_count", report.people_count),
    )
    errors = _validate(viewer.municipality, probe, timezone.now())
    if "sensitivity" in changes and changes["sensitivity"] not in dict(
        Report._meta.get_field("sensitivity").choices
    ):
        errors["sensitivity"] = ["Okänd skyddsnivå."]
    errors = {k: v for k, v in errors.items() if k in changes or k == "occurred_until"}
    if errors:
        raise ValidationError(errors)
    before = {}
    for name, value in changes.items():
        old = getattr(report, name)
        if old != value:
            before[name] = [
                str(old) if old is not None else None,
                str(value) if value is not None else None,
            ]
            setattr(report, name, value)
    redacted_fields = []
    if before.keys() & {"description", "place_name"}:
        redacted = privacy.redacted_report_text(
            description=report.description, place_name=report.place_name
        )
        for name, value in redacted.items():
            setattr(report, name, value)
        redacted_fields = list(redacted)
    if before:
        report.save(update_fields=[*before, *redacted_fields, "updated_at"])
        # Originals of redacted text stay out of the history.
        shown = {k: v for k, v in before.items() if k not in ("description", "place_name")}
        _event(report, viewer, ReportEvent.Kind.EDITED, fields=sorted(before), changes=shown)
    return report


@transaction.atomic
def report_set_status(*, viewer: Viewer, report: Report, status: str, comment: str = "") -> Report:
    _require(viewer, "reports.triage")
    comment = clean(comment)
    if status not in Report.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    if status == report.status:
        return report
    if status not in STATUS_FLOW[report.status]:
        raise ValidationError(
            {
                "status": [
                    f"En rapport med status {report.get_status_display().lower()} kan inte bli "
                    f"{Report.Status(status).label.lower()}."
                ]
            }
        )
    old = report.status
    report.status = status
    report.status_changed_at = timezone.now()
    report.status_changed_by = viewer.user
    report.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    _event(report, viewer, ReportEvent.Kind.STATUS, comment.strip(), old=old, new=status)
    return report


@transaction.atomic
def report_assign(*, viewer: Viewer, report: Report, organisation: Organisation | None) -> Report:
    _require(viewer, "reports.assign")
    if organisation is not None and organisation.municipality_id != report.municipality_id:
        raise ValidationError({"organisation": ["Organisationen hör inte till kommunen."]})
    if report.assigned_organisation_id == getattr(organisation, "pk", None):
        return report
    report.assigned_organisation = organisation
    report.save(update_fields=["assigned_organisation", "updated_at"])
    _event(
        report,
        viewer,
        ReportEvent.Kind.ASSIGNED,
        organisation.name if organisation else "",
        organisation_id=getattr(organisation, "pk", None),
    )
    if organisation is not None:
        from .tasks import notify_assignment

        transaction.on_commit(lambda: notify_assignment.enqueue(report_id=report.pk))
    return report


@transaction.atomic
def report_comment(*, viewer: Viewer, report: Report, text: str) -> ReportEvent:
    _require(viewer, "reports.comment")
    text = clean(text).strip()
    if not text:
        raise ValidationError({"text": ["Skriv en kommentar."]})
    if len(text) > 5000:
        raise ValidationError({"text": ["Kommentaren får vara högst 5000 tecken."]})
    return _event(report, viewer, ReportEvent.Kind.COMMENT, text)


@transaction.atomic
def report_mark_duplicate(*, viewer: Viewer, report: Report, original: Report | None) -> Report:
    _require(viewer, "reports.triage")
    if original is not None:
        if original.pk == report.pk:
            raise ValidationError({"original": ["En rapport kan inte vara dubblett av sig själv."]})
        if original.municipality_id != report.municipality_id:
            raise ValidationError({"original": ["Rapporten finns inte."]})
        # Point at the root so chains never form.
        while original.duplicate_of_id is not None:
            original = original.duplicate_of
        if original.pk == report.pk:
            raise ValidationError({"original": ["Det skulle bli en cirkel av dubbletter."]})
    report.duplicate_of = original
    report.save(update_fields=["duplicate_of", "updated_at"])
    _event(
        report,
        viewer,
        ReportEvent.Kind.DUPLICATE,
        f"#{original.pk}" if original else "Inte längre dubblett",
        original_id=getattr(original, "pk", None),
    )
    return report


def report_log_original_read(*, viewer: Viewer, report: Report) -> None:
    """Reading unredacted citizen text is audited (offentlighets- och sekretesslagen)."""
    audit_log(
        action=AuditEvent.Action.VIEWED_ORIGINAL,
        actor=viewer.user,
        municipality=viewer.municipality,
        obj=report,
        summary=f"Läste originaltext i rapport #{report.pk}",
    )


@transaction.atomic
def photo_add(*, viewer: Viewer, report: Report, data: bytes) -> Photo:
    """Stores a cleaned photo; the thumbnail is made by the task worker."""
    return _photo_store(viewer=viewer, report=report, cleaned=images.clean_photo(data))


def _photo_store(*, viewer: Viewer, report: Report, cleaned: bytes) -> Photo:
    width, height = images.dimensions(cleaned)
    photo = Photo(municipality_id=report.municipality_id, report=report, width=width, height=height)
    photo.image.save("photo.jpg", ContentFile(cleaned), save=False)
    photo.save()
    _event(report, viewer, ReportEvent.Kind.PHOTO, photo_id=photo.pk)
    from .tasks import make_thumbnail

    transaction.on_commit(lambda: make_thumbnail.enqueue(photo_id=photo.pk))
    return photo


# --- API keys -------------------------------------------------------------------------


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, viewer: Viewer, organisation: Organisation, name: str) -> tuple[ApiKey, str]:
    """Returns the key and its secret; the secret is shown once and stored only hashed."""
    _require(viewer, "reports.manage_api_keys")
    if organisation.municipality_id != viewer.municipality.pk:
        raise ValidationError({"organisation": ["Organisationen hör inte till kommunen."]})
    if not name.strip():
        raise ValidationError({"name": ["Ge nyckeln ett namn."]})
    prefix = secrets.token_hex(4)
    secret = f"trygg_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        municipality=viewer.municipality,
        organisation=organisation,
        name=name.strip(),
        prefix=prefix,
        key_hash=hash_key(secret),
        created_by=viewer.user,
    )
    audit_log(
        action=AuditEvent.Action.CREATED,
        actor=viewer.user,
        municipality=viewer.municipality,
        obj=key,
        summary=f"API-nyckel {key.name} skapad för {organisation.name}",
    )
    return key, secret


@transaction.atomic
def api_key_revoke(*, viewer: Viewer, key: ApiKey) -> ApiKey:
    _require(viewer, "reports.manage_api_keys")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_log(
            action=AuditEvent.Action.UPDATED,
            actor=viewer.user,
            municipality=viewer.municipality,
            obj=key,
            summary=f"API-nyckel {key.name} återkallad",
        )
    return key


# --- Citizens -------------------------------------------------------------------------


def citizen_viewer(municipality: Municipality) -> Viewer:
    """The anonymous citizen: no roles, so nothing is readable, only the public report path."""
    return Viewer(municipality=municipality, roles=frozenset())


def citizen_report_create(
    *, municipality: Municipality, data: ReportInput, verified: bool
) -> Report:
    """A citizen's report: sensitivity from the category, never less than internal; the
    tracking code is the citizen's only handle on it."""
    data.sensitivity = None
    data.organisation = None
    report, created = report_create(viewer=citizen_viewer(municipality), data=data, citizen=True)
    if created and not verified:
        # Sent without the proof-of-work (no JavaScript): kept, but marked for the triager.
        _event(report, None, ReportEvent.Kind.COMMENT, "Skickad utan webbläsarverifiering.")
    return report


# --- Retention (gallring) ---------------------------------------------------------------


def reports_purge_expired(*, municipality: Municipality, now=None) -> int:
    """Deletes the municipality's reports whose category's retention period has passed,
    with their photos' files; audited with counts only. Returns how many were deleted."""
    now = now or timezone.now()
    ids: list[int] = []
    # One indexed range query per category (municipality, category, occurred_at).
    for category in Category.objects.filter(municipality=municipality):
        cutoff = now - timedelta(days=category.retention_days)
        ids += Report.objects.filter(
            municipality=municipality, category=category, occurred_at__lt=cutoff
        ).values_list("pk", flat=True)
    deleted = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        with transaction.atomic():
            photos = list(Photo.objects.filter(municipality=municipality, report_id__in=chunk))
            Report.objects.filter(municipality=municipality, pk__in=chunk).delete()
            for photo in photos:
                transaction.on_commit(lambda p=photo: _delete_files(p))
            deleted += len(chunk)
    if deleted:
        audit_log(
            action=AuditEvent.Action.DELETED,
            municipality=municipality,
            summary=f"Gallring: {deleted} rapporter äldre än kategorins gallringsfrist",
            data={"deleted": deleted},
        )
    return deleted


def _delete_files(photo: Photo) -> None:
    for f in (photo.image, photo.thumbnail):
        if f:
            f.storage.delete(f.name)
