"""Server error pages: 503 with Retry-After while the database is away, 500 otherwise.

Django calls the 500 handler from inside its `except` block, so the exception is still at
hand. A database error is answered as 503 only when the database really is unavailable (a
fresh connection fails, or SQLite reports a full disk or a lock that did not clear): an
OperationalError can also be a programming error ("no such column"), and that stays a 500.
Both are logged by Django as before. The pages need no database and no context processor,
since they are exactly what is shown when those fail. The API and Open311 get JSON.
"""

import json
import sys
import xml.etree.ElementTree as ET

from django.db import DatabaseError, InterfaceError, InternalError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30

# The databases' own words for "the database is there but cannot take a write right now".
# A database that answers but refuses writes (a read-only file system, a replica after a
# failover) is unavailable too.
_UNAVAILABLE = (
    "database or disk is full",
    "disk i/o error",
    "database is locked",
    "readonly database",
    "read-only transaction",
)


def database_unavailable(error: BaseException | None) -> bool:
    """True when `error` comes from a database that is down, full or locked, not from a bug."""
    if not isinstance(error, (OperationalError, InterfaceError, InternalError)):
        return False
    if any(text in str(error).lower() for text in _UNAVAILABLE):
        return True
    if isinstance(error, InternalError):
        return False
    # A connection of its own: the request's connection may be broken or inside a
    # transaction that the failed statement spoilt.
    probe = connections.create_connection("default")
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return True
    finally:
        probe.close()
        # A broken request connection must not be reused by the next request.
        connections["default"].close_if_unusable_or_obsolete()
    return False


def _open311_error(path: str, status: int, message: str) -> HttpResponse:
    """GeoReport v2's error list, in the format the path asked for."""
    if path.endswith(".xml"):
        errors = ET.Element("errors")
        error = ET.SubElement(errors, "error")
        ET.SubElement(error, "code").text = str(status)
        ET.SubElement(error, "description").text = message
        body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(errors, encoding="utf-8")
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    body = json.dumps([{"code": status, "description": message}], ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json")


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    if database_unavailable(error):
        status, template_name = 503, "503.html"
        message = "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund."
    else:
        status = 500
        message = "Ett tekniskt fel uppstod. Försök igen om en stund."
    if request.path.startswith("/open311/"):
        response = _open311_error(request.path, status, message)
    elif request.path.startswith("/api/"):
        body = json.dumps({"detail": message}, ensure_ascii=False)
        response = HttpResponse(body, status=status, content_type="application/json")
    else:
        response = HttpResponse(loader.get_template(template_name).render(), status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
