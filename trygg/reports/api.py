"""The reports API for organisations' own systems (django-ninja, OpenAPI at /api/docs).

An API key acts as its organisation: a police key reads like the polis role, every other
key like a rapportör of that organisation. Creating carries the client's UUID, so a retried
request returns the same report and creates nothing new."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError
from ninja.security import APIKeyHeader
from pydantic import AfterValidator, BaseModel, StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from trygg.core import bounds
from trygg.core.models import Organisation, Role
from trygg.core.viewer import Viewer
from trygg.geo.selectors import area_index

from . import selectors, services
from .models import ApiKey, Category, Report

router = Router(tags=["Rapporter"])
LAST_USED_PRECISION = timedelta(minutes=5)


class OrganisationKey(APIKeyHeader):
    """`X-API-Key: trygg_…` — the organisation's key from Trygg's API-nycklar page."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None):
        if not key:
            return None
        # The key names its tenant; no scope exists before it is known.
        with scopes_disabled():
            # Every API call pays for this lookup: only the columns used, no ORDER BY.
            api_key = next(
                iter(
                    ApiKey.objects.filter(key_hash=services.hash_key(key), revoked_at__isnull=True)
                    .select_related("organisation", "municipality")
                    .only(
                        "last_used_at",
                        "organisation__kind",
                        "organisation__active",
                        "organisation__name",
                        "municipality__name",
                        "municipality__slug",
                        "municipality__kommunkod",
                    )[:1]
                ),
                None,
            )
            if api_key is None or not api_key.organisation.active:
                return None
            now = timezone.now()
            # A write per request would serialise intake on SQLite; minutes are precise enough.
            if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_PRECISION:
                ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        role = (
            Role.POLIS if api_key.organisation.kind == Organisation.Kind.POLIS else Role.RAPPORTOR
        )
        return Viewer(
            municipality=api_key.municipality,
            roles=frozenset({role}),
            organisation_ids=frozenset({api_key.organisation_id}),
            api_key_id=api_key.pk,
            organisation=api_key.organisation,
        )


Kind = Literal["handelse", "otrygghet", "observation"]
Status = Literal["ny", "bedomd", "atgardas", "avslutad", "avvisad"]
SensitivityLevel = Literal["oppen", "intern", "begransad"]
# Paging past this is better done with updated_since; it also keeps offset + limit in 64 bits.
MAX_OFFSET = 10_000_000
MAX_PEOPLE = 100_000


def _bounded_time(value: datetime) -> datetime:
    # Checked before any conversion: year 1 at +05:00 overflows when moved to UTC.
    if not bounds.datetime_in_range(value):
        raise PydanticCustomError("datetime_range", bounds.DATETIME_MESSAGE)
    # Without an offset the time is Swedish local time, as on the report form.
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _no_nul(value: str) -> str:
    if bounds.has_nul(value):
        raise PydanticCustomError("string_nul", bounds.NUL_MESSAGE)
    return value


Time = Annotated[datetime, AfterValidator(_bounded_time)]


def Text(max_length: int):
    """Free text. Control characters, NUL among them, are stripped by the services."""
    return Annotated[str, StringConstraints(max_length=max_length)]


def Code(max_length: int, min_length: int = 0):
    """A code or an id, looked up before any service runs: a NUL in it is refused here, as
    PostgreSQL would refuse it with a 500. (Other control characters only fail to match.)"""
    constraints = StringConstraints(min_length=min_length or None, max_length=max_length)
    return Annotated[str, constraints, AfterValidator(_no_nul)]


class ReportIn(Schema):
    uuid: UUID = Field(description="Klientens UUID; samma UUID igen ger samma rapport.")
    category: Code(50, min_length=1) = Field(description="Kategorins kod, t.ex. klotter.")
    kind: Kind = "handelse"
    occurred_at: Time
    occurred_until: Time | None = None
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    place_name: Text(200) = ""
    description: Text(5000) = ""
    cost_sek: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    police_report_number: Text(40) = ""
    people_count: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    youth_involved: bool | None = None
    sensitivity: SensitivityLevel | None = None
    external_id: Code(100) = Field(
        "",
        description="Radens id i ert system; ett annat UUID med samma external_id ger 409.",
    )


