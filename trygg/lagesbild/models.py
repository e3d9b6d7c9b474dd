"""The operational lägesbild: the police's input for a period, and the lägesbildsmöte every
14 days with its agenda, decisions that direct resources (insatser) and action items."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.jobs import Job
from trygg.core.models import Municipality, Organisation
from trygg.geo.models import Area
from trygg.reports.models import Sensitivity


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


class Forum(models.TextChoices):
    """The guideline's forums; they share one meeting and agenda model."""

    LAGESBILD = "lagesbild", _("Lägesbildsmöte")
    BRA = "bra", _("BRÅ (brottsförebyggande rådet)")
    EST = "est", _("EST-gruppen")
    KLG = "klg", _("Kommunledningsgruppen (KLG)")
    STORA = "stora", _("Stora samverkansgruppen")


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANERAT = "planerat", _("Planerat")
        GENOMFORT = "genomfort", _("Genomfört")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    forum = models.CharField(
        _("forum"), max_length=10, choices=Forum.choices, default=Forum.LAGESBILD
    )
    held_at = models.DateTimeField(_("mötestid"))
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
        return f"{self.get_forum_display()} {self.held_at:%Y-%m-%d}"

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
    """A decision that directs resources (insats): where, when, who, what, until when."""

    class Status(models.TextChoices):
        BESLUTAD = "beslutad", _("Beslutad")
        GENOMFORD = "genomford", _("Genomförd")
        DELVIS = "delvis", _("Delvis genomförd")
        EJ_GENOMFORD = "ej_genomford", _("Ej genomförd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("område"),
    )
    place = models.CharField(_("plats"), max_length=200, blank=True)
    what = models.TextField(_("insats"))
    time_window = models.CharField(
        _("tidsfönster"), max_length=200, blank=True, help_text=_("T.ex. fredag–lördag 20–02.")
    )
    responsible = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarig organisation"),
    )
    until = models.DateField(_("till och med"))
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.BESLUTAD)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.what[:80]


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


class PoliceInput(models.Model):
    """The local police's lägesbild for a period: free text and structured items."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    summary = models.TextField(_("polisens lägesbild i fritext"), blank=True)
    sensitivity = models.CharField(
        _("skyddsnivå"), max_length=12, choices=Sensitivity.choices, default=Sensitivity.BEGRANSAD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self):
        return f"Polisens lägesbild {self.period_start}–{self.period_end}"


class PoliceInputItem(models.Model):
    class Theme(models.TextChoices):
        UNGDOMAR = "ungdomar", _("Ungdomar och grupperingar")
        NARKOTIKA = "narkotika", _("Narkotika")
        VALD = "vald", _("Våld och hot")
        EGENDOM = "egendom", _("Stöld, inbrott och skadegörelse")
        TRAFIK = "trafik", _("Trafik")
        ORDNING = "ordning", _("Ordningsstörningar")
        ANNAT = "annat", _("Annat")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    police_input = models.ForeignKey(PoliceInput, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("område"),
    )
    theme = models.CharField(_("tema"), max_length=12, choices=Theme.choices)
    text = models.TextField(_("beskrivning"))
    reference = models.CharField(_("referens"), max_length=100, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_theme_display()


class DocumentJob(Job):
    """A lägesbild document for a long period, produced by the task worker. It holds what
    its creator may read, so only the creator downloads it; it is deleted after a week."""

    FILE_DIR = "documents"
    ROW_KEEP = timedelta(days=7)

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", _("Word (DOCX)")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    fmt = models.CharField(_("format"), max_length=4, choices=Format.choices)
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    resolution = models.PositiveSmallIntegerField(_("upplösning"), default=8)
    # What the creator could read when it was made (roles and organisations): a download
    # by someone whose access has changed since is refused.
    access = models.CharField(max_length=500, blank=True)

    class Meta(Job.Meta):
        pass

    def __str__(self):
        return f"Lägesbild {self.period_start}–{self.period_end} ({self.fmt})"
