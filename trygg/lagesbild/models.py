"""The operational lägesbild: the police's input for a period and the lägesbild documents.
The lägesbildsmöte and its agenda, decisions and action items live in trygg.forums."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.jobs import Job
from trygg.core.models import Municipality
from trygg.geo.models import Area
from trygg.reports.models import Sensitivity


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
