"""Crime-proofing (Brå's template): per regelverk the risks, how each could be exploited,
likelihood × consequence, the proposed change, owner and status; reviewed on a schedule."""

import calendar
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


class Regelverk(models.TextChoices):
    FORENINGSBIDRAG = "foreningsbidrag", _("Föreningsbidrag")
    HEMTJANST_LOV = "hemtjanst_lov", _("Hemtjänst under LOV")
    ASSISTANS = "assistans", _("Personlig assistans")
    IOP = "iop", _("Idéburet offentligt partnerskap (IOP)")
    SERVERINGSTILLSTAND = "serveringstillstand", _("Serveringstillstånd")
    BOSTADSANPASSNING = "bostadsanpassning", _("Bostadsanpassningsbidrag")
    EKONOMISKT_BISTAND = "ekonomiskt_bistand", _("Ekonomiskt bistånd")
    UPPHANDLING = "upphandling", _("Upphandlade tjänster")
    ANNAT = "annat", _("Annat")


# The regelverk where the municipality pays out money or lets private performers bill it on
# their own reporting — the areas Brå's and SKR's reports name as most exposed. "Share of
# high-risk regelverk analysed" is counted against this list.
HIGH_RISK = (
    Regelverk.FORENINGSBIDRAG,
    Regelverk.HEMTJANST_LOV,
    Regelverk.ASSISTANS,
    Regelverk.IOP,
    Regelverk.BOSTADSANPASSNING,
    Regelverk.EKONOMISKT_BISTAND,
)


class Analysis(models.Model):
    """One regelverk's crime-proofing analysis."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    regelverk = models.CharField(_("regelverk"), max_length=24, choices=Regelverk.choices)
    scope = models.TextField(_("vad analysen omfattar"), blank=True)
    owner = models.CharField(_("ansvarig funktion"), max_length=120)
    review_months = models.PositiveSmallIntegerField(
        _("granskas var (månader)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    reviewed_on = models.DateField(_("senast granskad"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["regelverk", "pk"]

    def __str__(self):
        return self.get_regelverk_display()

    @property
    def next_review_on(self) -> date:
        return add_months(self.reviewed_on, self.review_months)

    def review_overdue(self, today: date) -> bool:
        return self.next_review_on < today


class Risk(models.Model):
    class Status(models.TextChoices):
        IDENTIFIERAD = "identifierad", _("Identifierad")
        PAGAR = "pagar", _("Ändring pågår")
        INFORD = "inford", _("Ändring införd")
        ACCEPTERAD = "accepterad", _("Accepterad risk")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField(_("risk"))
    exploitation = models.TextField(_("hur risken kan utnyttjas"))
    likelihood = models.PositiveSmallIntegerField(
        _("sannolikhet (1–4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens (1–4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    proposed_change = models.TextField(_("föreslagen ändring"), blank=True)
    owner = models.CharField(_("ansvarig funktion"), max_length=120)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDENTIFIERAD
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-likelihood", "-consequence", "pk"]

    def __str__(self):
        return self.description[:60]

    @property
    def score(self) -> int:
        return self.likelihood * self.consequence

    @property
    def level(self) -> str:
        # Brå's 4 × 4 matrix read in three bands.
        if self.score >= 9:
            return "Hög"
        return "Medel" if self.score >= 4 else "Låg"