class ReportPatch(Schema):
    """Only the fields sent are changed. null empties a text or a number; kind, occurred_at
    and status always have a value, so null there is a 422."""

    kind: Kind | SkipJsonSchema[None] = None
    occurred_at: Time | SkipJsonSchema[None] = None
    occurred_until: Time | None = None
    place_name: Text(200) | None = None
    description: Text(5000) | None = None
    cost_sek: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    police_report_number: Text(40) | None = None
    people_count: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    youth_involved: bool | None = None
    status: Status | SkipJsonSchema[None] = None

    # Validators run only for fields the client sent: an absent field keeps its value.
    @field_validator("kind", "occurred_at", "status")
    @classmethod
    def _required_when_sent(cls, value):
        if value is None:
            raise PydanticCustomError("not_nullable", "Fältet kan inte tömmas.")
        return value

    @field_validator("place_name", "description", "police_report_number")
    @classmethod
    def _null_empties(cls, value):
        # As in JSON Merge Patch; the columns store an empty text, never NULL.
        return "" if value is None else value


class ReportOut(BaseModel):
    # A plain pydantic model, not a ninja Schema: that one reads its input through a Django
    # attribute wrapper, which cost half of a 1,000-report page. It is built from keywords.
    id: int
    uuid: UUID
    category: str
    category_name: str
    kind: str
    status: str
    occurred_at: datetime
    occurred_until: datetime | None
    reported_at: datetime
    lat: float | None
    lon: float | None
    precision: str
    place_name: str
    areas: list[str]
    description: str
    cost_sek: Decimal | None
    police_report_number: str
    people_count: int | None
    youth_involved: bool | None
    sensitivity: str
    organisation: str | None
    assigned_organisation: str | None
    updated_at: datetime

    @staticmethod
    def from_report(report: Report, viewer: Viewer, area_names=None) -> "ReportOut":
        return ReportOut(
            id=report.pk,
            uuid=report.uuid,
            category=report.category.code,
            category_name=report.category.name,
            kind=report.kind,
            status=report.status,
            occurred_at=report.occurred_at,
            occurred_until=report.occurred_until,
            reported_at=report.reported_at,
            lat=report.lat,
            lon=report.lon,
            precision=report.precision,
            place_name=report.place_name
            if viewer.may("reports.view_original")
            else report.place_name_redacted,
            areas=area_names if area_names is not None else report.area_names,
            description=report.description
            if viewer.may("reports.view_original")
            else report.description_redacted,
            cost_sek=report.cost_sek,
            police_report_number=report.police_report_number,
            people_count=report.people_count,
            youth_involved=report.youth_involved,
            sensitivity=report.sensitivity,
            organisation=report.organisation.name if report.organisation_id else None,
            assigned_organisation=report.assigned_organisation.name
            if report.assigned_organisation_id
            else None,
            updated_at=report.updated_at,
        )


class ReportFilters(FilterSchema):
    occurred_from: Annotated[Time | None, FilterLookup("occurred_at__gte")] = None
    occurred_to: Annotated[Time | None, FilterLookup("occurred_at__lt")] = None
    updated_since: Annotated[Time | None, FilterLookup("updated_at__gte")] = None
    category: Code(100) | None = None
    status: Annotated[Status | None, FilterLookup("status")] = None

    def filter_category(self, value):
        return Q(category__code=value) | Q(category__parent__code=value) if value else Q()


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(Schema):
    detail: list[FieldError] | str


# What each operation can answer besides success, so clients (and the schemathesis run in
# the tests) know every status that comes back. 400 is a body that is not JSON; 503 comes
# with Retry-After while the database is away.
ERRORS = {401: ErrorOut, 422: ErrorOut, 503: ErrorOut}
BODY_ERRORS = {400: ErrorOut, **ERRORS}


def _viewer(request) -> Viewer:
    return request.auth


def _report_or_404(viewer: Viewer, uuid: UUID) -> Report:
    report = selectors.api_report_get(viewer=viewer, uuid=uuid)
    if report is None:
        raise HttpError(404, "Rapporten finns inte.")
    return report


