"""Daily jobs without a scheduler service: `manage.py serve` asks every minute whether a
job is due, and the database makes sure each runs once a day however many processes ask."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PeriodicRun


@dataclass(frozen=True)
class DailyJob:
    name: str
    at: time  # local time (Europe/Stockholm)
    enqueue: Callable[[], object]


def _jobs() -> list[DailyJob]:
    from trygg.lagesbild.tasks import purge_document_jobs
    from trygg.reports.tasks import purge_expired_reports, send_daily_digests
    from trygg.strategy.tasks import send_follow_up_reminders

    return [
        DailyJob("reports.digest", time(7, 0), send_daily_digests.enqueue),
        DailyJob("reports.retention", time(2, 30), purge_expired_reports.enqueue),
        DailyJob("strategy.reminders", time(7, 30), send_follow_up_reminders.enqueue),
        DailyJob("lagesbild.documents", time(2, 45), purge_document_jobs.enqueue),
    ]


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueues every job whose time has come today and has not run; returns their names."""
    now = timezone.localtime(now)
    started = []
    for job in _jobs():
        if now.time() < job.at:
            continue
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=job.name, day=now.date())
                job.enqueue()
        except IntegrityError:
            continue
        started.append(job.name)
    return started
