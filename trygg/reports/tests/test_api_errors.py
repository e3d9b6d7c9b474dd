"""The API answers JSON whatever happens: its document declares every error status it can
give, and an unexpected exception is a logged 500 with a JSON body that tells nothing."""

import json
import logging

import pytest
from django.core.signals import got_request_exception
from django.test import Client, RequestFactory, override_settings

from trygg.api import api

# (method, path) → the statuses the document must declare.
DECLARED = [
    ("post", "/api/reports", {"200", "201", "400", "401", "403", "409", "422", "503"}),
    ("get", "/api/reports", {"200", "401", "422", "503"}),
    ("get", "/api/reports/{uuid}", {"200", "401", "404", "422", "503"}),
    ("patch", "/api/reports/{uuid}", {"200", "400", "401", "403", "404", "422", "503"}),
]


@pytest.mark.parametrize(("method", "path", "statuses"), DECLARED)
def test_openapi_document_declares_each_status_the_operation_gives(method, path, statuses):
    spec = Client().get("/api/openapi.json").json()
    assert set(spec["paths"][path][method]["responses"]) == statuses


@override_settings(DEBUG=False)
def test_unexpected_error_in_the_api_is_a_logged_json_500_without_its_text(caplog):
    request = RequestFactory().get("/api/reports")
    signalled = []

    def receiver(**kwargs):
        signalled.append(kwargs["request"])

    got_request_exception.connect(receiver)
    try:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            response = api.on_exception(request, RuntimeError("hemlig text ur en rapport"))
    finally:
        got_request_exception.disconnect(receiver)
    assert (response.status_code, response["Content-Type"]) == (
        500,
        "application/json; charset=utf-8",
    )
    assert json.loads(response.content) == {
        "detail": "Ett tekniskt fel uppstod. Försök igen om en stund."
    }
    assert [r.getMessage() for r in caplog.records] == ["Internal Server Error: /api/reports"]
    # With its traceback (the log filter formats it, without report text, into exc_text).
    assert "RuntimeError" in caplog.records[0].exc_text
    assert signalled == [request]


@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        ("get", "/api/reports", 401, "Saknar eller ogiltig API-nyckel (huvudet X-API-Key)."),
        ("get", "/api/finns-inte", 404, "Finns inte."),
        ("get", "/api/reports/inte-ett-uuid/mer", 404, "Finns inte."),
        ("delete", "/api/reports", 405, "Metoden stöds inte; tillåtna: "),
        ("put", "/api/reports/9c1e4b6e-8a0c-4a34-9a57-1d1f0e6b5c11", 405, "Metoden stöds inte"),
    ],
)
def test_api_answers_json_outside_its_operations_too(db, method, path, status, detail):
    response = getattr(Client(), method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith(detail)
