"""The one background-job base (trygg/core/jobs.py), for both kinds that use it: imports and
lägesbild documents. A job is claimed by one worker only, a job whose worker died is marked
failed and can be started again, and old jobs' files are deleted while recent ones stay."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError, connection
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core import jobs
from trygg.core.jobs import ABANDONED, LOST, JobStatus, job_claim, job_fail_if_stale, jobs_sweep
from trygg.core.models import Role
from trygg.lagesbild.models import DocumentJob
from trygg.reports.models import ImportJob

NOW = timezone.now()
KINDS = ["import", "document"]


def make_job(which, municipality, user, **fields):
    """A job of either kind ("import" or "document"), queued unless the fields say otherwise."""
    fields.setdefault("queued_at", timezone.now())
    with scopes_disabled():
        if which == "import":
            fields.setdefault("kind", "polisen")
            return ImportJob.objects.create(municipality=municipality, filename="e.json", **fields)
        return DocumentJob.objects.create(
            municipality=municipality,
            created_by=user,
            fmt="pdf",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            **fields,
        )


def _fresh(job):
    with scopes_disabled():
        return type(job).objects.get(pk=job.pk)


def _with_file(job, name="fil.bin"):
    job.file.save(name, ContentFile(b"uppladdat"), save=False)
    with scopes_disabled():
        job.save(update_fields=["file"])
    return job.file.storage, job.file.name


# --- The claim ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_claimed_job_is_running_and_a_second_claim_gets_nothing(kind, koping, users):
    job = make_job(kind, koping, users[Role.SAMORDNARE])
    first = job_claim(type(job), job.pk)
    assert first is not None and first.municipality == koping
    assert job_claim(type(job), job.pk) is None
    claimed = _fresh(job)
    assert claimed.status == JobStatus.KOR
    assert claimed.started_at == claimed.heartbeat_at is not None


@pytest.mark.parametrize(
    "status", [JobStatus.KOR, JobStatus.KLAR, JobStatus.MISSLYCKAD], ids=lambda s: s.value
)
@pytest.mark.parametrize("kind", KINDS)
def test_a_job_that_is_not_queued_cannot_be_claimed(kind, status, koping, users):
    job = make_job(kind, koping, users[Role.SAMORDNARE], status=status)
    assert job_claim(type(job), job.pk) is None
    assert _fresh(job).status == status


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", KINDS)
def test_two_workers_claiming_at_the_same_moment_get_the_job_once(kind, koping, users):
    """Real concurrency: two threads, each with its own database connection, released at
    once by a barrier; repeated so an unlucky interleaving has many chances to show."""
    model = ImportJob if kind == "import" else DocumentJob
    jobs = [make_job(kind, koping, users[Role.SAMORDNARE]) for _ in range(10)]
    wins = []
    lock = threading.Lock()

    def claim(pk):
        # The SQLite test database lives in memory with a shared cache, where a writer that
        # meets another's lock fails at once instead of waiting as busy_timeout makes it wait
        # on the file database the app uses: wait here the same way.
        for _ in range(200):
            try:
                return job_claim(model, pk)
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                time.sleep(0.005)
        raise AssertionError("the database stayed locked")

    def worker(barrier, pk):
        try:
            barrier.wait()
            got = claim(pk)
            with lock:
                wins.append(got is not None)
        finally:
            connection.close()

    for job in jobs:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=worker, args=(barrier, job.pk)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(wins) == [False] * 10 + [True] * 10
    with scopes_disabled():
        assert set(model.objects.values_list("status", flat=True)) == {JobStatus.KOR}


# --- Stale detection ------------------------------------------------------------------------

MIN = timedelta(minutes=1)


@pytest.mark.parametrize(
    "status, queued, started, beat, stale",
    [
        # A worker that beats is alive, however long the job has run.
        (JobStatus.KOR, 300 * MIN, 300 * MIN, 1 * MIN, False),
        (JobStatus.KOR, 20 * MIN, 20 * MIN, 14 * MIN, False),
        # A quarter of an hour without a beat: the worker is gone.
        (JobStatus.KOR, 20 * MIN, 20 * MIN, 16 * MIN, True),
        # Never beat (claimed before the base): its start counts.
        (JobStatus.KOR, 20 * MIN, 16 * MIN, None, True),
        (JobStatus.KOR, 20 * MIN, 10 * MIN, None, False),
        # Queued behind other work for hours is not lost; for more than a day it is.
        (JobStatus.VANTAR, 300 * MIN, None, None, False),
        (JobStatus.VANTAR, 25 * 60 * MIN, None, None, True),
        # Waiting for its owner (an import's column mapping) is never lost.
        (JobStatus.VANTAR, None, None, None, False),
        # Finished jobs are never stale.
        (JobStatus.KLAR, 25 * 60 * MIN, 25 * 60 * MIN, 25 * 60 * MIN, False),
        (JobStatus.MISSLYCKAD, 25 * 60 * MIN, 25 * 60 * MIN, 25 * 60 * MIN, False),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_a_job_is_stale_when_its_worker_stopped_beating_or_its_task_was_lost(
    kind, status, queued, started, beat, stale, koping, users
):
    now = timezone.now()
    job = make_job(
        kind,
        koping,
        users[Role.SAMORDNARE],
        status=status,
        queued_at=now - queued if queued else None,
        started_at=now - started if started else None,
        heartbeat_at=now - beat if beat else None,
    )
    assert job.stale is stale
    assert job_fail_if_stale(job) is stale
    fresh = _fresh(job)
    assert fresh.status == (JobStatus.MISSLYCKAD if stale else status)
    assert (fresh.message == LOST) is stale
    with scopes_disabled():
        # The sweep finds the same jobs (already marked here, so nothing is left).
        assert jobs_sweep(type(job))["failed"] == 0


@pytest.mark.parametrize("kind", KINDS)
def test_the_daily_sweep_marks_every_lost_job_failed(kind, koping, users):
    long_ago = timezone.now() - timedelta(hours=1)
    lost = make_job(
        kind, koping, users[Role.SAMORDNARE], status=JobStatus.KOR, heartbeat_at=long_ago
    )
    alive = make_job(kind, koping, users[Role.SAMORDNARE], status=JobStatus.KOR)
    alive_beat = timezone.now()
    with scopes_disabled():
        type(alive).objects.filter(pk=alive.pk).update(heartbeat_at=alive_beat)
        assert jobs_sweep(type(lost))["failed"] == 1
    assert (_fresh(lost).status, _fresh(lost).message) == (JobStatus.MISSLYCKAD, LOST)
    assert _fresh(alive).status == JobStatus.KOR


def test_a_worker_that_was_thought_lost_cannot_claim_the_job_afterwards(koping, users):
    job = make_job("import", koping, users[Role.SAMORDNARE], queued_at=NOW - timedelta(days=2))
    assert job_fail_if_stale(job)
    assert job_claim(ImportJob, job.pk) is None


# --- File retention -------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [500, 2], ids=["one batch", "batches of two"])
def test_the_sweep_deletes_the_files_of_old_imports_and_keeps_recent_ones(
    batch, koping, users, monkeypatch
):
    monkeypatch.setattr(jobs, "SWEEP_BATCH", batch)
    now = timezone.now()
    user = users[Role.SAMORDNARE]
    cases = {
        # (status, dry run, finished this long ago): file kept?
        "real import, done an hour ago": (JobStatus.KLAR, False, timedelta(hours=1), False),
        "dry run, done yesterday": (JobStatus.KLAR, True, timedelta(days=1), True),
        "dry run, done 8 days ago": (JobStatus.KLAR, True, timedelta(days=8), False),
        "failed yesterday": (JobStatus.MISSLYCKAD, False, timedelta(days=1), True),
        "failed 8 days ago": (JobStatus.MISSLYCKAD, False, timedelta(days=8), False),
        "running": (JobStatus.KOR, False, None, True),
    }
    waiting = {
        # Uploaded and never started (its column mapping never chosen): created this long ago.
        "left without mapping yesterday": (timedelta(days=1), True),
        "left without mapping 8 days ago": (timedelta(days=8), False),
    }
    files = {}
    for name, (status, dry_run, ago, _kept) in cases.items():
        job = make_job(
            "import",
            koping,
            user,
            status=status,
            dry_run=dry_run,
            heartbeat_at=now,
            finished_at=now - ago if ago else None,
        )
        files[name] = (job, *_with_file(job))
    for name, (ago, _kept) in waiting.items():
        job = make_job("import", koping, user, queued_at=None, kind="tabell")
        with scopes_disabled():
            ImportJob.objects.filter(pk=job.pk).update(created_at=now - ago)
        files[name] = (job, *_with_file(job))
    with scopes_disabled():
        swept = jobs_sweep(ImportJob, now=now)
    assert (swept["files"], swept["abandoned"]) == (4, 1)
    expected = {name: case[3] for name, case in cases.items()}
    expected.update({name: kept for name, (_ago, kept) in waiting.items()})
    kept = {name: storage.exists(path) for name, (_job, storage, path) in files.items()}
    assert kept == expected
    for name, (job, _storage, _path) in files.items():
        assert bool(_fresh(job).file) is expected[name], name
    abandoned = _fresh(files["left without mapping 8 days ago"][0])
    assert (abandoned.status, abandoned.message) == (JobStatus.MISSLYCKAD, ABANDONED)
    assert _fresh(files["left without mapping yesterday"][0]).awaiting_mapping
    # The rows stay: they are the history of what was imported.
    with scopes_disabled():
        assert ImportJob.objects.count() == len(cases) + len(waiting)


def test_an_upload_shared_with_a_live_import_stays_until_both_are_done(koping, users):
    """A dry run run for real is a second import of the same upload."""
    now = timezone.now()
    dry = make_job("import", koping, users[Role.SAMORDNARE], status=JobStatus.KLAR, dry_run=True)
    storage, name = _with_file(dry)
    with scopes_disabled():
        ImportJob.objects.filter(pk=dry.pk).update(finished_at=now - timedelta(days=8))
    real = make_job("import", koping, users[Role.SAMORDNARE], status=JobStatus.KOR, file=name)
    with scopes_disabled():
        ImportJob.objects.filter(pk=real.pk).update(heartbeat_at=now)
        assert jobs_sweep(ImportJob, now=now)["files"] == 0
    assert storage.exists(name)
    with scopes_disabled():
        ImportJob.objects.filter(pk=real.pk).update(status=JobStatus.KLAR, finished_at=now)
        assert jobs_sweep(ImportJob, now=now + timedelta(minutes=1))["files"] == 1
    assert not storage.exists(name)
    assert not _fresh(dry).file and not _fresh(real).file


def test_the_sweep_deletes_week_old_documents_with_their_files_and_keeps_recent_ones(
    koping, users, django_capture_on_commit_callbacks
):
    now = timezone.now()
    old = make_job("document", koping, users[Role.SAMORDNARE], status=JobStatus.KLAR)
    recent = make_job("document", koping, users[Role.SAMORDNARE], status=JobStatus.KLAR)
    old_file, recent_file = _with_file(old, "gammal.pdf"), _with_file(recent, "ny.pdf")
    with scopes_disabled():
        DocumentJob.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=8))
        DocumentJob.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=6))
        with django_capture_on_commit_callbacks(execute=True):
            assert jobs_sweep(DocumentJob, now=now)["rows"] == 1
        assert list(DocumentJob.objects.values_list("pk", flat=True)) == [recent.pk]
    storage = old_file[0]
    assert not storage.exists(old_file[1]) and storage.exists(recent_file[1])
