"""What /healthz reports: the database answers, accepts a write, and the disk has room."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from .models import Heartbeat


@dataclass(frozen=True)
class Health:
    database: str  # "ok" | "otillgänglig" | "skrivskyddad"
    disk_free_mb: int
    disk_ok: bool

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.disk_ok


def health_check() -> Health:
    """Reads and writes the database (one heartbeat row, committed: SQLite only touches the
    disk on commit) and measures the free space where the database and uploads live."""
    database = "ok"
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        database = "otillgänglig"
    else:
        try:
            with transaction.atomic():
                Heartbeat.objects.update_or_create(pk=1, defaults={"at": timezone.now()})
        except DatabaseError:
            database = "skrivskyddad"
    if database != "ok":
        # Never hand the broken connection to the next request.
        connections["default"].close()
    free = shutil.disk_usage(_existing(Path(settings.VAR_DIR))).free // (1024 * 1024)
    return Health(database, free, free >= settings.MIN_FREE_DISK_MB)


def _existing(path: Path) -> Path:
    """The data folder, or its nearest existing parent: a bare `serve` before anything was
    written has no var folder yet, and the disk it will live on is what matters."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path
