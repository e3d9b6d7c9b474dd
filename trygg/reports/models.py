"""Inrapporteringssystem: categories, reports, their history, photos, API keys, imports."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.jobs import LOST, Job
from trygg.core.models import Municipality, Organisation
from trygg.geo.models import Area


class Sensitivity(models.TextChoices):
    OPPEN = "oppen", _("Öppen")
    INTERN = "intern", _("Intern")
    BEGRANSAD = "begransad", _("Begränsad")


class Category(models.Model):
    """A two-level taxonomy per municipality, seeded and editable by its administrator."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kod"), max_length=50)
    name = models.CharField(_("namn"), max_length=100)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("överordnad kategori"),
    )
    sensitivity = models.CharField(
        _("skyddsnivå"), max_length=12, choices=Sensitivity.choices, default=Sensitivity.INTERN
    )
    retention_days = models.PositiveIntegerField(
        _("gallringsfrist (dagar)"), default=1826, validators=[MinValueValidator(30)]
    )
    citizen = models.BooleanField(_("kan rapporteras av medborgare"), default=False)
    # Counted beside the youth-activity supply per area (programmes, goal G4).
    youth_related = models.BooleanField(_("rör barn och unga"), default=False)
    active = models.BooleanField(_("aktiv"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="category_unique_code",
                violation_error_message=_("Det finns redan en kategori med den koden."),
            )
        ]

    def __str__(self):
        return f"{self.parent.name} – {self.name}" if self.parent_id else self.name


