"""The project's API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every answer is JSON in Swedish: 422 with field messages for bad input, 400 for a body that is
not JSON, 401/403/404/409 with a `detail`. An unexpected exception stays what it is — a bug,
logged as a 500 like any other view's — but the client gets JSON, not the HTML error page."""

import json
import logging
from functools import wraps

from django.core import signals
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import Http404, JsonResponse
from django.urls import re_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from trygg.core.errors import RETRY_AFTER_SECONDS, database_unavailable
from trygg.reports.api import OrganisationKey
from trygg.reports.api import router as reports_router
from trygg.reports.idempotency import UuidConflict


class BodyNotJson(ValueError):
    """The request body is not a JSON object (ninja would wrap this in an English 400)."""


class _JsonBody(Parser):
    def parse_body(self, request):
        try:
            data = json.loads(request.body)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are
            raise BodyNotJson("Ogiltig JSON; skicka ett JSON-objekt.") from exc
        # Every body of this API is an object; a list or a bare value would otherwise read
        # as an object with every field missing.
        if not isinstance(data, dict):
            raise BodyNotJson("Ange ett JSON-objekt.")
        return data


api = NinjaAPI(
    title="Trygg API",
    version="1.0.0",
    description=(
        "Rapportera och läs rapporter i kommunens inrapporteringssystem. Autentisera med "
        "organisationens API-nyckel i huvudet X-API-Key. Skapa-anrop bär klientens UUID: "
        "ett upprepat anrop ger samma rapport och skapar ingen ny."
    ),
    auth=OrganisationKey(),
    urls_namespace="api",
    parser=_JsonBody(),
)
api.add_router("/", reports_router)

_MESSAGES = {
    "missing": "Fältet krävs.",
    "uuid_parsing": "Ogiltigt UUID.",
    "uuid_type": "Ogiltigt UUID.",
    "datetime_parsing": "Ogiltig tidpunkt; använd ISO 8601, t.ex. 2026-11-25T14:30:00+01:00.",
    "datetime_from_date_parsing": "Ogiltig tidpunkt; använd ISO 8601.",
    "datetime_type": "Ogiltig tidpunkt.",
    "float_parsing": "Ange ett tal.",
    "float_type": "Ange ett tal.",
    "int_parsing": "Ange ett heltal.",
    "int_type": "Ange ett heltal.",
    "decimal_parsing": "Ange ett tal.",
    "greater_than_equal": "Värdet får inte vara mindre än {ge}.",
    "less_than_equal": "Värdet får inte vara större än {le}.",
    "string_too_long": "Texten är för lång (högst {max_length} tecken).",
    "string_too_short": "Fältet får inte vara tomt.",
    "literal_error": "Ogiltigt värde; tillåtna: {expected}.",
    "bool_parsing": "Ange true eller false.",
    "json_invalid": "Ogiltig JSON.",
    "decimal_max_places": "Högst två decimaler.",
    "decimal_max_digits": "Talet är för stort.",
    "decimal_whole_digits": "Talet är för stort.",
    "finite_number": "Ange ett tal (inte NaN eller oändligt).",
    "string_type": "Ange en text.",
    "model_type": "Ange ett JSON-objekt.",
    "model_attributes_type": "Ange ett JSON-objekt.",
    "dict_type": "Ange ett JSON-objekt.",
    "list_type": "Ange en lista.",
    "extra_forbidden": "Okänt fält.",
}


def _swedish(error: dict) -> dict:
    template = _MESSAGES.get(error.get("type", ""))
    message = error.get("msg", "Ogiltigt värde.")
    if template:
        try:
            message = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            message = template
    return {"loc": list(error.get("loc", [])), "msg": message, "type": error.get("type", "")}


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    return api.create_response(request, {"detail": [_swedish(e) for e in exc.errors]}, status=422)


@api.exception_handler(ValidationError)
def _domain_validation_error(request, exc):
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", "payload", field], "msg": msg, "type": "value_error"}
            for field, msgs in exc.message_dict.items()
            for msg in msgs
        ]
    else:
        detail = [{"loc": ["body"], "msg": msg, "type": "value_error"} for msg in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Ingen behörighet."}, status=403)


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return api.create_response(
        request, {"detail": "Saknar eller ogiltig API-nyckel (huvudet X-API-Key)."}, status=401
    )


@api.exception_handler(UuidConflict)
def _uuid_conflict(request, exc):
    # A reused client UUID that is not an identical retry from this organisation.
    return api.create_response(request, {"detail": exc.message}, status=409)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Finns inte."}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if isinstance(exc.__cause__, BodyNotJson):
        detail = [{"loc": ["body"], "msg": str(exc.__cause__), "type": "json"}]
        return api.create_response(request, {"detail": detail}, status=400)
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(SuspiciousOperation)
def _suspicious(request, exc):
    # As Django answers these outside the API: a 400, logged under django.security.
    logging.getLogger(f"django.security.{exc.__class__.__name__}").error(
        "%s", exc.__class__.__name__
    )
    return api.create_response(request, {"detail": "Felaktig begäran."}, status=400)


@api.exception_handler(Exception)
def _server_error(request, exc):
    # Still a 5xx and still logged with its traceback, as Django does for a view; the signal
    # lets the test client re-raise it. Only the body changes: JSON, and nothing from inside.
    # A database that is away is a 503 with Retry-After, as on every other page.
    signals.got_request_exception.send(sender=None, request=request)
    logging.getLogger("django.request").error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    if database_unavailable(exc):
        response = api.create_response(
            request,
            {"detail": "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund."},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return api.create_response(
        request, {"detail": "Ett tekniskt fel uppstod. Försök igen om en stund."}, status=500
    )


def _json_405(view):
    """ninja answers a method a path does not have with a plain-text 405; clients get JSON."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        allowed = response["Allow"]
        answer = JsonResponse({"detail": f"Metoden stöds inte; tillåtna: {allowed}."}, status=405)
        answer["Allow"] = allowed
        return answer

    return wrapped


def _not_found(request, rest):
    return JsonResponse({"detail": "Finns inte."}, status=404)


def api_urls():
    """The API's URLs for the root URLconf: every answer under /api/ is JSON, an unknown
    path and a wrong method too."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_405(pattern.callback)
    return [*patterns, re_path(r"^(?P<rest>.*)$", _not_found)], app_name, namespace
