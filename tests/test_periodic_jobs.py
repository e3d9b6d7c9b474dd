"""The daily jobs: each app registers its own, core's runner enqueues each once a day."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from trygg.core.models import PeriodicRun
from trygg.core.periodic import (
    DailyJob,
    enqueue_due_jobs,
    register,
    registered_jobs,
    unregister,
)


def test_every_app_registers_its_daily_jobs_at_start_up():
    assert [(job.name, job.at) for job in registered_jobs()] == [
        ("dialog.retention", time(2, 20)),
        ("reports.retention", time(2, 30)),
        ("geo.address_uploads", time(2, 35)),
        ("reports.import_files", time(2, 40)),
        ("lagesbild.documents", time(2, 45)),
        ("forums.retention", time(2, 50)),
        ("reports.export_files", time(2, 55)),
        ("welfare.purge_closed_cases", time(3, 0)),
        ("programmes.nightwalk_signups", time(3, 20)),
        ("programmes.support_reports", time(3, 25)),
        ("programmes.neighbourhood_sweep", time(3, 40)),
        ("county.retention", time(3, 45)),
        ("reports.digest", time(7, 0)),
        ("strategy.reminders", time(7, 30)),
        ("walks.owner_reminders", time(7, 45)),
    ]


def test_daily_jobs_are_enqueued_once_a_day(koping, mailoutbox):
    morning = timezone.make_aware(timezone.datetime(2026, 11, 25, 8, 0))
    assert sorted(enqueue_due_jobs(morning)) == [
        "county.retention",
        "dialog.retention",
        "forums.retention",
        "geo.address_uploads",
        "lagesbild.documents",
        "programmes.neighbourhood_sweep",
        "programmes.nightwalk_signups",
        "programmes.support_reports",
        "reports.digest",
        "reports.export_files",
        "reports.import_files",
        "reports.retention",
        "strategy.reminders",
        "walks.owner_reminders",
        "welfare.purge_closed_cases",
    ]
    assert enqueue_due_jobs(morning + timedelta(minutes=1)) == []
    night = timezone.make_aware(timezone.datetime(2026, 11, 26, 1, 0))
    assert enqueue_due_jobs(night) == []
    assert PeriodicRun.objects.count() == 15


@pytest.fixture
def extra_job():
    calls = []
    job = register(DailyJob("tests.extra", time(23, 0), lambda: calls.append("körd")))
    yield job, calls
    unregister(job.name)


def test_a_registered_job_runs_when_due_and_not_before(db, extra_job):
    job, calls = extra_job
    evening = timezone.make_aware(timezone.datetime(2026, 11, 25, 22, 59))
    assert "tests.extra" not in enqueue_due_jobs(evening)
    assert calls == []
    assert "tests.extra" in enqueue_due_jobs(evening + timedelta(minutes=1))
    assert calls == ["körd"]


def test_registering_the_same_job_twice_keeps_one(extra_job):
    job, _ = extra_job
    register(job)
    assert [j.name for j in registered_jobs()].count("tests.extra") == 1


def test_another_job_under_a_taken_name_is_refused(extra_job):
    job, _ = extra_job
    with pytest.raises(ValueError, match="tests.extra"):
        register(DailyJob("tests.extra", time(1, 0), job.enqueue))
