"""A cap on the request body, before any view (or CSRF, which reads the form) sees it.

Django reads at most Content-Length bytes, so the header decides: a body that declares more
than TRYGG_MAX_REQUEST_MB is answered 413 without reading a byte. A chunked body (no
Content-Length) is read here, up to the cap, into a spooled file, so no view ever holds an
unbounded stream; without a server that marks the stream as terminated Django reads no
body at all, and neither does this."""

import tempfile
import xml.etree.ElementTree as ET

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

MB = 1024 * 1024
CHUNK = 64 * 1024


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_MB * MB
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = False  # Django reads such a body as empty
            if too_big:
                return too_large(request)
        elif _is_chunked(request) and request.META.get("wsgi.input_terminated"):
            if not _spool_body(request, limit):
                return too_large(request)
        return self.get_response(request)


def _is_chunked(request) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def _spool_body(request, limit: int) -> bool:
    """Reads a chunked body into a temporary file; False (and nothing kept) past `limit`."""
    source = request.META["wsgi.input"]
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    size = 0
    while True:
        chunk = source.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            spool.close()
            return False
        spool.write(chunk)
    spool.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    request._stream = LimitedStream(spool, size)
    return True


def too_large(request) -> HttpResponse:
    """413 in the form the client reads: JSON for the API, Open311's error list, else HTML."""
    max_mb = settings.MAX_REQUEST_MB
    message = f"Förfrågan är för stor; högst {max_mb} MB tas emot."
    path = request.path
    if path.startswith("/open311/"):
        if path.endswith(".xml"):
            errors = ET.Element("errors")
            error = ET.SubElement(errors, "error")
            ET.SubElement(error, "code").text = "413"
            ET.SubElement(error, "description").text = message
            body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(errors, "utf-8")
            return HttpResponse(body, status=413, content_type="text/xml; charset=utf-8")
        return JsonResponse(
            [{"code": 413, "description": message}],
            status=413,
            safe=False,
            json_dumps_params={"ensure_ascii": False},
        )
    if path.startswith("/api/"):
        return JsonResponse(
            {"detail": message}, status=413, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(
        render_to_string("413.html", {"max_mb": max_mb}),
        status=413,
        content_type="text/html; charset=utf-8",
    )
