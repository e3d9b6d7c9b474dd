"""The guideline's forums (lägesbildsmöte, BRÅ, EST, KLG, Stora samverkansgruppen and their
working groups), who sits in them, and their meetings: agenda, § decisions and action items.

The meeting models came from trygg.lagesbild (migration forums 0001 moved them with their
rows and primary keys); the lägesbild fills the lägesbildsmöte's agenda from outside."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.geo.models import Area


class Forum(models.Model):
    class Kind(models.TextChoices):
        LAGESBILD = "lagesbild", _("Lägesbildsmöte")
        BRA = "bra", _("BRÅ (brottsförebyggande rådet)")
        EST = "est", _("EST-gruppen")
        KLG = "klg", _("Kommunledningsgruppen (KLG)")
        STORA = "stora", _("Stora samverkansgruppen")
        ARBETSGRUPP = "arbetsgrupp", _("Arbetsgrupp")

    # The forums the guideline names; every municipality gets one of each (working groups are
    # appointed later, under EST or Stora samverkansgruppen).
    DEFAULTS = (Kind.LAGESBILD, Kind.BRA, Kind.EST, Kind.KLG, Kind.STORA)
    # Working groups are appointed by these forums only.
    PARENT_KINDS = (Kind.EST, Kind.STORA)

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("typ av forum"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
        verbose_name=_("tillsatt av"),
    )
    purpose = models.TextField(_("uppdrag"), blank=True)
    active = models.BooleanField(_("aktivt"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        constraints = [
            # One of each guideline forum per municipality: meetings and agenda items find
            # "the BRÅ" by kind.
            models.UniqueConstraint(
                fields=["municipality", "kind"],
                condition=~models.Q(kind="arbetsgrupp"),
                name="forum_one_per_kind",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_operational(self) -> bool:
        """The lägesbildsmöte handles the police's picture: only operational roles read it."""
        return self.kind == self.Kind.LAGESBILD

    @property
    def decisions_direct_resources(self) -> bool:
        """Only the lägesbildsmöte's decisions are insatser (area, time window, owner, until)."""
        return self.kind == self.Kind.LAGESBILD


class ForumRole(models.TextChoices):
    CHAIR = "ordforande", _("Ordförande")
    CONVENER = "sammankallande", _("Sammankallande")
    SECRETARY = "sekreterare", _("Sekreterare")
    MEMBER = "ledamot", _("Ledamot")


