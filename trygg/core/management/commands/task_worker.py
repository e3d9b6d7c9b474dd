"""The background task worker that outlives a database outage.

django-tasks-db's `db_worker` exits on the first error from a database that is away (only a
locked SQLite file is retried). Here the same worker waits and tries again on a fresh
connection, with a growing pause, so imports, documents and retention resume by themselves
when the database returns. `manage.py serve` runs this command and also restarts it should
it die for another reason.
"""

import logging
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("trygg.tasks")

FIRST_DELAY = 1.0
MAX_DELAY = 30.0


class ResilientWorker(Worker):
    def run(self) -> None:
        delay = FIRST_DELAY
        while self.running:
            try:
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                # Only the error's class: its message can quote a statement's parameters.
                logger.warning(
                    "Databasen svarar inte (%s); bakgrundsarbetaren försöker igen om %.0f s",
                    type(error).__name__,
                    delay,
                )
                connections.close_all()
                until = time.monotonic() + delay
                while self.running and time.monotonic() < until:
                    time.sleep(0.1)
                delay = min(delay * 2, MAX_DELAY)


class Command(DbWorkerCommand):
    help = "Kör bakgrundsjobb och väntar ut avbrott i databasen."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues kan bara användas med --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        # No autoreload: serve restarts the worker itself.
        worker.configure_signals()
        worker.run()
