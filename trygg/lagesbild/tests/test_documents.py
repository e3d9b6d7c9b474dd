"""Lägesbild documents: a short period downloads at once, a long one is made by the task
worker and fetched from its page by the person who ordered it, and only by them."""

from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from tests.helpers import make_member, make_report, viewer_for
from trygg.core.jobs import job_claim
from trygg.core.models import AuditEvent, Membership, Role
from trygg.lagesbild import services
from trygg.lagesbild.models import DocumentJob

TZ = ZoneInfo("Europe/Stockholm")
LONG = {"fran": "2026-01-01", "till": "2026-06-30"}


@pytest.fixture
def reports(koping):
    for month in range(1, 7):
        make_report(koping, "klotter", when=datetime(2026, month, 10, 22, tzinfo=TZ))


def _order(client, fmt="pdf", params=LONG):
    return client.get(reverse("lagesbild:picture_document", args=[fmt]), params)


def _job():
    with scopes_disabled():
        return DocumentJob.objects.get()


def test_a_long_period_is_made_in_the_background_and_downloaded_by_its_creator(
    client, users, koping, reports, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.SAMORDNARE])
    with django_capture_on_commit_callbacks(execute=True):
        response = _order(client)
    job = _job()
    assert response.status_code == 302
    assert response["Location"] == reverse("lagesbild:document_job", args=[job.pk])
    assert job.status == DocumentJob.Status.KLAR and job.filename.endswith("20260630.pdf")
    page = client.get(response["Location"]).content.decode()
    assert "Dokumentet är klart." in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("lagesbild:document_job_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert job.filename in download["Content-Disposition"]
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(b"".join(download))).pages)
    assert "Lägesbild" in text
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            event="lagesbild.document_downloaded", object_id=str(job.pk)
        ).exists()
    picture = client.get(reverse("lagesbild:picture"), LONG).content.decode()
    assert "tas fram i bakgrunden" in picture and "Beställda dokument" in picture


def test_the_same_order_again_gives_the_same_job(
    client, users, koping, reports, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.SAMORDNARE])
    with django_capture_on_commit_callbacks(execute=True):
        first = _order(client)["Location"]
        again = _order(client)["Location"]
        docx = _order(client, "docx")["Location"]
    assert first == again != docx
    with scopes_disabled():
        assert DocumentJob.objects.count() == 2


def test_a_waiting_job_page_is_updated_in_place_by_its_script(client, users, koping, reports):
    client.force_login(users[Role.SAMORDNARE])
    # Without the commit callbacks the task never runs: the job stays in the queue.
    location = _order(client)["Location"]
    job = _job()
    assert job.status == DocumentJob.Status.VANTAR
    page = client.get(location).content.decode()
    # No self-reloading page (WCAG 2.2.1): a script asks for the state and shows it.
    assert 'http-equiv="refresh"' not in page and 'data-job-state="pagar"' in page
    assert "Väntar på sin tur" in page and "job-status.js" in page
    status = client.get(reverse("lagesbild:document_job_status", args=[job.pk])).json()
    assert status["state"] == "pagar" and status["text"].startswith("Väntar på sin tur")
    assert client.get(reverse("lagesbild:document_job_download", args=[job.pk])).status_code == 404