class Report(models.Model):
    class Kind(models.TextChoices):
        HANDELSE = "handelse", _("Händelse")
        OTRYGGHET = "otrygghet", _("Otrygghet")
        OBSERVATION = "observation", _("Observation")

    class Status(models.TextChoices):
        NY = "ny", _("Ny")
        BEDOMD = "bedomd", _("Bedömd")
        ATGARDAS = "atgardas", _("Åtgärdas")
        AVSLUTAD = "avslutad", _("Avslutad")
        AVVISAD = "avvisad", _("Avvisad")

    class Source(models.TextChoices):
        PERSONAL = "personal", _("Personal")
        MEDBORGARE = "medborgare", _("Medborgare")
        API = "api", _("API")
        OPEN311 = "open311", _("Open311")
        POLISEN = "polisen", _("Polisens händelser")
        FIL = "fil", _("Filimport")

    class Precision(models.TextChoices):
        PUNKT = "punkt", _("Punkt (GPS eller karta)")
        ADRESS = "adress", _("Adress eller namngiven plats")
        OMRADE = "omrade", _("Område")
        KOMMUN = "kommun", _("Kommun eller län (mittpunkt)")

    # The client's UUID makes a retried submission idempotent; unique per municipality, so
    # another municipality's UUID neither collides nor reveals that it exists.
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    # Keyed digest of the submission under a client UUID: only an identical retry from the
    # same channel gets this report back (trygg/reports/idempotency.py).
    # (db_default too: the Police import COPYs only the columns it names.)
    intake_digest = models.CharField(
        max_length=64, blank=True, default="", db_default="", editable=False
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices, default=Kind.HANDELSE)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kategori")
    )
    occurred_at = models.DateTimeField(_("inträffade"))
    # Set when only an interval is known ("during the night").
    occurred_until = models.DateTimeField(_("inträffade senast"), null=True, blank=True)
    reported_at = models.DateTimeField(_("rapporterad"))

    lat = models.FloatField(_("latitud"), null=True, blank=True)
    lon = models.FloatField(_("longitud"), null=True, blank=True)
    precision = models.CharField(
        _("platsens precision"), max_length=8, choices=Precision.choices, default=Precision.PUNKT
    )
    place_name = models.CharField(_("plats"), max_length=200, blank=True)
    # The place as everyone but the roles allowed to see originals reads it. A text field:
    # the markers are longer than what they replace. The database default keeps raw inserts
    # (bench, COPY) that name no such column valid.
    place_name_redacted = models.TextField(blank=True, default="", db_default="")
    h3_r7 = models.BigIntegerField(null=True, blank=True)
    h3_r8 = models.BigIntegerField(null=True, blank=True)
    h3_r9 = models.BigIntegerField(null=True, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="reports")
    # Police regional events may lie outside the municipality; they are kept but flagged.
    outside_municipality = models.BooleanField(default=False)

    description = models.TextField(_("beskrivning"), blank=True)
    # What everyone but the roles allowed to see originals reads (personal data redacted).
    description_redacted = models.TextField(blank=True)
    # Personal data found per kind, in the description and the place together.
    personal_data_found = models.JSONField(default=dict, blank=True)

    source = models.CharField(max_length=12, choices=Source.choices, default=Source.PERSONAL)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rapporterande organisation"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rapportör"),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    tracking_code = models.CharField(max_length=12, unique=True, null=True, blank=True)

    cost_sek = models.DecimalField(
        _("uppskattad skadekostnad (kr)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    police_report_number = models.CharField(_("polisens diarienummer"), max_length=40, blank=True)
    people_count = models.PositiveIntegerField(_("antal inblandade"), null=True, blank=True)
    youth_involved = models.BooleanField(_("unga inblandade"), null=True, blank=True)
    sensitivity = models.CharField(
        _("skyddsnivå"), max_length=12, choices=Sensitivity.choices, default=Sensitivity.INTERN
    )

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NY)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tilldelad organisation"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("dubblett av"),
    )
    external_id = models.CharField(max_length=100, blank=True)
    external_url = models.URLField(blank=True)
    # Set when the source took the report back from this municipality (the Police moved the
    # event to another one): the row is kept, but no list or count shows it any more.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            # Covering indexes: the lägesbild's counts (by category, cell, local hour, week)
            # and the map's cell counts read only the index. Measured at 10 M reports in
            # bench/RESULTS.md. Key columns rather than INCLUDE, because SQLite has no INCLUDE.
            models.Index(
                fields=[
                    "municipality",
                    "occurred_at",
                    "sensitivity",
                    "category",
                    "precision",
                    "h3_r7",
                    "h3_r8",
                    "h3_r9",
                ],
                name="report_muni_time_cover",
            ),
            models.Index(
                fields=[
                    "municipality",
                    "precision",
                    "lat",
                    "lon",
                    "sensitivity",
                    "occurred_at",
                    "h3_r7",
                    "h3_r8",
                    "h3_r9",
                ],
                name="report_muni_map_cover",
            ),
            models.Index(fields=["municipality", "status"], name="report_muni_status"),
            models.Index(
                fields=["municipality", "category", "occurred_at"], name="report_muni_cat"
            ),
            models.Index(fields=["municipality", "h3_r9"], name="report_muni_h3r9"),
            models.Index(fields=["municipality", "h3_r7"], name="report_muni_h3r7"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "uuid"], name="report_unique_uuid"),
            models.UniqueConstraint(
                fields=["municipality", "source", "external_id"],
                condition=~Q(external_id=""),
                name="report_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(cost_sek__isnull=True) | Q(cost_sek__gte=0), name="report_cost_nonneg"
            ),
            # Every service stores a point only with its coordinates; the map counts what it
            # cannot draw by precision alone (in both covering indexes) thanks to this.
            models.CheckConstraint(
                condition=~Q(precision="punkt") | Q(lat__isnull=False, lon__isnull=False),
                name="report_point_has_coordinates",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.category}"

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.precision in (
            self.Precision.PUNKT,
            self.Precision.ADRESS,
        )


# The reports drawn and analysed as points: a point, and an address of the register (issue
# 15); an address typed before the gazetteer, without coordinates, is not.
POINT_LIKE = Q(precision=Report.Precision.PUNKT) | Q(
    precision=Report.Precision.ADRESS, lat__isnull=False
)


