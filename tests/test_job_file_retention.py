"""How long uploaded import files and produced documents stay after their job is the
municipality's choice (gallring), set on the administration page; 7 days by default."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.jobs import ABANDONED, JobStatus, jobs_sweep
from trygg.core.models import AuditEvent, Municipality, Role
from trygg.lagesbild.models import DocumentJob
from trygg.reports.models import ImportJob


def _job(model, municipality, user, **fields):
    with scopes_disabled():
        if model is ImportJob:
            job = ImportJob.objects.create(
                municipality=municipality, kind="tabell", filename="r.csv", dry_run=True, **fields
            )
        else:
            job = DocumentJob.objects.create(
                municipality=municipality,
                created_by=user,
                fmt="pdf",
                period_start=date(2026, 1, 1),
                period_end=date(2026, 6, 30),
                **fields,
            )
        job.file.save("fil.bin", ContentFile(b"kan ha personuppgifter"), save=False)
        job.save(update_fields=["file"])
    return job


def test_a_new_municipality_keeps_files_seven_days(koping):
    assert koping.job_file_keep_days == 7


@pytest.mark.parametrize("model", [ImportJob, DocumentJob], ids=["import", "document"])
@pytest.mark.parametrize(
    ("koping_days", "finished_ago", "koping_kept", "arboga_kept"),
    [
        # Arboga keeps the default 7 days throughout.
        (30, timedelta(days=10), True, False),
        (30, timedelta(days=31), False, False),
        (1, timedelta(days=2), False, True),
        (1, timedelta(hours=12), True, True),
    ],
)
def test_the_sweep_deletes_files_after_each_municipalitys_own_retention_period(
    model, koping_days, finished_ago, koping_kept, arboga_kept, koping, arboga, users
):
    Municipality.objects.filter(pk=koping.pk).update(job_file_keep_days=koping_days)
    now = timezone.now()
    user = users[Role.SAMORDNARE]
    done = {"status": JobStatus.KLAR, "queued_at": now, "finished_at": now - finished_ago}
    jobs = {
        "Köping": _job(model, koping, user, **done),
        "Arboga": _job(model, arboga, user, **done),
    }
    with scopes_disabled():
        jobs_sweep(model, now=now)
        kept = {name: bool(model.objects.get(pk=job.pk).file) for name, job in jobs.items()}
    assert kept == {"Köping": koping_kept, "Arboga": arboga_kept}


def test_an_upload_never_started_is_abandoned_after_the_municipalitys_period(koping, arboga, users):
    Municipality.objects.filter(pk=koping.pk).update(job_file_keep_days=2)
    now = timezone.now()
    user = users[Role.SAMORDNARE]
    waiting = {
        "Köping": _job(ImportJob, koping, user, queued_at=None),
        "Arboga": _job(ImportJob, arboga, user, queued_at=None),
    }
    with scopes_disabled():
        ImportJob.objects.update(created_at=now - timedelta(days=3))
        swept = jobs_sweep(ImportJob, now=now)
        messages = {name: ImportJob.objects.get(pk=j.pk).message for name, j in waiting.items()}
    assert swept["abandoned"] == 1
    assert messages == {"Köping": ABANDONED, "Arboga": ""}


def test_the_administrator_sets_the_period_on_the_administration_page(client, users, koping):
    client.force_login(users[Role.ADMINISTRATOR])
    url = reverse("core:municipality_edit")
    page = client.get(url).content.decode()
    assert "Uppladdade filer sparas (dagar)" in page and 'value="7"' in page
    form = {"name": "Köping", "population": "25806"}
    refused = client.post(url, {**form, "job_file_keep_days": "0"}).content.decode()
    assert "Kontrollera att detta värde är större än eller lika med 1." in refused
    response = client.post(url, {**form, "job_file_keep_days": "30"})
    assert response.status_code == 302
    koping.refresh_from_db()
    assert koping.job_file_keep_days == 30
    with scopes_disabled():
        row = AuditEvent.objects.filter(event="core.municipality_updated").get()
    assert row.data["job_file_keep_days"] == 30
