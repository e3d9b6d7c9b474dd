"""Starting an import is a service: it checks permission, writes the audit row and queues the
task worker only once its transaction commits; a lost or failed import can be started again."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.jobs import LOST, JobStatus
from trygg.core.models import AuditEvent, Role
from trygg.reports import services
from trygg.reports.models import ImportJob, Report

EVENT = {
    "id": 1,
    "datetime": "2026-06-28 13:16:31 +02:00",
    "name": "28 juni 11.49, Skadegörelse, Köping",
    "summary": "Fönster krossat.",
    "url": "/aktuellt/1/",
    "type": "Skadegörelse",
    "location": {"name": "Köping", "gps": "59.511,15.993"},
}
FEED = json.dumps([EVENT]).encode()
CSV = b"id;datum;kategori;plats\nB1;2026-10-01 21:30;klotter;Stora Torget\n"


def _start(viewer, content=FEED, kind="polisen", dry_run=False):
    return services.import_start(
        viewer=viewer, kind=kind, filename="e.json", content=content, dry_run=dry_run
    )


def _events(job):
    with scopes_disabled():
        return sorted(
            AuditEvent.objects.filter(
                object_id=str(job.pk), object_type="reports.importjob"
            ).values_list("event", flat=True)
        )


def test_an_import_is_audited_and_queued_only_after_its_transaction_commits(
    users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping):
        with django_capture_on_commit_callbacks() as queued:
            job = _start(viewer)
            # Within the transaction: stored and audited, but no worker has been told.
            assert _events(job) == ["reports.import_started", "reports.import_uploaded"]
            job.refresh_from_db()
            assert (job.status, job.started_at) == (JobStatus.VANTAR, None)
            assert job.queued_at is not None
        assert len(queued) == 1 and not Report.objects.exists()
        queued[0]()  # the commit: the task runs (at once, in tests)
        job.refresh_from_db()
        assert job.status == JobStatus.KLAR and job.created_count == 1
        assert Report.objects.count() == 1
    with scopes_disabled():
        started = AuditEvent.objects.get(event="reports.import_started")
    assert started.summary == "Import startad" and started.data == {"dry_run": False}
    assert started.actor == users[Role.ANALYTIKER]


def test_an_import_whose_transaction_rolls_back_queues_nothing(
    users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping), django_capture_on_commit_callbacks() as queued:
        with pytest.raises(RuntimeError), transaction.atomic():
            _start(viewer)
            raise RuntimeError("something after the start failed")
    assert queued == []
    with scopes_disabled():
        assert not ImportJob.objects.exists()
        assert not AuditEvent.objects.filter(event__startswith="reports.import").exists()


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.ADMINISTRATOR, False),
        (Role.SAMORDNARE, True),
        (Role.ANALYTIKER, True),
        (Role.RAPPORTOR, False),
        (Role.POLIS, False),
        (Role.RADSLEDAMOT, False),
    ],
)
def test_only_roles_that_may_import_can_start_one(
    role, allowed, users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[role], koping)
    with scope(municipality=koping), django_capture_on_commit_callbacks() as queued:
        if allowed:
            _start(viewer)
        else:
            with pytest.raises(PermissionDenied):
                _start(viewer)
    assert len(queued) == (1 if allowed else 0)
    with scopes_disabled():
        assert ImportJob.objects.count() == (1 if allowed else 0)


def test_a_table_waits_for_its_mapping_and_starts_when_it_is_confirmed(
    users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        with django_capture_on_commit_callbacks() as queued:
            job = services.import_start(
                viewer=viewer, kind="tabell", filename="r.csv", content=CSV, dry_run=False
            )
        assert queued == [] and job.awaiting_mapping
        assert _events(job) == ["reports.import_uploaded"]
        with pytest.raises(ValidationError) as refused:
            services.import_mapping_set(
                viewer=viewer, job=job, mapping={"external_id": "id"}, headers=["id"], dry_run=False
            )
        assert refused.value.messages[0].startswith("Välj kolumn för: ")
        mapping = {
            "external_id": "id",
            "occurred_at": "datum",
            "category": "kategori",
            "place_name": "plats",
        }
        with django_capture_on_commit_callbacks(execute=True) as queued:
            services.import_mapping_set(
                viewer=viewer,
                job=job,
                mapping=mapping,
                headers=list(mapping.values()),
                dry_run=False,
            )
        assert len(queued) == 1
        job.refresh_from_db()
        assert job.status == JobStatus.KLAR and Report.objects.get().external_id == "B1"
    assert _events(job) == ["reports.import_started", "reports.import_uploaded"]


def test_an_unreadable_table_is_refused_and_nothing_is_stored(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as refused:
        services.import_start(
            viewer=viewer, kind="tabell", filename="r.xlsx", content=b"PK\x03\x04x", dry_run=True
        )
    assert list(refused.value.message_dict) == ["file"]
    with scopes_disabled():
        assert not ImportJob.objects.exists() and not AuditEvent.objects.exists()


def _lost_import(users, koping, django_capture_on_commit_callbacks):
    """An import whose worker died: running, its last beat an hour ago."""
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping), django_capture_on_commit_callbacks():
        job = _start(viewer)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.KOR, started_at=an_hour_ago, heartbeat_at=an_hour_ago
        )
    job.refresh_from_db()
    return viewer, job


def test_an_import_whose_worker_died_is_failed_and_can_be_started_again(
    client, users, koping, django_capture_on_commit_callbacks
):
    _viewer, job = _lost_import(users, koping, django_capture_on_commit_callbacks)
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("reports:import_detail", args=[job.pk])).content.decode()
    assert "Misslyckades: arbetet avbröts. Du kan starta det igen." in page
    assert "Starta importen igen" in page and "job-status.js" not in page
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.MISSLYCKAD, LOST)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(
            reverse("reports:import_detail", args=[job.pk]), {"action": "restart"}
        )
    assert len(queued) == 1
    with scopes_disabled():
        again = ImportJob.objects.exclude(pk=job.pk).get()
        started = AuditEvent.objects.get(event="reports.import_started", object_id=again.pk)
    assert response["Location"] == reverse("reports:import_detail", args=[again.pk])
    assert again.file.name == job.file.name and again.status == JobStatus.KLAR
    assert started.data == {"dry_run": False, "again_of": job.pk}
    with scopes_disabled():
        assert Report.objects.count() == 1


def test_restarting_a_lost_import_through_the_service_marks_it_failed_first(
    users, koping, django_capture_on_commit_callbacks
):
    viewer, job = _lost_import(users, koping, django_capture_on_commit_callbacks)
    with scope(municipality=koping), django_capture_on_commit_callbacks():
        again = services.import_restart(viewer=viewer, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.MISSLYCKAD and again.pk != job.pk
    assert again.queued_at is not None


@pytest.mark.parametrize(
    "status, message, refusal",
    [
        (JobStatus.KLAR, "", "Bara en import som misslyckades kan startas igen."),
        (JobStatus.KOR, "", "Bara en import som misslyckades kan startas igen."),
        (
            JobStatus.MISSLYCKAD,
            "Filen är inte en lista.",
            "Filen går inte att importera; rätta den och ladda upp den igen.",
        ),
    ],
)
def test_an_import_that_did_not_fail_by_accident_is_not_started_again(
    status, message, refusal, users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping), django_capture_on_commit_callbacks():
        job = _start(viewer)
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(
            status=status, message=message, heartbeat_at=timezone.now()
        )
    job.refresh_from_db()
    with scope(municipality=koping), pytest.raises(ValidationError) as refused:
        services.import_restart(viewer=viewer, job=job)
    assert refused.value.messages == [refusal]


def test_a_dry_run_whose_upload_was_deleted_says_so_instead_of_running(
    client, users, koping, django_capture_on_commit_callbacks
):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping), django_capture_on_commit_callbacks(execute=True):
        job = _start(viewer, dry_run=True)
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(file="")
    client.force_login(users[Role.ANALYTIKER])
    url = reverse("reports:import_detail", args=[job.pk])
    page = client.get(url).content.decode()
    assert "Kör importen på riktigt" not in page
    assert "Den uppladdade filen är borttagen enligt gallringsreglerna." in page
    response = client.post(url, {"action": "run"}, follow=True)
    assert services.import_jobs.FILE_GONE in response.content.decode()
    with scopes_disabled():
        assert ImportJob.objects.count() == 1
