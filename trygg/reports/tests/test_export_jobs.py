"""Large exports as background jobs: past the direct limit the list's export is ordered, made
by the task worker with progress, and downloaded by its requester only, as the same file the
direct download gives for the same filters (q and originals per role included); audited,
and its file purged with the municipality's retention of job files."""

import csv
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from tests.helpers import body_of, make_member, make_report
from trygg.core.jobs import jobs_sweep
from trygg.core.models import AuditEvent, Membership, Role
from trygg.reports import exports
from trygg.reports.models import ExportJob


def _content(body: bytes, fmt: str):
    """CSV as its bytes; XLSX as its cells (the zip carries the time it was written)."""
    if fmt == "csv":
        return body
    sheet = load_workbook(BytesIO(body)).worksheets[0]
    return [list(row) for row in sheet.values]


def _reports(koping):
    for text in ("Glas krossat, ring 070-123 45 67", "Glas på perrongen", "Glas vid skolan"):
        make_report(
            koping,
            description=text,
            description_redacted=text.replace("070-123 45 67", "[telefonnummer borttaget]"),
            place_name="Storgatan 3, Anna Andersson",
            place_name_redacted="Storgatan 3, [namn borttaget]",
        )
    make_report(koping, description_redacted="Klotter på väggen")


def _order(client, fmt, query="q=glas"):
    return client.post(reverse("reports:export_job_start"), {"fmt": fmt, "query": query})


def _job() -> ExportJob:
    with scopes_disabled():
        return ExportJob.objects.get()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", [Role.SAMORDNARE, Role.ANALYTIKER])
def test_an_export_made_as_a_job_is_the_direct_downloads_file_for_the_same_filters(
    client, users, koping, monkeypatch, django_capture_on_commit_callbacks, fmt, role
):
    _reports(koping)
    client.force_login(users[role])
    direct = client.get(reverse("reports:export", args=[fmt]), {"q": "glas"})
    assert direct.status_code == 200
    monkeypatch.setattr(exports, "DIRECT_LIMIT", 2)
    offer = client.get(reverse("reports:export", args=[fmt]), {"q": "glas"})
    assert "Urvalet har 3 rapporter" in offer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _order(client, fmt)
    job = _job()
    assert response["Location"] == reverse("reports:export_job", args=[job.pk])
    assert (job.status, job.total, job.processed) == ("klar", 3, 3)
    download = client.get(reverse("reports:export_job_download", args=[job.pk]))
    assert download.status_code == 200
    assert _content(body_of(download), fmt) == _content(body_of(direct), fmt)
    with scopes_disabled():
        events = list(AuditEvent.objects.filter(event__startswith="reports.export").order_by("at"))
    assert [(e.event, e.data.get("rows")) for e in events] == [
        ("reports.exported", 3),
        ("reports.export_ordered", None),
        ("reports.exported", 3),
    ]


def test_a_direct_export_past_the_limit_offers_a_job_instead_of_a_file(
    client, users, koping, monkeypatch
):
    _reports(koping)
    monkeypatch.setattr(exports, "DIRECT_LIMIT", 3)
    client.force_login(users[Role.ANALYTIKER])
    assert client.get(reverse("reports:export", args=["csv"]), {"q": "glas"})[
        "Content-Type"
    ].startswith("text/csv")
    offer = client.get(reverse("reports:export", args=["csv"]))
    assert offer["Content-Type"].startswith("text/html")
    assert "Urvalet har 4 rapporter" in offer.content.decode()
    with scopes_disabled():
        assert not AuditEvent.objects.filter(event="reports.exported", data__rows=4).exists()


def test_the_job_saves_its_progress_while_it_writes(
    client, users, koping, monkeypatch, django_capture_on_commit_callbacks
):
    _reports(koping)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    client.force_login(users[Role.ANALYTIKER])
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        _order(client, "csv", query="")
    table = ExportJob._meta.db_table
    saves = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith(f'UPDATE "{table}"') and '"processed"' in q["sql"]
    ]
    # After each of the 4 rows while writing (each a heartbeat), then the finished job.
    assert len(saves) == 5
    status = client.get(reverse("reports:export_job_status", args=[_job().pk])).json()
    assert (status["state"], status["total"], status["processed"]) == ("klar", 4, 4)


