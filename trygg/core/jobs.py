"""The one base for background work (imports, documents, and what later apps add).

A job is a row the task worker takes and reports back through. What every kind shares:

- an **atomic claim**: the worker takes a job with one `UPDATE … WHERE status = 'vantar'`,
  so a task enqueued twice, or two workers, never run one job twice;
- **stale detection**: a running job beats (`heartbeat_at`) whenever it saves progress; one
  whose beat is older than `HEARTBEAT_TIMEOUT` lost its worker (killed, restarted, out of
  memory) and is marked "Misslyckades: arbetet avbröts", so its owner can start it again
  instead of watching "Pågår" forever. One queued for longer than `WAIT_LIMIT` was lost by
  the queue and is marked the same way;
- **file retention**: the job's file (an upload, or what it produced) is deleted the
  municipality's `job_file_keep_days` (default 7, set on the administration page) after the
  job finished, and the row itself after `ROW_KEEP` where a kind
  sets one, by the daily sweep each app registers (`jobs_sweep`). Uploads may carry
  personal data, so they must not outlive their use (gallring).

Each kind subclasses `Job` and names its task; `job_enqueue` queues it once the
transaction commits, `job_claim` is the task's first line."""

from datetime import timedelta

from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .models import Municipality


class JobStatus(models.TextChoices):
    VANTAR = "vantar", _("Väntar på sin tur")
    KOR = "kor", _("Pågår")
    KLAR = "klar", _("Klar")
    MISSLYCKAD = "misslyckad", _("Misslyckades")


LOST_LABEL = "Misslyckades: arbetet avbröts"
LOST = f"{LOST_LABEL}. Du kan starta det igen."
ABANDONED = "Startades aldrig. Filen är borttagen enligt gallringsreglerna."


def job_file_path(instance, filename: str) -> str:
    """Each kind keeps its files in its own folder (`FILE_DIR`), as before the base."""
    return f"{instance.FILE_DIR}/{filename}"


