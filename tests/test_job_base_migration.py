"""The job base's migrations keep the rows stored before it, and give them what stale
detection needs: an import waiting for its column mapping is not queued, every other job
was queued when it was created, and one that was running gets a beat to be judged by."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reports", "0005_uuid_per_municipality"), ("lagesbild", "0004_document_job_access")]
CREATED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _migrate(targets=None):
    """Migrates to `targets`, or all the way forward; returns the models as they are there."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("real_migrations")
def test_jobs_stored_before_the_base_keep_their_rows_and_get_its_times():
    old = _migrate(BEFORE)
    try:
        municipality = old.get_model("core", "Municipality").objects.create(
            name="Köping", kommunkod="1983", county_code="19", slug="koping"
        )
        user = old.get_model("auth", "User").objects.create(username="samordnare")
        imports = old.get_model("reports", "ImportJob")
        documents = old.get_model("lagesbild", "DocumentJob")
        rows = {
            "mapping": ("tabell", "vantar"),
            "queued": ("polisen", "vantar"),
            "running": ("polisen", "kor"),
            "done": ("tabell", "klar"),
        }
        for name, (kind, status) in rows.items():
            imports.objects.create(
                municipality=municipality, kind=kind, status=status, filename=name, file=name
            )
        documents.objects.create(
            municipality=municipality,
            created_by=user,
            fmt="pdf",
            period_start=CREATED.date(),
            period_end=CREATED.date(),
            status="kor",
            started_at=CREATED + timedelta(minutes=5),
        )
        imports.objects.update(created_at=CREATED)
        documents.objects.update(created_at=CREATED)
    finally:
        new = _migrate()
    imported = {
        job.filename: (job.status, job.file, job.queued_at, job.started_at, job.heartbeat_at)
        for job in new.get_model("reports", "ImportJob").objects.all()
    }
    assert imported == {
        "mapping": ("vantar", "mapping", None, None, None),
        "queued": ("vantar", "queued", CREATED, None, None),
        "running": ("kor", "running", CREATED, CREATED, CREATED),
        "done": ("klar", "done", CREATED, CREATED, None),
    }
    document = new.get_model("lagesbild", "DocumentJob").objects.get()
    assert (document.status, document.queued_at, document.heartbeat_at) == (
        "kor",
        CREATED,
        CREATED + timedelta(minutes=5),
    )
