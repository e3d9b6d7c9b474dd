"""The project's API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.
Errors are JSON in Swedish: 422 with field messages for bad input, never a 500."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from trygg.reports.api import OrganisationKey
from trygg.reports.api import router as reports_router
from trygg.reports.idempotency import UuidConflict

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
