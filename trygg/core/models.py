"""Tenancy: the municipality (the tenant), its organisations, memberships with roles, and
the audit log."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.expressions import DatabaseDefault
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.locale_sv import municipality_official_name


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administratör")
    SAMORDNARE = "samordnare", _("Säkerhetssamordnare")
    ANALYTIKER = "analytiker", _("Analytiker")
    RAPPORTOR = "rapportor", _("Rapportör")
    POLIS = "polis", _("Polis")
    RADSLEDAMOT = "radsledamot", _("Rådsledamot")
    # Restricted (issue 20): only this role reads the welfare-crime register and its cases.
    VALFARD = "valfard", _("Välfärdsbrottshandläggare")


class Municipality(models.Model):
    """A Swedish municipality: the tenant every domain row belongs to."""

    name = models.CharField(_("namn"), max_length=100)
    kommunkod = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[
            RegexValidator(r"^\d{4}$", _("Kommunkoden ska vara fyra siffror, t.ex. 1983."))
        ],
        error_messages={"unique": _("Det finns redan en kommun med den kommunkoden.")},
    )
    county_code = models.CharField(
        _("länskod"),
        max_length=2,
        validators=[RegexValidator(r"^\d{2}$", _("Länskoden ska vara två siffror, t.ex. 19."))],
    )
    slug = models.SlugField(
        _("kortnamn i adresser"),
        unique=True,
        error_messages={"unique": _("Det finns redan en kommun med det kortnamnet.")},
    )
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    # Stored, not built from `name`: "Köpings kommun" but "Arboga kommun", "Falu kommun",
    # "Stockholms stad". Filled by the Swedish rule when left empty; an administrator corrects.
    official_name = models.CharField(
        _("namn i text"),
        max_length=120,
        blank=True,
        # Also in the database: rows written by older migration states get "" (then filled).
        db_default="",
        help_text=_("Som kommunen skriver sitt namn, t.ex. Köpings kommun eller Falu kommun."),
    )
    # Gallring of uploaded import files and produced documents (core.jobs): they may hold
    # personal data, so the municipality decides how long they stay after the job.
    job_file_keep_days = models.PositiveSmallIntegerField(
        _("uppladdade filer sparas (dagar)"),
        # Also in the database: rows written without the column (older migrations' states)
        # get the same default.
        default=7,
        db_default=7,
        validators=[
            MinValueValidator(1, _("Filerna sparas minst en dag.")),
            MaxValueValidator(365, _("Filerna sparas högst 365 dagar.")),
        ],
        help_text=_(
            "Så länge sparas en importfil eller ett dokument efter att jobbet är klart; "
            "sedan tas filen bort."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A new row's field holds the database default (an expression) until it is saved.
        if not self.official_name or isinstance(self.official_name, DatabaseDefault):
            self.official_name = municipality_official_name(self.name)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "official_name"}
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kommunkod and self.county_code and not self.kommunkod.startswith(self.county_code):
            raise ValidationError(
                {"county_code": _("Kommunkoden börjar alltid med länskoden (t.ex. 1983 i län 19).")}
            )


class Organisation(models.Model):
    """An actor in the municipality's safety work: a department, a company, the police…"""

    class Kind(models.TextChoices):
        FORVALTNING = "forvaltning", _("Förvaltning")
        KOMMUNALT_BOLAG = "kommunalt_bolag", _("Kommunalt bolag")
        POLIS = "polis", _("Polis")
        RADDNINGSTJANST = "raddningstjanst", _("Räddningstjänst")
        VAKTARBOLAG = "vaktarbolag", _("Väktarbolag")
        FASTIGHETSBOLAG = "fastighetsbolag", _("Fastighetsbolag")
        FORENING = "forening", _("Förening")
        NARINGSLIV = "naringsliv", _("Näringsliv")
        LANSSTYRELSE = "lansstyrelse", _("Länsstyrelse")
        ANNAN = "annan", _("Annan")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    email = models.EmailField(_("funktionsadress för e-post"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="organisation_unique_name",
                violation_error_message=_("Det finns redan en organisation med det namnet."),
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's role in one organisation of one municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    # Denormalised from the organisation so that the tenant filter is one indexed column.
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique",
                violation_error_message=_("Personen har redan den rollen i organisationen."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


class AuditEvent(models.Model):
    """One security or domain event. Written inside the service's transaction."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Inloggning")
        LOGIN_FAILED = "login_failed", _("Misslyckad inloggning")
        LOGOUT = "logout", _("Utloggning")
        LOCKOUT = "lockout", _("Kontot låst efter misslyckade försök")
        PASSWORD_RESET = "password_reset", _("Lösenord återställt")
        OTP_ENROLLED = "otp_enrolled", _("Tvåfaktorsinloggning aktiverad")
        OTP_REMOVED = "otp_removed", _("Tvåfaktorsinloggning borttagen")
        OTP_FAILED = "otp_failed", _("Felaktig engångskod")
        ROLE_GRANTED = "role_granted", _("Roll tilldelad")
        ROLE_REVOKED = "role_revoked", _("Roll borttagen")
        CREATED = "created", _("Skapad")
        UPDATED = "updated", _("Ändrad")
        DELETED = "deleted", _("Borttagen")
        IMPORTED = "imported", _("Importerad")
        MUNICIPALITY_SWITCHED = "municipality_switched", _("Bytte kommun")
        VIEWED_ORIGINAL = "viewed_original", _("Läste skyddade uppgifter")
        EXPORTED = "exported", _("Exporterade uppgifter")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    # Null for events that belong to no municipality, such as a failed login.
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The typed, dotted name from the audit-event registry (core/audit.py), e.g.
    # "reports.assigned". `action` is the untyped kind of rows written before names existed;
    # it is kept because an audit trail is not rewritten, and nothing writes it any more
    # (audit_log takes only a registered event).
    event = models.CharField(_("händelse"), max_length=60, blank=True, db_index=True)
    action = models.CharField(_("typ"), max_length=40, choices=Action.choices, blank=True)
    object_type = models.CharField(_("objekttyp"), max_length=60, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    summary = models.CharField(_("sammanfattning"), max_length=300, blank=True)
    data = models.JSONField(_("detaljer"), default=dict, blank=True)

    class Meta:
        verbose_name = _("granskningshändelse")
        verbose_name_plural = _("granskningslogg")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["municipality", "-at"], name="audit_muni_at"),
            # The audit page's "every event of this object".
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.event or self.get_action_display()}"


class RateLimitHit(models.Model):
    """One counted request for rate limiting across server processes. The client is stored
    only as a keyed hash, never as an IP address."""

    bucket = models.CharField(max_length=40)
    client = models.CharField(max_length=32)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["bucket", "client", "at"], name="ratelimit_lookup")]

    def __str__(self):
        return f"{self.bucket} {self.at:%Y-%m-%d %H:%M}"


class UsedChallenge(models.Model):
    """A solved proof-of-work challenge; storing it stops the same solution being replayed."""

    signature = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.signature[:12]


class PeriodicRun(models.Model):
    """That a daily job was enqueued for a day; the unique key stops two processes from
    enqueuing it twice."""

    name = models.CharField(max_length=60)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="periodic_once")]

    def __str__(self):
        return f"{self.name} {self.day}"


class Heartbeat(models.Model):
    """One row that /healthz rewrites: proof that the database accepts a write (a full disk
    or a read-only replica still answers SELECT 1)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S}"
