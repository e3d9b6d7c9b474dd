"""Open311 GeoReport v2 at /open311/v2/, so existing Open311 clients can report.

jurisdiction_id is the kommunkod. Services are the categories open to citizens. A POST needs
no API key; it is a citizen's report under the same rules as the public form
(services/citizen.py: limits, the unverified mark, redaction). The public GET shows only
citizen-submitted requests, their redacted text, and a tracking code as the
service_request_id (never the internal number). JSON and XML, as the specification has it.

Two extensions, both optional, so plain GeoReport v2 clients work unchanged:
- `Idempotency-Key` header on the POST: an identical retry with the same key gets 200 and
  the first request's service_request_id instead of a duplicate; the same key with other
  data is a 409.
- `challenge.json|xml`: a proof-of-work challenge; its solution posted as `altcha` gives the
  verified limit (20 an hour instead of 3) and no unverified mark.
"""

import math
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django_scopes import scope

from trygg.core import bounds, ratelimit
from trygg.core.clientip import client_key
from trygg.core.models import Municipality
from trygg.core.text import strip_control_characters

from . import idempotency, services, tracking
from .models import Category, Report

OPEN_STATUSES = {Report.Status.NY, Report.Status.BEDOMD, Report.Status.ATGARDAS}
# GeoReport v2 has no retry key; this header (the IETF httpapi draft's) is Trygg's extension.
IDEMPOTENCY_HEADER = "Idempotency-Key"
FORMATS = ("json", "xml")
# As many as one answer holds (the list is cut at 1,000 too).
MAX_IDS = 1000


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code = code
        self.description = description


def _respond(data, fmt: str, *, root: str, item: str, status: int = 200):
    if fmt == "json":
        return JsonResponse(
            data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
        )
    if isinstance(data, list):
        element = ET.Element(root)
        for entry in data:
            element.append(_to_xml(item, entry))
    else:
        element = _to_xml(root, data)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(element, encoding="utf-8")
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def _to_xml(tag: str, value) -> ET.Element:
    element = ET.Element(tag)
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, list):
                container = ET.SubElement(element, key)
                singular = {
                    "endpoints": "endpoint",
                    "formats": "format",
                    "attributes": "attribute",
                    "values": "value",
                }.get(key, key.rstrip("s"))
                for entry in child:
                    container.append(_to_xml(singular, entry))
            else:
                element.append(_to_xml(key, child))
    elif value is None:
        pass
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        # XML 1.0 has no way to carry control characters: rows stored before they were
        # stripped on input would make the whole feed unparsable.
        element.text = strip_control_characters(str(value))
    return element


def _error(exc: Open311Error, fmt: str):
    data = [{"code": exc.code, "description": exc.description}]
    return _respond(
        data, fmt if fmt in FORMATS else "json", root="errors", item="error", status=exc.code
    )


def _handles_errors(view, methods=("GET",)):
    """Every answer, an error too, in the format the client asked for: Open311 clients parse
    the error array and nothing else (no HTML 405, no 500 for a bad parameter)."""

    def wrapped(request, *args, fmt="json", **kwargs):
        if fmt not in FORMATS:
            return _error(Open311Error(404, "Okänt format; använd .json eller .xml."), "json")
        try:
            if request.method not in methods:
                response = _error(
                    Open311Error(405, f"Metoden stöds inte; använd {' eller '.join(methods)}."),
                    fmt,
                )
                response["Allow"] = ", ".join(methods)
                return response
            _check_parameters(request)
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return _error(exc, fmt)

    wrapped.__name__ = view.__name__
    return wrapped


def _accepts(*methods):
    return lambda view: _handles_errors(view, methods)


# Looked up before the services run; free text (description, address, names) has its
# control characters stripped by the services instead.
POSTED_CODES = ("jurisdiction_id", "service_code")


def _check_parameters(request) -> None:
    # PostgreSQL refuses NUL in a text parameter; no Open311 code or query value has one.
    values = [*request.GET.lists(), *((k, request.POST.getlist(k)) for k in POSTED_CODES)]
    for key, found in values:
        if bounds.has_nul(key) or any(bounds.has_nul(v) for v in found):
            raise Open311Error(400, f"{key.strip(chr(0))} får inte innehålla NUL-tecken.")


