"""Pseudonymous case references. The form has no field for a person; organisations appear
only by organisation number (juridical persons), and every free text is scanned."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality

from .analyses import Regelverk
from .controls import Control


class Case(models.Model):
    class Kind(models.TextChoices):
        OSANNA_UPPGIFTER = "osanna_uppgifter", _("Osanna eller ofullständiga uppgifter")
        EJ_UTFORD = "ej_utford", _("Fakturering av tjänster som inte utförts")
        DUBBLA = "dubbla", _("Dubbla ersättningar")
        FORFALSKNING = "forfalskning", _("Förfalskade underlag")
        BULVAN = "bulvan", _("Bulvan eller dold ägare")
        ANNAT = "annat", _("Annat")

    class Detection(models.TextChoices):
        KONTROLL = "kontroll", _("Kontroll i kontrollplanen")
        HANDLAGGNING = "handlaggning", _("I handläggningen")
        TIPS = "tips", _("Tips")
        UNDERRATTELSE = "underrattelse", _("Underrättelse från annan myndighet")
        ANNAT = "annat", _("Annat")

    class Outcome(models.TextChoices):
        PAGAR = "pagar", _("Utredning pågår")
        ATERKRAV = "aterkrav", _("Återkrav beslutat")
        AVSLAG = "avslag", _("Ersättning stoppad eller avslagen")
        INGEN_ATGARD = "ingen_atgard", _("Ingen åtgärd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("referens"), max_length=20, editable=False)
    regelverk = models.CharField(_("område (regelverk)"), max_length=24, choices=Regelverk.choices)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    detection = models.CharField(_("hur det upptäcktes"), max_length=16, choices=Detection.choices)
    control = models.ForeignKey(
        Control,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("kontroll som upptäckte det"),
    )
    detected_on = models.DateField(_("upptäckt"))
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    amount_paid = models.DecimalField(
        _("utbetalt belopp (kr)"), max_digits=12, decimal_places=0, default=0
    )
    amount_reclaimed = models.DecimalField(
        _("återkrävt belopp (kr)"), max_digits=12, decimal_places=0, default=0
    )
    police_report_on = models.DateField(_("polisanmält"), null=True, blank=True)
    notifications_sent = models.PositiveSmallIntegerField(
        _("underrättelser skickade (2008:206)"), default=0
    )
    notifications_received = models.PositiveSmallIntegerField(
        _("underrättelser mottagna (2008:206)"), default=0
    )
    outcome = models.CharField(
        _("utfall"), max_length=16, choices=Outcome.choices, default=Outcome.PAGAR
    )
    summary = models.TextField(_("beskrivning utan personuppgifter"), blank=True)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-detected_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="welfare_case_reference_unique"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def days_to_police_report(self) -> int | None:
        if self.police_report_on is None:
            return None
        return (self.police_report_on - self.detected_on).days