def _external_id_conflict(viewer: Viewer, payload: ReportIn) -> str | None:
    if payload.external_id and selectors.api_external_id_taken(
        viewer=viewer, external_id=payload.external_id, uuid=payload.uuid
    ):
        return (
            f"En rapport med samma external_id finns redan ({payload.external_id}). "
            "Ändra den med PATCH i stället."
        )
    return None


@router.post(
    "/reports",
    response={200: ReportOut, 201: ReportOut, 403: ErrorOut, 409: ErrorOut, **BODY_ERRORS},
    summary="Skapa en rapport (idempotent på uuid)",
    description=(
        "Samma uuid med exakt samma uppgifter från samma organisation ger 200 och rapporten "
        "som redan sparats. Samma uuid med andra uppgifter, eller ett uuid som kommunen redan "
        "fått från en annan kanal, ger 409."
    ),
)
def create_report(request, payload: ReportIn):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        category = Category.objects.filter(
            municipality=viewer.municipality, code=payload.category, active=True
        ).first()
        if category is None:
            raise ValidationError({"category": [f"Okänd kategori: {payload.category}."]})
        conflict = _external_id_conflict(viewer, payload)
        if conflict:
            raise HttpError(409, conflict)
        try:
            report, created = services.report_create(
                viewer=viewer,
                data=services.ReportInput(
                    category=category,
                    kind=payload.kind,
                    occurred_at=payload.occurred_at,
                    occurred_until=payload.occurred_until,
                    lat=payload.lat,
                    lon=payload.lon,
                    place_name=payload.place_name,
                    description=payload.description,
                    cost_sek=payload.cost_sek,
                    police_report_number=payload.police_report_number,
                    people_count=payload.people_count,
                    youth_involved=payload.youth_involved,
                    sensitivity=payload.sensitivity,
                    organisation=viewer.organisation,
                    uuid=payload.uuid,
                    source=Report.Source.API,
                    external_id=payload.external_id,
                ),
            )
        except IntegrityError:
            # Two creates with one external id racing past the check above. A reused UUID is
            # the service's UuidConflict; any other constraint is a bug and stays a 500.
            conflict = _external_id_conflict(viewer, payload)
            if conflict is None:
                raise
            raise HttpError(409, conflict) from None
        if not created:
            report = _report_or_404(viewer, report.uuid)
            return HttpStatus(200, ReportOut.from_report(report, viewer))
        names = area_index(viewer.municipality).names_for(report.area_ids)
        return HttpStatus(201, ReportOut.from_report(report, viewer, area_names=names))


class ReportPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReportOut]


@router.get("/reports", response={200: ReportPage, **ERRORS}, summary="Lista rapporter")
def list_reports(
    request,
    filters: Query[ReportFilters],
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        qs = filters.filter(selectors.visible_reports(viewer))
        count = qs.count()
        page = selectors.api_report_page(reports=qs, offset=offset, limit=limit)
        items = [ReportOut.from_report(r, viewer) for r in page]
    return ReportPage(count=count, limit=limit, offset=offset, items=items)


@router.get(
    "/reports/{uuid}", response={200: ReportOut, 404: ErrorOut, **ERRORS}, summary="Läs en rapport"
)
def get_report(request, uuid: UUID):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        return ReportOut.from_report(_report_or_404(viewer, uuid), viewer)


@router.patch(
    "/reports/{uuid}",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, **BODY_ERRORS},
    summary="Ändra en rapport",
)
def update_report(request, uuid: UUID, payload: ReportPatch):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        # The whole row for the services (the lean read is for answers only).
        report = selectors.report_by_uuid(viewer=viewer, uuid=uuid)
        if report is None:
            raise HttpError(404, "Rapporten finns inte.")
        changes = payload.dict(exclude_unset=True)
        status = changes.pop("status", None)
        try:
            if changes:
                services.report_update(viewer=viewer, report=report, changes=changes)
            if status:
                services.report_set_status(viewer=viewer, report=report, status=status)
        except PermissionDenied as exc:
            raise HttpError(403, str(exc) or "Ingen behörighet.") from None
        return ReportOut.from_report(_report_or_404(viewer, uuid), viewer)