def _jurisdiction(request) -> Municipality:
    params = request.POST if request.method == "POST" else request.GET
    code = params.get("jurisdiction_id")
    if code:
        municipality = Municipality.objects.filter(kommunkod=code).first()
    else:
        municipality = Municipality.objects.filter(slug=settings.DEFAULT_MUNICIPALITY).first()
    if municipality is None:
        raise Open311Error(404, f"Okänt jurisdiction_id: {code}. Ange kommunkoden, t.ex. 1983.")
    return municipality


def _iso(dt):
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt else None


@_accepts("GET")
def discovery(request, fmt):
    base = request.build_absolute_uri(reverse("open311:discovery", args=["json"])).rsplit("/", 1)[0]
    data = {
        "changeset": "2026-11-25T00:00:00+01:00",
        "contact": "Kontakta kommunens säkerhetssamordnare.",
        "key_service": (
            "Ingen API-nyckel behövs för att rapportera; jurisdiction_id är kommunkoden. "
            "Skicka rubriken Idempotency-Key (t.ex. ett UUID) med POST requests, så ger ett "
            "nytt försök med samma uppgifter samma service_request_id i stället för en dubblett."
        ),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base + "/",
                "changeset": "2026-11-25T00:00:00+01:00",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return _respond(data, fmt, root="discovery", item="")


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": f"{category.parent.name}: {category.name}"
        if category.parent_id
        else category.name,
        "metadata": False,
        "type": "realtime",
        "keywords": category.code.replace("_", ","),
        "group": category.parent.name if category.parent_id else category.name,
    }


def _citizen_categories(municipality):
    return (
        Category.objects.filter(municipality=municipality, citizen=True, active=True)
        .select_related("parent")
        .order_by("sort_order")
    )


@_accepts("GET")
def service_list(request, fmt):
    municipality = _jurisdiction(request)
    with scope(municipality=municipality):
        data = [_service(c) for c in _citizen_categories(municipality)]
    return _respond(data, fmt, root="services", item="service")


@_accepts("GET")
def service_definition(request, code, fmt):
    municipality = _jurisdiction(request)
    with scope(municipality=municipality):
        if not _citizen_categories(municipality).filter(code=code).exists():
            raise Open311Error(404, f"Okänd service_code: {code}.")
    data = {"service_code": code, "attributes": []}
    return _respond(data, fmt, root="service_definition", item="")


