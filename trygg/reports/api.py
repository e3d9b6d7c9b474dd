"""The reports API for organisations' own systems (django-ninja, OpenAPI at /api/docs).

An API key acts as its organisation: a police key reads like the polis role, every other
key like a rapportör of that organisation. Creating carries the client's UUID, so a retried
request returns the same report and creates nothing new."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

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


class ReportIn(Schema):
    uuid: UUID = Field(description="Klientens UUID; samma UUID igen ger samma rapport.")
    category: str = Field(description="Kategorins kod, t.ex. klotter.", min_length=1)
    kind: Kind = "handelse"
    occurred_at: datetime
    occurred_until: datetime | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    place_name: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)
    cost_sek: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    police_report_number: str = Field("", max_length=40)
    people_count: int | None = Field(None, ge=0)
    youth_involved: bool | None = None
    sensitivity: SensitivityLevel | None = None
    external_id: str = Field("", max_length=100)


class ReportPatch(Schema):
    kind: Kind | None = None
    occurred_at: datetime | None = None
    occurred_until: datetime | None = None
    place_name: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=5000)
    cost_sek: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    police_report_number: str | None = Field(None, max_length=40)
    people_count: int | None = Field(None, ge=0)
    youth_involved: bool | None = None
    status: Status | None = None


class ReportOut(Schema):
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
            areas=area_names if area_names is not None else [a.name for a in report.areas.all()],
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
    occurred_from: Annotated[datetime | None, FilterLookup("occurred_at__gte")] = None
    occurred_to: Annotated[datetime | None, FilterLookup("occurred_at__lt")] = None
    updated_since: Annotated[datetime | None, FilterLookup("updated_at__gte")] = None
    category: str | None = None
    status: Annotated[Status | None, FilterLookup("status")] = None

    def filter_category(self, value):
        return Q(category__code=value) | Q(category__parent__code=value) if value else Q()


class ErrorOut(Schema):
    detail: list[dict] | str


def _viewer(request) -> Viewer:
    return request.auth


def _report_or_404(viewer: Viewer, uuid: UUID) -> Report:
    report = (
        selectors.visible_reports(viewer)
        .filter(uuid=uuid)
        .select_related("category", "organisation", "assigned_organisation")
        .prefetch_related("areas")
        .first()
    )
    if report is None:
        raise HttpError(404, "Rapporten finns inte.")
    return report


@router.post(
    "/reports",
    response={200: ReportOut, 201: ReportOut, 409: ErrorOut, 422: ErrorOut},
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


@router.get("/reports", response={200: ReportPage, 422: ErrorOut}, summary="Lista rapporter")
def list_reports(
    request,
    filters: Query[ReportFilters],
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        qs = filters.filter(selectors.visible_reports(viewer))
        count = qs.count()
        qs = qs.select_related("category", "organisation", "assigned_organisation")
        page = qs.prefetch_related("areas").order_by("-occurred_at", "-pk")[offset : offset + limit]
        items = [ReportOut.from_report(r, viewer) for r in page]
    return ReportPage(count=count, limit=limit, offset=offset, items=items)


@router.get("/reports/{uuid}", response={200: ReportOut, 404: ErrorOut}, summary="Läs en rapport")
def get_report(request, uuid: UUID):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        return ReportOut.from_report(_report_or_404(viewer, uuid), viewer)


@router.patch(
    "/reports/{uuid}",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Ändra en rapport",
)
def update_report(request, uuid: UUID, payload: ReportPatch):
    viewer = _viewer(request)
    with scope(municipality=viewer.municipality):
        report = _report_or_404(viewer, uuid)
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