def test_a_short_period_downloads_at_once(client, users, koping, reports):
    client.force_login(users[Role.SAMORDNARE])
    response = _order(client, params={"fran": "2026-06-01", "till": "2026-06-30"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with scopes_disabled():
        assert not DocumentJob.objects.exists()


def test_another_user_with_the_same_role_cannot_see_the_document(
    client, users, koping, koping_org, reports, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.SAMORDNARE])
    with django_capture_on_commit_callbacks(execute=True):
        _order(client)
    job = _job()
    colleague = make_member("samordnare2", koping_org, Role.SAMORDNARE)
    client.force_login(colleague)
    assert client.get(reverse("lagesbild:document_job", args=[job.pk])).status_code == 404
    download = reverse("lagesbild:document_job_download", args=[job.pk])
    assert client.get(download).status_code == 404
    assert "Beställda dokument" not in client.get(reverse("lagesbild:picture")).content.decode()


def test_a_too_long_period_is_refused_with_a_message(client, users, koping, settings):
    settings.LAGESBILD_MAX_DAYS = 366
    client.force_login(users[Role.SAMORDNARE])
    response = _order(client, params={"fran": "2020-01-01", "till": "2026-06-30"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "den längsta som kan visas är 366 dagar" in page
    with scopes_disabled():
        assert not DocumentJob.objects.exists()


def test_a_creator_who_lost_the_role_gets_a_failed_job_and_can_order_again(users, koping, reports):
    user = users[Role.SAMORDNARE]
    with scope(municipality=koping):
        job = services.document_job_start(
            viewer=viewer_for(user, koping),
            fmt="pdf",
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
        )
        with scopes_disabled():
            Membership.objects.filter(user=user).update(role=Role.RADSLEDAMOT)
        services.document_job_build(job_claim(DocumentJob, job.pk))
        job.refresh_from_db()
        assert job.status == DocumentJob.Status.MISSLYCKAD
        assert "inte längre behörighet" in job.message and not job.file
        with scopes_disabled():
            Membership.objects.filter(user=user).update(role=Role.SAMORDNARE)
        again = services.document_job_start(
            viewer=viewer_for(user, koping),
            fmt="pdf",
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
        )
        assert again.pk != job.pk


def test_documents_older_than_a_week_are_deleted_with_their_files(
    client, users, koping, reports, django_capture_on_commit_callbacks
):
    client.force_login(users[Role.SAMORDNARE])
    with django_capture_on_commit_callbacks(execute=True):
        _order(client)
    job = _job()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    with scope(municipality=koping), django_capture_on_commit_callbacks(execute=True):
        assert services.document_jobs_purge(now=timezone.now() + timedelta(days=6)) == 0
        assert services.document_jobs_purge(now=timezone.now() + timedelta(days=8)) == 1
    assert not storage.exists(name)


def test_a_document_goes_when_its_creator_is_deleted(
    users, koping, reports, django_capture_on_commit_callbacks
):
    user = users[Role.SAMORDNARE]
    with scope(municipality=koping), django_capture_on_commit_callbacks(execute=True):
        job = services.document_job_start(
            viewer=viewer_for(user, koping),
            fmt="pdf",
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
        )
    job.refresh_from_db()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(user=user).delete()
        user.delete()
        assert not DocumentJob.objects.exists()
    assert not storage.exists(name)


def test_a_document_is_refused_and_deleted_when_the_creators_access_changed(
    client, users, koping, koping_org, reports, django_capture_on_commit_callbacks
):
    user = users[Role.SAMORDNARE]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        _order(client)
    job = _job()
    # Also police now: the same person reads more, or other, reports than the document holds.
    make_member(user.username, koping_org, Role.POLIS)
    response = client.get(reverse("lagesbild:document_job_download", args=[job.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Din behörighet har ändrats" in page and "Försök igen" in page
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.MISSLYCKAD and not job.file


def test_three_orders_at_a_time_per_person(client, users, koping, reports):
    client.force_login(users[Role.SAMORDNARE])
    for month in (1, 2, 3):
        params = {"fran": f"2025-0{month}-01", "till": f"2025-0{month + 4}-28"}
        assert _order(client, params=params).status_code == 302
    response = _order(client, params={"fran": "2025-06-01", "till": "2025-12-31"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Du har redan 3 dokument som tas fram" in page
    with scopes_disabled():
        assert DocumentJob.objects.count() == 3


def test_a_short_download_is_audited(client, users, koping, reports):
    client.force_login(users[Role.SAMORDNARE])
    _order(client, params={"fran": "2026-06-01", "till": "2026-06-30"})
    with scopes_disabled():
        event = AuditEvent.objects.get(event="lagesbild.document_downloaded")
    assert event.summary == "Lägesbild 2026-06-01–2026-06-30 nedladdad som PDF"
    assert event.data == {"start": "2026-06-01", "end": "2026-06-30", "format": "pdf"}


def test_a_job_lost_by_a_stopped_worker_can_be_ordered_again(client, users, koping, reports):
    client.force_login(users[Role.SAMORDNARE])
    first = _order(client)["Location"]
    with scopes_disabled():
        DocumentJob.objects.update(created_at=timezone.now() - timedelta(hours=2))
    # Waiting two hours behind other work is not lost yet…
    assert "Väntar på sin tur" in client.get(first).content.decode()
    with scopes_disabled():
        DocumentJob.objects.update(
            status=DocumentJob.Status.KOR, started_at=timezone.now() - timedelta(hours=2)
        )
    # …but running for two hours is.
    page = client.get(first).content.decode()
    assert "Dokumentet blev inte klart." in page and 'data-job-state="fel"' in page
    assert "Misslyckades: arbetet avbröts" in page
    assert _order(client)["Location"] != first
