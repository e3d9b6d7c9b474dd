"""The dialogue and its interview and focus-group sessions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality
from trygg.geo.models import Area
from trygg.reports.models import Category
from trygg.strategy.models import (
    CitizenPromise,
    FocusArea,
    Measure,
    PromiseActivity,
    StrategicPicture,
)


class Dialogue(models.Model):
    """One citizen dialogue with the fields SKR's styrkarta for dialogue names: the question,
    who decided it and why, the form, whom it is for, when, how the results are told back and
    how the dialogue itself is evaluated."""

    class Form(models.TextChoices):
        ENKAT = "enkat", _("Enkät")
        TRYGGHETSVANDRING = "vandring", _("Trygghetsvandring")
        INTERVJU = "intervju", _("Intervjuer")
        FOKUSGRUPP = "fokusgrupp", _("Fokusgrupper")
        OPPET_MOTE = "oppet_mote", _("Öppet möte")

    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        PAGAR = "pagar", _("Pågår")
        ANALYS = "analys", _("Analyseras")
        AVSLUTAD = "avslutad", _("Avslutad")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("rubrik"), max_length=200)
    question = models.TextField(
        _("frågeställning"), help_text=_("Vad vill kommunen veta, och varför just nu?")
    )
    decided_by = models.CharField(
        _("beslutad av"), max_length=200, help_text=_("T.ex. BRÅ 2026-03-12 § 4.")
    )
    forms = models.JSONField(
        _("former"), default=list, help_text=_("Enkät, trygghetsvandring, intervjuer …")
    )
    target_areas = models.ManyToManyField(
        Area, blank=True, related_name="+", verbose_name=_("område")
    )
    target_group = models.CharField(_("målgrupp"), max_length=300, blank=True)
    starts_on = models.DateField(_("från"))
    ends_on = models.DateField(_("till"))
    feedback_plan = models.TextField(
        _("så återkopplas resultatet"),
        help_text=_("Hur och när deltagarna och allmänheten får veta vad dialogen ledde till."),
    )
    evaluation = models.TextField(_("utvärdering av dialogen"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANERAD)
    # What the dialogue informs and what it led to.
    strategic_picture = models.ForeignKey(
        StrategicPicture,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lägesbild som dialogen ger underlag till"),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="+", verbose_name=_("fokusområden")
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="+", verbose_name=_("åtgärder")
    )
    promises = models.ManyToManyField(
        CitizenPromise, blank=True, related_name="+", verbose_name=_("medborgarlöften")
    )
    promise_activities = models.ManyToManyField(
        PromiseActivity, blank=True, related_name="+", verbose_name=_("aktiviteter i löftet")
    )
    # "Ni sa – vi gör": the public page of results and what was decided because of them.
    public_summary = models.TextField(_("ni sa – vi gör"), blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    @property
    def published(self) -> bool:
        return self.published_at is not None


class Session(models.Model):
    """An interview or a focus group: who took part as counts only, never names."""

    class Kind(models.TextChoices):
        INTERVJU = "intervju", _("Intervju")
        FOKUSGRUPP = "fokusgrupp", _("Fokusgrupp")
        OPPET_MOTE = "oppet_mote", _("Öppet möte")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    held_on = models.DateField(_("datum"))
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.TextField(_("syfte"))
    recruitment = models.TextField(_("så rekryterades deltagarna"))
    # Composition as counts per stratum: {"sex": {"kvinna": 4, "man": 3},
    # "age_band": {"16-24": 5, ...}} — the representativeness check reads these.
    composition = models.JSONField(_("sammansättning"), default=dict)
    participants = models.PositiveSmallIntegerField(_("antal deltagare"))
    consent_recorded = models.BooleanField(_("samtycke inhämtat"), default=False)
    consent_method = models.CharField(_("hur samtycket inhämtades"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title


class SessionNote(models.Model):
    """A note from a session, coded with themes; a quote is pseudonymised ("Deltagare A") and
    its text is scanned for personal data before it is stored."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("anteckning"))
    is_quote = models.BooleanField(_("citat"), default=False)
    speaker = models.CharField(_("pseudonym"), max_length=40, blank=True)
    themes = models.ManyToManyField(Category, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]
