"""The control catalogue: the checks per process, who runs them and how often, and each
run's date, result and deviations. A control is overdue when its last run (or, before the
first, its start) is further back than its frequency."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality

from .analyses import Regelverk


class Control(models.Model):
    class Frequency(models.IntegerChoices):
        # Days between runs; a month is counted as 31 days so a run on the 31st is not late.
        VECKA = 7, _("Varje vecka")
        MANAD = 31, _("Varje månad")
        KVARTAL = 92, _("Varje kvartal")
        HALVAR = 183, _("Varje halvår")
        AR = 366, _("Varje år")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("kontroll"), max_length=160)
    regelverk = models.CharField(_("process (regelverk)"), max_length=24, choices=Regelverk.choices)
    description = models.TextField(_("hur kontrollen görs"), blank=True)
    performer = models.CharField(_("utförs av (funktion)"), max_length=120)
    frequency = models.PositiveIntegerField(
        _("hur ofta"), choices=Frequency.choices, default=Frequency.MANAD
    )
    starts_on = models.DateField(_("gäller från"))
    active = models.BooleanField(_("aktiv"), default=True)
    last_run_on = models.DateField(null=True, blank=True, editable=False)  # kept by the services

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["regelverk", "name", "pk"]

    def __str__(self):
        return self.name

    @property
    def due_on(self) -> date:
        """The day the next run is due."""
        return (self.last_run_on or self.starts_on) + timedelta(days=self.frequency)

    def overdue(self, today: date) -> bool:
        return self.active and self.due_on < today


class ControlRun(models.Model):
    class Result(models.TextChoices):
        UTAN_AVVIKELSE = "utan_avvikelse", _("Utan avvikelse")
        AVVIKELSE = "avvikelse", _("Avvikelse funnen")
        EJ_MOJLIG = "ej_mojlig", _("Kunde inte genomföras")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="runs")
    run_on = models.DateField(_("datum"))
    result = models.CharField(_("resultat"), max_length=16, choices=Result.choices)
    checked = models.PositiveIntegerField(_("antal granskade ärenden"), default=0)
    deviations = models.TextField(_("avvikelser"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-run_on", "-pk"]

    def __str__(self):
        return f"{self.control} {self.run_on}"
