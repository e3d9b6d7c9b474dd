"""Daily jobs without a scheduler service: `manage.py serve` asks every minute whether a
job is due, and the database makes sure each runs once a day however many processes ask.

Core sits below every app, so it cannot list their jobs: each app registers its own in
`AppConfig.ready` with `register(DailyJob(...))`, and core only runs what is registered."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PeriodicRun


@dataclass(frozen=True)
class DailyJob:
    name: str  # "<app>.<job>", the key of its PeriodicRun rows: never rename a live job
    at: time  # local time (Europe/Stockholm)
    enqueue: Callable[[], object]


_registry: dict[str, DailyJob] = {}


def register(job: DailyJob) -> DailyJob:
    """Adds a daily job; registering the same job again is harmless, another under a taken
    name is an error (two jobs would share one run a day)."""
    known = _registry.get(job.name)
    if known is not None and known != job:
        raise ValueError(f"Ett annat dagligt jobb heter redan {job.name!r}")
    _registry[job.name] = job
    return job


def unregister(name: str) -> None:
    """Removes a daily job (tests that register their own clean up with this)."""
    _registry.pop(name, None)


def registered_jobs() -> list[DailyJob]:
    """Every registered job, in the order they are due in a day."""
    return sorted(_registry.values(), key=lambda job: (job.at, job.name))


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
