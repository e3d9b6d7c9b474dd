"""One register for every programme kind: who runs it, with whom, for whom, where and when,
what it costs, and its logic model (problem → activity → mechanism → outcome) with the
indicators that show whether the mechanism works."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.geo.models import Area
from trygg.reports.models import Category
from trygg.strategy.models import Goal, Measure, ProblemPicture, PromiseActivity


class ProgrammeKind(models.TextChoices):
    """The guideline's programme kinds, each under the goal it answers (KIND_GOAL)."""

    UNGDOMSAKTIVITETER = "ungdomsaktiviteter", _("Aktiviteter för barn och unga")
    NATTVANDRING = "nattvandring", _("Nattvandring")
    KVINNOJOUR = "kvinnojour", _("Stöd till kvinnojour")
    UNGA_POLIS = "unga_polis", _("Samverkan med polisen om unga")
    SSPF = "sspf", _("SSPF (skola, socialtjänst, polis, fritid)")
    FORALDRASTOD = "foraldrastod", _("Information och föräldrastöd")
    GRANNSAMVERKAN = "grannsamverkan", _("Grannsamverkan")


# Grannsamverkan is the root of the trygghetsvandringar and prevents burglary (G1).
KIND_GOAL: dict[str, str] = {
    ProgrammeKind.UNGDOMSAKTIVITETER: Goal.G4,
    ProgrammeKind.NATTVANDRING: Goal.G5,
    ProgrammeKind.KVINNOJOUR: Goal.G5,
    ProgrammeKind.UNGA_POLIS: Goal.G6,
    ProgrammeKind.SSPF: Goal.G6,
    ProgrammeKind.FORALDRASTOD: Goal.G7,
    ProgrammeKind.GRANNSAMVERKAN: Goal.G1,
}


class Partner(models.Model):
    """An association, company or other actor a programme works with, and on what terms."""

    class Agreement(models.TextChoices):
        IOP = "iop", _("IOP (idéburet offentligt partnerskap)")
        BIDRAG = "bidrag", _("Bidrag")
        AVTAL = "avtal", _("Avtal")
        INGET = "inget", _("Ingen överenskommelse")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey("Programme", on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    agreement = models.CharField(
        _("överenskommelse"), max_length=8, choices=Agreement.choices, default=Agreement.INGET
    )
    role = models.CharField(_("roll i programmet"), max_length=300, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                name="programme_partner_unique",
                violation_error_message=_("Organisationen är redan partner i programmet."),
            )
        ]

    def __str__(self):
        return str(self.organisation)


class Programme(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("typ av program"), max_length=20, choices=ProgrammeKind.choices)
    goal = models.CharField(_("mål i riktlinjen"), max_length=2, choices=Goal.choices)
    name = models.CharField(_("namn"), max_length=200)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarig organisation"),
    )
    target_group = models.CharField(_("målgrupp"), max_length=300, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("områden"))
    # The outcome evaluation: reports of a category in the programme's areas against a
    # comparison area where the programme does not run (difference in differences).
    comparison_area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("jämförelseområde"),
    )
    effect_category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rapportkategori för utfallet"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"), null=True, blank=True)
    budget_sek = models.DecimalField(
        _("budget (kr)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    # The logic model, one step per field (Brå's "förändringsteori").
    problem = models.TextField(_("problem"), blank=True)
    activity = models.TextField(_("aktivitet"), blank=True)
    mechanism = models.TextField(_("mekanism: varför aktiviteten bör verka"), blank=True)
    short_term_outcome = models.TextField(_("kortsiktigt resultat"), blank=True)
    long_term_outcome = models.TextField(_("långsiktigt resultat"), blank=True)
    # What it serves in the strategic cycle.
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="+", verbose_name=_("åtgärder i åtgärdsplanen")
    )
    problems = models.ManyToManyField(
        ProblemPicture, blank=True, related_name="+", verbose_name=_("problembilder")
    )
    promise_activities = models.ManyToManyField(
        PromiseActivity, blank=True, related_name="+", verbose_name=_("medborgarlöftesaktiviteter")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["goal", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="programme_unique_name",
                violation_error_message=_("Det finns redan ett program med det namnet."),
            )
        ]

    def __str__(self):
        return self.name


class ProgrammeIndicator(models.Model):
    """A step of the logic model made measurable: an output (sessions, walks, participants,
    messages) or an outcome, with its target."""

    class Level(models.TextChoices):
        PRESTATION = "prestation", _("Prestation (output)")
        KORT = "kort", _("Kortsiktigt resultat")
        LANG = "lang", _("Långsiktigt resultat")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    level = models.CharField(_("nivå"), max_length=10, choices=Level.choices)
    name = models.CharField(_("indikator"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    target = models.FloatField(_("mål"), null=True, blank=True)
    lower_is_better = models.BooleanField(_("lägre är bättre"), default=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["level", "pk"]

    def __str__(self):
        return self.name
