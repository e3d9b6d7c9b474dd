"""A token written into every citizen field never appears in any log record, tracebacks
included, after forcing the three failures that used to put report text in the log: the
Excel export refusing a cell, an import the database refuses, and a 500.

Every logger logs at DEBUG and SQL is logged too (with its values, as a developer's
DEBUG=True would); the records are read both as pytest captures them and as the configured
console handler writes them. The failures are real: openpyxl's own check, and a database
trigger whose error message quotes the refused row, as PostgreSQL's DETAIL and COPY context
lines do."""

import io
import json
import logging
import re
import uuid

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import category, make_report
from trygg.core.logging import REMOVED
from trygg.core.models import Organisation, Role
from trygg.reports.models import ImportJob, Report

from .entry_points import Text, api_client, csv_import, police_feed

TOKEN = "Zq7Tokenxyz"


@pytest.fixture
def logs(caplog):
    """Every logger at DEBUG; the configured handlers write to a buffer for the test."""
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):
            caplog.set_level(logging.DEBUG, logger=name)
    buffer = io.StringIO()
    swapped = []
    for logger in [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]:
        for handler in logger.handlers:
            # The configured ones: pytest's capturing handlers are stream handlers too.
            if isinstance(handler, logging.StreamHandler) and not type(
                handler
            ).__module__.startswith("_pytest"):
                swapped.append((handler, handler.setStream(buffer)))
    assert swapped, "no configured console handler found"

    class Logs:
        @property
        def records(self):
            return caplog.records  # the current test phase's

        def text(self):
            return caplog.text + buffer.getvalue()

    yield Logs()
    for handler, stream in swapped:
        handler.setStream(stream)


def _assert_no_token(logs):
    for record in logs.records:
        assert TOKEN not in record.getMessage(), record.name
        assert TOKEN not in (record.exc_text or ""), record.name
        assert TOKEN not in repr(vars(record)), record.name
        assert record.exc_info is None, record.name
        assert not isinstance(getattr(record, "request", None), HttpRequest), record.name
    assert TOKEN not in logs.text()


@pytest.fixture
def refusing_database(db):
    """A trigger that refuses any report carrying the token, with the token in its error."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_token() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'vägrad rad: %', NEW.description; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_token BEFORE INSERT ON reports_report FOR EACH ROW "
                f"WHEN (NEW.description LIKE '%%{TOKEN}%%') EXECUTE FUNCTION refuse_token()"
            )
        else:
            # SQLite's RAISE takes only a literal: the literal is the row's text.
            cursor.execute(
                "CREATE TRIGGER refuse_token BEFORE INSERT ON reports_report "
                f"WHEN NEW.description LIKE '%{TOKEN}%' "
                f"BEGIN SELECT RAISE(ABORT, 'vägrad rad: Klotter {TOKEN}'); END"
            )


def _text() -> Text:
    return Text(
        place=f"Torget {TOKEN}",
        description=f"Klotter {TOKEN}",
        contact=f"Eva {TOKEN}",
    )


def _errors(logs, name):
    return [r for r in logs.records if r.name == name and r.levelno >= logging.ERROR]


def test_the_excel_export_refusing_a_cell_logs_no_report_text(
    client, users, koping, logs, monkeypatch
):
    report = make_report(koping, place_name=f"Torget {TOKEN}")
    with scopes_disabled():
        Report.objects.filter(pk=report.pk).update(
            description=f"Klotter {TOKEN}\x01",
            description_redacted=f"Klotter {TOKEN}\x01",
            place_name_redacted=f"Torget {TOKEN}\x02",
            contact_name=f"Eva {TOKEN}",
            contact_phone=f"{TOKEN}\x03",
            police_report_number=f"{TOKEN}\x04",
            external_id=TOKEN,
        )
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("reports:export", args=["xlsx"])
    with CaptureQueriesContext(connection):
        # With the control characters stripped the export works ...
        assert client.get(url).status_code == 200
    # ... so openpyxl's check is widened to the token to force its error, as a control
    # character did before: its message quotes the whole cell.
    import openpyxl.cell.cell

    monkeypatch.setattr(openpyxl.cell.cell, "ILLEGAL_CHARACTERS_RE", re.compile(TOKEN))
    failing = Client(raise_request_exception=False)
    failing.force_login(users[Role.SAMORDNARE])
    with CaptureQueriesContext(connection):
        assert failing.get(url).status_code == 500
    (error,) = _errors(logs, "django.request")
    assert f"IllegalCharacterError: {REMOVED}" in error.exc_text
    _assert_no_token(logs)


def test_a_table_import_the_database_refuses_logs_no_report_text(
    client, users, koping, logs, refusing_database
):
    with CaptureQueriesContext(connection):
        job = csv_import(client, users, _text())
    assert job.status == ImportJob.Status.MISSLYCKAD
    (error,) = _errors(logs, "trygg.reports.imports")
    assert REMOVED in error.exc_text
    _assert_no_token(logs)


def test_a_police_import_the_database_refuses_logs_no_report_text(
    client, users, koping, logs, refusing_database
):
    with CaptureQueriesContext(connection):
        police_feed(client, users, _text())
    with scopes_disabled():
        assert ImportJob.objects.get().status == ImportJob.Status.MISSLYCKAD
    (error,) = _errors(logs, "trygg.reports.imports")
    assert REMOVED in error.exc_text
    _assert_no_token(logs)


def test_a_citizen_report_that_fails_with_a_500_logs_no_report_text(
    koping, logs, refusing_database
):
    text = _text()
    with CaptureQueriesContext(connection):
        response = Client(raise_request_exception=False).post(
            reverse("public:report", args=[koping.slug]),
            {
                "category": category(koping, "klotter").pk,
                "place_name": text.place,
                "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "description": text.description,
                "contact_name": text.contact,
                "contact_email": f"{TOKEN.lower()}@example.se",
                "contact_phone": TOKEN,
            },
        )
    assert response.status_code == 500
    (error,) = _errors(logs, "django.request")
    assert error.request == f"POST {reverse('public:report', args=[koping.slug])}"
    assert REMOVED in error.exc_text
    _assert_no_token(logs)


def test_an_api_report_that_fails_with_a_500_logs_no_report_text(
    users, koping, logs, refusing_database
):
    api = api_client(users, koping, "Väktarbolaget", Organisation.Kind.VAKTARBOLAG)
    api.raise_request_exception = False
    body = {
        "uuid": str(uuid.uuid4()),
        "category": "klotter",
        "occurred_at": timezone.now().isoformat(),
        "place_name": f"Torget {TOKEN}",
        "description": f"Klotter {TOKEN}",
        "police_report_number": TOKEN[:10],
        "external_id": TOKEN,
    }
    with CaptureQueriesContext(connection):
        response = api.post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 500
    assert _errors(logs, "django.request")
    _assert_no_token(logs)