def _request_data(report: Report) -> dict:
    return {
        "service_request_id": report.tracking_code,
        "status": "open" if report.status in OPEN_STATUSES else "closed",
        # GeoReport v2: "why status was changed to current state". The municipality's latest
        # public reply says that (redacted, as on the tracking page); else the status name.
        "status_notes": getattr(report, "public_reply", None) or report.get_status_display(),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description_redacted,
        "agency_responsible": report.assigned_organisation.name
        if report.assigned_organisation_id
        else "",
        "service_notice": "",
        "requested_datetime": _iso(report.reported_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": None,
        "address": report.place_name_redacted,
        "address_id": "",
        "zipcode": "",
        "lat": report.lat,
        "long": report.lon,
        # GeoReport v2's media_url would be a public address for the photo. A citizen's
        # photo is never public (reports/photo_access.py), so none is given.
        "media_url": "",
    }


def _public_requests(municipality):
    return (
        Report.objects.filter(
            municipality=municipality,
            tracking_code__isnull=False,
            source__in=[Report.Source.MEDBORGARE, Report.Source.OPEN311],
        )
        .select_related("category", "assigned_organisation")
        .annotate(public_reply=tracking.latest_public_reply())
    )


def _parse_date(value, name):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    # The year is checked before any time zone arithmetic, which overflows at year 1 or 9999.
    if parsed is None or not bounds.datetime_in_range(parsed):
        raise Open311Error(
            400,
            f"{name} ska vara en tidpunkt i W3C-format mellan år {bounds.EARLIEST.year} och "
            f"{bounds.LATEST.year}, t.ex. 2026-11-25T12:00:00Z.",
        )
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


@csrf_exempt
@_accepts("GET", "POST")
def request_list(request, fmt):
    municipality = _jurisdiction(request)
    with scope(municipality=municipality):
        if request.method == "POST":
            return _create(request, municipality, fmt)
        qs = _public_requests(municipality)
        ids = request.GET.get("service_request_id")
        if ids:
            codes = [i.strip().upper() for i in ids.split(",") if i.strip()]
            if len(codes) > MAX_IDS:
                raise Open311Error(400, f"Ange högst {MAX_IDS} service_request_id åt gången.")
            qs = qs.filter(tracking_code__in=codes)
        else:
            start = _parse_date(request.GET.get("start_date"), "start_date")
            end = _parse_date(request.GET.get("end_date"), "end_date")
            if start is None and end is None:
                start = timezone.now() - timedelta(days=90)
            if start:
                qs = qs.filter(reported_at__gte=start)
            if end:
                qs = qs.filter(reported_at__lte=end)
            if request.GET.get("service_code"):
                qs = qs.filter(category__code__in=request.GET["service_code"].split(","))
            status = request.GET.get("status")
            if status == "open":
                qs = qs.filter(status__in=OPEN_STATUSES)
            elif status == "closed":
                qs = qs.exclude(status__in=OPEN_STATUSES)
            elif status:
                raise Open311Error(400, "status ska vara open eller closed.")
        data = [_request_data(r) for r in qs.order_by("-reported_at")[:1000]]
    return _respond(data, fmt, root="service_requests", item="request")


@_accepts("GET")
def request_detail(request, request_id, fmt):
    municipality = _jurisdiction(request)
    with scope(municipality=municipality):
        report = _public_requests(municipality).filter(tracking_code=request_id.upper()).first()
        if report is None:
            raise Open311Error(404, f"Okänt service_request_id: {request_id}.")
        data = [_request_data(report)]
    return _respond(data, fmt, root="service_requests", item="request")


def _float(value, name, limit):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    # NaN fails every comparison, so NaN, inf and an overflowed 1e400 are all refused here.
    if not -limit <= number <= limit:
        raise Open311Error(400, f"{name} ska vara ett decimaltal mellan -{limit} och {limit}.")
    return number


def _create(request, municipality, fmt):
    """POST requests: parses Open311's fields and hands them to citizen_report_submit, which
    holds the rules it shares with the public form."""
    p = request.POST
    code = p.get("service_code")
    if not code:
        raise Open311Error(400, "service_code krävs.")
    category = _citizen_categories(municipality).filter(code=code).first()
    if category is None:
        raise Open311Error(404, f"Okänd service_code: {code}.")
    lat, lon = _float(p.get("lat"), "lat", 90), _float(p.get("long"), "long", 180)
    address = (p.get("address_string") or "").strip()
    if (lat is None or lon is None) and not address and not p.get("address_id"):
        raise Open311Error(400, "Ange platsen: lat och long, eller address_string.")
    name = " ".join(x for x in (p.get("first_name", ""), p.get("last_name", "")) if x).strip()
    try:
        receipt = services.citizen_report_submit(
            municipality=municipality,
            channel=Report.Source.OPEN311,
            client=client_key(request),
            proof=p.get("altcha", ""),
            key=request.headers.get(IDEMPOTENCY_HEADER),
            data=services.ReportInput(
                category=category,
                kind=Report.Kind.OBSERVATION,
                # GeoReport v2 has no incident time: the service uses the time of receipt.
                occurred_at=None,
                lat=lat,
                lon=lon,
                place_name=address or p.get("address_id", ""),
                description=p.get("description") or "",
                contact_name=name,
                contact_email=p.get("email") or "",
                contact_phone=p.get("phone", ""),
            ),
        )
    except services.TooManyReports as refused:
        raise Open311Error(429, refused.message) from None
    except idempotency.UuidConflict as conflict:
        message = (
            idempotency.KEY_CHANGED if conflict.same_channel else idempotency.KEY_OTHER_CHANNEL
        )
        raise Open311Error(409, message) from None
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from None
    report = receipt.report
    data = [
        {
            "service_request_id": report.tracking_code,
            "service_notice": f"Tack! Följ ärendet med koden {report.tracking_code}.",
            "account_id": None,
        }
    ]
    # A retry is answered 200 with the first answer's id, as the reports API does.
    status = 201 if receipt.created else 200
    return _respond(data, fmt, root="service_requests", item="request", status=status)


@_accepts("GET")
def challenge(request, fmt):
    """A proof-of-work challenge (ALTCHA), Trygg's extension of GeoReport v2: an app that
    solves it and posts the solution as `altcha` gets the form's verified limit."""
    return _respond(ratelimit.new_challenge(), fmt, root="challenge", item="")