class Job(models.Model):
    Status = JobStatus

    FILE_DIR = "jobs"
    # A worker beats with each progress save: an import every chunk of 2,000 events or 200
    # table rows, a document when it starts (rendering one takes about 0.1 s). A quarter
    # of an hour of silence is far beyond any of these: the worker is gone.
    HEARTBEAT_TIMEOUT = timedelta(minutes=15)
    # Queued and never taken: the worker was down for a day, or the queue lost the task.
    WAIT_LIMIT = timedelta(days=1)
    # How long the row itself is kept after it was created; None keeps it (the history).
    ROW_KEEP: timedelta | None = None

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=JobStatus.choices, default=JobStatus.VANTAR)
    filename = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=job_file_path, max_length=255, blank=True)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the task is enqueued: a job that waits for its owner (an import's column
    # mapping) is not queued yet, and cannot be lost by the queue.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.processed / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.KLAR, JobStatus.MISSLYCKAD)

    @property
    def stale(self) -> bool:
        """Running without a beat, or queued, for too long: its worker or task is lost."""
        now = timezone.now()
        if self.status == JobStatus.KOR:
            beat = self.heartbeat_at or self.started_at or self.created_at
            return beat is not None and now - beat > self.HEARTBEAT_TIMEOUT
        if self.status == JobStatus.VANTAR and self.queued_at is not None:
            return now - self.queued_at > self.WAIT_LIMIT
        return False

    @property
    def running(self) -> bool:
        """Queued or taken by a worker, and not lost."""
        queued = self.status == JobStatus.VANTAR and self.queued_at is not None
        return (queued or self.status == JobStatus.KOR) and not self.stale

    @property
    def status_text(self) -> str:
        """The status as a person reads it: a lost job says so before it is marked."""
        return LOST_LABEL if self.stale else self.get_status_display()

    @classmethod
    def file_expired(cls, now) -> Q:
        """The jobs whose file has served its purpose; a kind may keep some longer. One that
        failed before it was ever queued (abandoned, see jobs_sweep) has no use for it."""
        return kept_past("finished_at", now) | Q(
            status=JobStatus.MISSLYCKAD, queued_at__isnull=True
        )


def kept_past(field: str, now) -> Q:
    """The jobs whose `field` lies further back than their municipality keeps files. One
    condition per distinct setting: a handful, however many municipalities."""
    days = set(Municipality.objects.order_by().values_list("job_file_keep_days", flat=True))
    q = Q(pk__in=[])
    for d in sorted(days):
        q |= Q(municipality__job_file_keep_days=d, **{f"{field}__lt": now - timedelta(days=d)})
    return q


SWEEP_BATCH = 500


def _stale(queryset, now):
    return queryset.alias(beat=Coalesce("heartbeat_at", "started_at", "created_at")).filter(
        Q(status=JobStatus.KOR, beat__lt=now - queryset.model.HEARTBEAT_TIMEOUT)
        | Q(status=JobStatus.VANTAR, queued_at__lt=now - queryset.model.WAIT_LIMIT)
    )


def job_enqueue(job: Job, task) -> None:
    """Queues the job for `task` (a django-tasks task taking the job's id) once the current
    transaction commits: a worker never looks for a row that is not there yet, and a
    rolled-back start enqueues nothing."""
    job.status, job.queued_at = JobStatus.VANTAR, timezone.now()
    job.save(update_fields=["status", "queued_at"])
    pk = job.pk
    transaction.on_commit(lambda: task.enqueue(pk))


def job_claim(model: type[Job], pk: int):
    """Takes the queued job for this worker, or returns None when another worker has it or
    it is no longer queued (finished, marked lost, or restarted meanwhile). The check and
    the write are one UPDATE, so of two workers exactly one gets the row."""
    now = timezone.now()
    # The worker serves every municipality; it scopes itself once it has the job.
    rows = model._base_manager.filter(pk=pk, status=JobStatus.VANTAR)
    if not rows.update(status=JobStatus.KOR, started_at=now, heartbeat_at=now):
        return None
    return model._base_manager.select_related("municipality").get(pk=pk)


def job_fail_if_stale(job: Job) -> bool:
    """Marks a lost job failed ("arbetet avbröts"), so it can be started again; True if it
    was. Writes nothing for a job that is not lost, so polling pages cost no write."""
    if not job.stale:
        return False
    now = timezone.now()
    rows = _stale(type(job)._base_manager.filter(pk=job.pk), now)
    if not rows.update(status=JobStatus.MISSLYCKAD, message=LOST, finished_at=now):
        job.refresh_from_db()
        return False
    job.status, job.message, job.finished_at = JobStatus.MISSLYCKAD, LOST, now
    return True


def jobs_sweep(model: type[Job], *, now=None) -> dict[str, int]:
    """The daily retention of one kind, across municipalities: lost jobs are marked failed,
    so are jobs their owner never started (an upload left without its column mapping for
    the municipality's retention period); expired files are deleted (a file another live
    job still uses stays), and rows older than `ROW_KEEP` with their files. Returns how
    many of each."""
    now = now or timezone.now()
    manager = model._base_manager
    failed = _stale(manager.all(), now).update(
        status=JobStatus.MISSLYCKAD, message=LOST, finished_at=now
    )
    abandoned = manager.filter(
        kept_past("created_at", now), status=JobStatus.VANTAR, queued_at__isnull=True
    ).update(status=JobStatus.MISSLYCKAD, message=ABANDONED, finished_at=now)
    rows = 0
    if model.ROW_KEEP is not None:
        # post_delete (below) removes each row's file once the delete is committed.
        _n, by_model = manager.filter(created_at__lt=now - model.ROW_KEEP).delete()
        rows = by_model.get(model._meta.label, 0)
    expired = manager.exclude(file="").filter(model.file_expired(now))
    names = sorted(set(expired.values_list("file", flat=True)))
    storage = model._meta.get_field("file").storage
    files = 0
    # In batches: a first sweep after an upgrade may find thousands, and SQLite bounds the
    # number of parameters in one statement.
    for i in range(0, len(names), SWEEP_BATCH):
        batch = names[i : i + SWEEP_BATCH]
        # A dry run and the real import that followed it share one upload.
        in_use = set(
            manager.filter(file__in=batch)
            .exclude(pk__in=expired.filter(file__in=batch).values("pk"))
            .values_list("file", flat=True)
        )
        gone = [name for name in batch if name not in in_use]
        manager.filter(file__in=gone).update(file="")
        for name in gone:
            storage.delete(name)
        files += len(gone)
    return {"failed": failed, "abandoned": abandoned, "files": files, "rows": rows}


def _delete_file(sender, instance, **kwargs):
    """A job's file goes with its row however the row is deleted (the sweep, or a creator's
    account being removed), once that is committed and unless another row still uses it."""
    if not instance.file:
        return
    storage, name = instance.file.storage, instance.file.name

    def delete():
        if not sender._base_manager.filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(delete)


def connect_signals() -> None:
    """Called from CoreConfig.ready, when every app's models are loaded."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Job):
            post_delete.connect(_delete_file, sender=model, dispatch_uid=f"job-file-{model}")