class ReportEvent(models.Model):
    """The report's history: every change, who made it and when; comments are internal."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Skapad")
        EDITED = "edited", _("Ändrad")
        STATUS = "status", _("Status ändrad")
        ASSIGNED = "assigned", _("Tilldelad")
        COMMENT = "comment", _("Kommentar")
        DUPLICATE = "duplicate", _("Markerad som dubblett")
        PHOTO = "photo", _("Foto tillagt")
        VIEWED_ORIGINAL = "viewed_original", _("Originaltext läst")
        # The two kinds the citizen's tracking page shows with their text (redacted).
        PUBLIC_REPLY = "public_reply", _("Svar till medborgaren")
        REOPENED = "reopened", _("Öppnad igen av medborgaren")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(blank=True)
    # `text` with personal data redacted, for a text a citizen reads or wrote (a public reply,
    # a reason to reopen): what the tracking page and roles without originals show.
    text_redacted = models.TextField(blank=True, default="", db_default="")
    data = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.report_id}"


def _photo_path(instance, filename):
    return f"reports/{instance.municipality_id}/{instance.report_id}/{uuid.uuid4().hex}.jpg"


class Photo(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=_photo_path)
    thumbnail = models.ImageField(upload_to=_photo_path, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    # Sent by a citizen (the public form): never public, and only the roles that read
    # originals see it, since a photo may show people or number plates.
    from_citizen = models.BooleanField(default=False, db_default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Foto {self.pk} till rapport {self.report_id}"


class StatusSubscription(models.Model):
    """A citizen's wish for an e-mail on each status change of their report. The address is
    kept for that purpose alone: no page or export shows it, no log names it, and it goes
    when the citizen unsubscribes or with the report (retention, by the cascade)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="status_subscription"
    )
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    def __str__(self):
        return f"Bevakning av rapport {self.report_id}"


class SavedFilter(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=100)
    query = models.CharField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ApiKey(models.Model):
    """An organisation's key for the API. Only a SHA-256 hash of the secret is stored."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class ImportJob(Job):
    """A file of reports imported by the task worker: the Police's events or a table with a
    column mapping. Its upload may hold personal data, so it goes once it has served."""

    FILE_DIR = "imports"
    # A failure that was not the file's fault: starting again may succeed.
    TECHNICAL_FAILURE = "Ett tekniskt fel avbröt importen. Det som hann sparas finns kvar."

    class Kind(models.TextChoices):
        POLISEN = "polisen", _("Polisens händelser (JSON)")
        TABELL = "tabell", _("CSV eller Excel")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    dry_run = models.BooleanField(_("provkörning"), default=False)
    mapping = models.JSONField(default=dict, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(Job.Meta):
        pass

    def __str__(self):
        return f"Import {self.filename}"

    @property
    def awaiting_mapping(self) -> bool:
        """A table uploaded and not yet started: its owner still has to map the columns."""
        return (
            self.kind == self.Kind.TABELL
            and self.status == self.Status.VANTAR
            and self.queued_at is None
        )

    @property
    def restartable(self) -> bool:
        """Failed for a reason other than its file (a lost worker, a technical error), with
        the upload still kept: starting it again may succeed."""
        return (
            self.status == self.Status.MISSLYCKAD
            and self.message in (LOST, self.TECHNICAL_FAILURE)
            and bool(self.file)
        )

    @classmethod
    def file_expired(cls, now) -> Q:
        # A finished real import has no use for its upload: it goes at the next sweep. A dry
        # run keeps it to be run for real, and a failed import to be started again.
        return Q(status=cls.Status.KLAR, dry_run=False, finished_at__lt=now) | super().file_expired(
            now
        )


class ExportJob(Job):
    """A large export of the report list (more rows than a direct download carries), written
    by the task worker. It holds what its requester may read (originals per role), so only the
    requester downloads it; the file goes with the municipality's retention of job files."""

    FILE_DIR = "exports"

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    fmt = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The list's filters as its query string (q included): the job exports what the list
    # showed, read again when the worker runs.
    query = models.TextField(blank=True)
    # What the requester could read when it was ordered (roles and organisations): a job run
    # or a download after they changed is refused.
    access = models.CharField(max_length=500, blank=True)

    class Meta(Job.Meta):
        pass

    def __str__(self):
        return f"Export {self.fmt}"
