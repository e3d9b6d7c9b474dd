"""Daily jobs without a scheduler service: `manage.py serve` asks every minute whether a
job is due, and the database makes sure each runs once a day however many processes ask.

Core sits below every app, so it cannot list their jobs: each app registers its own in
`AppConfig.ready` with `register(DailyJob(...))`, and core only runs what is registered:
the jobs are one kind of contribution (contributions.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from .contributions import Registry
from .models import PeriodicRun


@dataclass(frozen=True)
class DailyJob:
    name: str  # "<app>.<job>", the key of its PeriodicRun rows: never rename a live job
    at: time  # local time (Europe/Stockholm)
    enqueue: Callable[[], object]


daily_jobs = Registry[DailyJob]("dagligt jobb", order=lambda job: job.at)
# Each app's ready() calls these; a test that registers its own job unregisters it after.
register = daily_jobs.register
unregister = daily_jobs.unregister


def registered_jobs() -> list[DailyJob]:
    """Every registered job, in the order they are due in a day."""
    return daily_jobs.all()


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueues every job whose time has come today and has not run; returns their names."""
    now = timezone.localtime(now)
    started = []
    for job in registered_jobs():
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