class ForumMembership(models.Model):
    """A seat in a forum: a Trygg user, or an external person recorded by name and
    organisation only (the retention rule removes the name after the seat ends)."""

    # An external member's name is kept this long after the seat ended, for the minutes'
    # sake, then removed (gallring); the seat itself stays, anonymous, in the record.
    EXTERNAL_RETENTION = timedelta(days=2 * 365)

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("användare"),
    )
    person_name = models.CharField(_("namn"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(
        _("roll i forumet"), max_length=16, choices=ForumRole.choices, default=ForumRole.MEMBER
    )
    appointment_reference = models.CharField(
        _("beslut om uppdraget"),
        max_length=200,
        blank=True,
        help_text=_("För BRÅ:s ordförande: kommunfullmäktiges beslut, t.ex. KF § 45/2026."),
    )
    started_on = models.DateField(_("från"), default=timezone.localdate)
    ended_on = models.DateField(_("till"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["forum_id", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(person_name=""),
                name="forum_member_user_or_name",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            full = self.user.get_full_name()
            return full or self.user.get_username()
        return self.person_name or _("Tidigare extern ledamot")

    @property
    def active(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class MeetingSchedule(models.Model):
    """When the municipality's lägesbildsmöten are held (default every 14 days)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.PROTECT, related_name="+")
    first_date = models.DateField(_("första mötet"))
    interval_days = models.PositiveSmallIntegerField(_("dagar mellan mötena"), default=14)
    time_of_day = models.TimeField(_("klockslag"), default="09:00")
    place = models.CharField(_("plats"), max_length=200, blank=True)

    objects = ScopedManager(municipality="municipality")

    def __str__(self):
        return f"Var {self.interval_days}:e dag från {self.first_date}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANERAT = "planerat", _("Planerat")
        GENOMFORT = "genomfort", _("Genomfört")
        INSTALLT = "installt", _("Inställt")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("forum")
    )
    held_at = models.DateTimeField(_("mötestid"))
    # The lägesbild's period; other forums' meetings carry it too but never show it.
    period_start = models.DateField(_("perioden från"))
    period_end = models.DateField(_("perioden till"))
    place = models.CharField(_("plats"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANERAT)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("deltagande organisationer")
    )
    participants = models.TextField(_("deltagare"), blank=True, help_text=_("En per rad."))
    notes = models.TextField(_("anteckningar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-held_at"]
        indexes = [models.Index(fields=["municipality", "held_at"], name="meeting_muni_time")]

    def __str__(self):
        return f"{self.forum.name} {timezone.localtime(self.held_at):%Y-%m-%d}"

    @property
    def period_end_so_far(self):
        """The last day of the period that has happened, or None before the period begins.
        A meeting planned ahead has days in its period that have not come yet; no picture
        counts them (they would read as a fall), so no page shows them as covered either."""
        today = timezone.localdate()
        if self.period_start > today:
            return None
        return min(self.period_end, today)


class AgendaItem(models.Model):
    """One point on a meeting's agenda. Generated from the period's picture, carried over
    (open action items) or added by hand."""

    class Kind(models.TextChoices):
        GENERERAD = "genererad", _("Från lägesbilden")
        ATERKOMMANDE = "aterkommande", _("Återkommande åtgärd")
        MANUELL = "manuell", _("Tillagd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.MANUELL)
    title = models.CharField(_("rubrik"), max_length=300)
    body = models.TextField(_("underlag"), blank=True)
    link = models.CharField(max_length=500, blank=True)
    action_item = models.ForeignKey(
        "ActionItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    """A decision of a forum, numbered § n/year per forum. In the lägesbildsmöte it directs
    resources (an insats): where, when, who and until when — fields other forums leave empty."""

    class Status(models.TextChoices):
        BESLUTAD = "beslutad", _("Beslutad")
        GENOMFORD = "genomford", _("Genomförd")
        DELVIS = "delvis", _("Delvis genomförd")
        EJ_GENOMFORD = "ej_genomford", _("Ej genomförd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    # § number within the forum and the meeting's year, in order of meeting date.
    year = models.PositiveSmallIntegerField(_("år"), default=0)
    number = models.PositiveIntegerField(_("paragraf"), default=0)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("område"),
    )
    place = models.CharField(_("plats"), max_length=200, blank=True)
    what = models.TextField(_("beslut"))
    time_window = models.CharField(
        _("tidsfönster"), max_length=200, blank=True, help_text=_("T.ex. fredag–lördag 20–02.")
    )
    responsible = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarig organisation"),
    )
    until = models.DateField(_("till och med"), null=True, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.BESLUTAD)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["year", "number", "created_at"]

    def __str__(self):
        return f"{self.paragraph} {self.what[:80]}"

    @property
    def paragraph(self) -> str:
        return f"§ {self.number}/{self.year}"


class ActionItem(models.Model):
    """A task with an owner and a due date; it comes back on every meeting's agenda until done."""

    class Status(models.TextChoices):
        OPPEN = "oppen", _("Öppen")
        KLAR = "klar", _("Klar")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("åtgärd"), max_length=300)
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarig")
    )
    owner_name = models.CharField(_("ansvarig person"), max_length=200, blank=True)
    due = models.DateField(_("klart senast"))
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(_("hur det blev"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self):
        return self.title


class CalendarFeed(models.Model):
    """A person's secret iCalendar address for one forum. Only a digest of the secret is
    stored, so a copy of the database gives no working addresses; revoking answers 404."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="feeds")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Kalender {self.forum}"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()
