"""One status answer for every kind of background job (core/job_status.py), read by one
polling script: an import's and a lägesbild document's status JSON, running, done and lost."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.jobs import LOST, JobStatus
from trygg.core.models import Role
from trygg.lagesbild.models import DocumentJob
from trygg.reports.models import ImportJob

HOUR_AGO = timedelta(hours=1)
SHARED = {"state", "status", "label", "text", "message", "total", "processed", "percent"}


def _import(koping, **fields):
    now = timezone.now()
    values = {"status": JobStatus.KOR, "queued_at": now, "started_at": now, "heartbeat_at": now}
    with scopes_disabled():
        return ImportJob.objects.create(
            municipality=koping, kind="polisen", filename="e.json", **{**values, **fields}
        )


def _document(koping, user, **fields):
    with scopes_disabled():
        return DocumentJob.objects.create(
            municipality=koping,
            created_by=user,
            fmt="pdf",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            queued_at=timezone.now(),
            **fields,
        )


def _status(client, name, job):
    response = client.get(reverse(name, args=[job.pk]))
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"total": 10, "processed": 4, "created_count": 3, "error_count": 1},
            {"state": "pagar", "status": "kor", "text": "Pågår – 4 av 10 (40 %)", "message": ""},
        ),
        (
            {"status": JobStatus.KLAR, "total": 10, "processed": 10, "created_count": 9},
            {"state": "klar", "status": "klar", "text": "Klar – 10 av 10 (100 %)", "message": ""},
        ),
        (
            {"status": JobStatus.MISSLYCKAD, "message": "Filen är inte en lista."},
            {
                "state": "fel",
                "status": "misslyckad",
                "text": "Misslyckades",
                "message": "Filen är inte en lista.",
            },
        ),
        (
            {"heartbeat_at": timezone.now() - HOUR_AGO, "total": 10, "processed": 4},
            {
                "state": "fel",
                "status": "misslyckad",
                "text": "Misslyckades – 4 av 10 (40 %)",
                "message": LOST,
            },
        ),
    ],
    ids=["running", "done", "failed", "lost"],
)
def test_an_imports_status_json(client, users, koping, fields, expected):
    job = _import(koping, **fields)
    client.force_login(users[Role.ANALYTIKER])
    data = _status(client, "reports:import_status", job)
    assert set(data) == SHARED | {"result_url", "created", "updated", "skipped", "errors"}
    assert {key: data[key] for key in expected} == expected
    assert data["result_url"] == reverse("reports:import_detail", args=[job.pk])
    assert (data["created"], data["errors"]) == (job.created_count, job.error_count)
    with scopes_disabled():
        assert ImportJob.objects.get(pk=job.pk).status == expected["status"]


WAITING = (
    "Väntar på sin tur – du kan lämna sidan och komma tillbaka; dokumentet finns kvar i en vecka."
)


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({}, {"state": "pagar", "status": "vantar", "text": WAITING, "message": ""}),
        (
            {"status": JobStatus.KLAR, "filename": "lagesbild.pdf"},
            {"state": "klar", "text": "Dokumentet är klart.", "filename": "lagesbild.pdf"},
        ),
        (
            {"status": JobStatus.MISSLYCKAD},
            {
                "state": "fel",
                "text": "Dokumentet blev inte klart.",
                "message": "Beställ det igen; det tas fram på nytt.",
            },
        ),
        (
            {"status": JobStatus.KOR, "heartbeat_at": timezone.now() - HOUR_AGO},
            {"state": "fel", "status": "misslyckad", "message": LOST},
        ),
    ],
    ids=["queued", "done", "failed", "lost"],
)
def test_a_documents_status_json(client, users, koping, fields, expected):
    user = users[Role.SAMORDNARE]
    job = _document(koping, user, **fields)
    client.force_login(user)
    data = _status(client, "lagesbild:document_job_status", job)
    assert set(data) == SHARED | {"result_url", "filename"}
    assert {key: data[key] for key in expected} == expected
    assert data["result_url"] == reverse("lagesbild:document_job_download", args=[job.pk])


def test_both_job_pages_are_followed_by_the_same_script_and_work_without_it(client, users, koping):
    user = users[Role.SAMORDNARE]
    client.force_login(user)
    pages = {
        "import": client.get(reverse("reports:import_detail", args=[_import(koping).pk])),
        "document": client.get(
            reverse("lagesbild:document_job", args=[_document(koping, user).pk])
        ),
    }
    for page in pages.values():
        html = page.content.decode()
        assert html.count("/static/trygg/job-status.js") == 1
        assert 'data-job-state="pagar"' in html
        # Without JavaScript the page says how to see the progress (it never reloads itself).
        assert re.search(r'<noscript>\s*<p><a href="">Uppdatera sidan</a>', html)
        assert 'http-equiv="refresh"' not in html


def test_polling_a_running_job_writes_nothing(client, users, koping):
    """Pages ask every three seconds: the stale check must not cost a write each time."""
    job = _import(koping, total=10, processed=3)
    client.force_login(users[Role.ANALYTIKER])
    with CaptureQueriesContext(connection) as queries:
        assert _status(client, "reports:import_status", job)["state"] == "pagar"
    verbs = {q["sql"].split(None, 1)[0].upper() for q in queries.captured_queries}
    assert verbs == {"SELECT"}