def test_a_second_submit_while_it_runs_gives_the_same_job(client, users, koping):
    _reports(koping)
    client.force_login(users[Role.ANALYTIKER])
    first = _order(client, "xlsx")["Location"]
    assert _order(client, "xlsx")["Location"] == first
    assert _order(client, "csv")["Location"] != first
    with scopes_disabled():
        assert ExportJob.objects.count() == 2


def test_only_the_requester_downloads_the_export(
    client, users, koping, koping_org, django_capture_on_commit_callbacks
):
    _reports(koping)
    client.force_login(users[Role.ANALYTIKER])
    with django_capture_on_commit_callbacks(execute=True):
        _order(client, "csv")
    job = _job()
    colleague = make_member("analytiker2", koping_org, Role.ANALYTIKER)
    client.force_login(colleague)
    for name in ("reports:export_job", "reports:export_job_status", "reports:export_job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_an_export_whose_requesters_roles_changed_is_refused_and_its_file_deleted(
    client, users, koping, django_capture_on_commit_callbacks
):
    _reports(koping)
    user = users[Role.SAMORDNARE]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        _order(client, "csv")
    job = _job()
    name = job.file.name
    assert job.file.storage.exists(name)
    with scopes_disabled():
        Membership.objects.filter(user=user).update(role=Role.ANALYTIKER)
    response = client.get(reverse("reports:export_job_download", args=[job.pk]), follow=True)
    assert "Din behörighet har ändrats sedan exporten beställdes" in response.content.decode()
    job = _job()
    assert (job.status, job.file.name) == ("misslyckad", "")
    assert not job.file.storage.exists(name)


def test_the_worker_refuses_an_order_whose_requester_lost_the_export_right(
    client, users, koping, django_capture_on_commit_callbacks
):
    from trygg.reports.tasks import run_export

    _reports(koping)
    user = users[Role.ANALYTIKER]
    client.force_login(user)
    _order(client, "csv")  # queued, not run
    with scopes_disabled():
        Membership.objects.filter(user=user).update(role=Role.POLIS)
    run_export.call(_job().pk)
    job = _job()
    assert (job.status, job.file.name) == ("misslyckad", "")
    assert job.message.startswith("Din behörighet har ändrats")


def test_the_export_file_goes_after_the_municipality_keeps_job_files(
    client, users, koping, django_capture_on_commit_callbacks
):
    _reports(koping)
    koping.job_file_keep_days = 3
    koping.save()
    client.force_login(users[Role.ANALYTIKER])
    with django_capture_on_commit_callbacks(execute=True):
        _order(client, "xlsx")
    job = _job()
    name = job.file.name
    with scopes_disabled():
        assert jobs_sweep(ExportJob, now=timezone.now() + timedelta(days=2))["files"] == 0
        assert jobs_sweep(ExportJob, now=timezone.now() + timedelta(days=4))["files"] == 1
    assert not job.file.storage.exists(name)
    assert _job().file.name == ""
    response = client.get(reverse("reports:export_job_download", args=[job.pk]), follow=True)
    assert "Filen är borttagen enligt gallringsreglerna" in response.content.decode()


def test_an_order_with_a_filter_that_cannot_be_used_is_refused(client, users, koping):
    client.force_login(users[Role.ANALYTIKER])
    response = _order(client, "csv", query="fran=2026-13-01")
    assert response.status_code == 302
    with scopes_disabled():
        assert not ExportJob.objects.exists()


def test_the_csv_of_a_job_reads_as_the_lists_rows(
    client, users, koping, django_capture_on_commit_callbacks
):
    _reports(koping)
    client.force_login(users[Role.ANALYTIKER])
    with django_capture_on_commit_callbacks(execute=True):
        _order(client, "csv")
    body = body_of(client.get(reverse("reports:export_job_download", args=[_job().pk])))
    rows = list(csv.reader(StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == exports.HEADERS
    assert sorted(r[exports.HEADERS.index("beskrivning")] for r in rows[1:]) == [
        "Glas krossat, ring [telefonnummer borttaget]",
        "Glas på perrongen",
        "Glas vid skolan",
    ]
