"""Parent support (goal G7): the offers (a programme such as ABC or Komet, how well its
effect is known, who runs it), and the events and lectures held, with participants counted
and the dialog survey that evaluates each one."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.dialog.models import Survey

from .register import Programme


class EvidenceLevel(models.TextChoices):
    # After Socialstyrelsen's and MFoF's wording for parent-support programmes.
    EVIDENSBASERAD = "evidens", _("Evidensbaserad (effekt visad i flera studier)")
    LOVANDE = "lovande", _("Lovande (stöd i enstaka studier)")
    PROVAS = "provas", _("Prövas (utvärderas lokalt)")
    OKAND = "okand", _("Okänd effekt")


class ParentOffer(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="parent_offers", verbose_name=_("program")
    )
    name = models.CharField(_("föräldraprogram"), max_length=200)
    evidence = models.CharField(_("evidensnivå"), max_length=8, choices=EvidenceLevel.choices)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("arrangör")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="parent_offer_unique_name",
                violation_error_message=_("Det finns redan ett erbjudande med det namnet."),
            )
        ]

    def __str__(self):
        return self.name


class ParentEvent(models.Model):
    """A lecture, group meeting or course evening: public in the calendar and its iCal feed."""

    class Kind(models.TextChoices):
        FORELASNING = "forelasning", _("Föreläsning")
        GRUPPTRAFF = "grupptraff", _("Gruppträff")
        INFORMATION = "information", _("Informationsträff")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(
        ParentOffer, on_delete=models.PROTECT, related_name="events", verbose_name=_("erbjudande")
    )
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=200)
    participants = models.PositiveIntegerField(_("deltagare"), null=True, blank=True)
    survey = models.ForeignKey(
        Survey,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utvärdering (enkät)"),
    )
    cancelled = models.BooleanField(_("inställd"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["municipality", "starts_at"], name="parent_event_muni_start")
        ]

    def __str__(self):
        return self.title
