"""Surveys: versions of questions in sections, the question bank, and the open channels.

A published version's questions never change under its answers: editing a published survey
copies its questions into a new version, and answers keep the version they were given to."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality
from trygg.geo.models import Area

from .dialogue import Dialogue


def new_token() -> str:
    # The public link's key: unguessable, so a draft or a channel is not found by counting.
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    class Mode(models.TextChoices):
        # Never mixed in one figure: an open link's answers are a self-selected sample.
        OPEN = "open", _("Öppen länk (självselekterat urval)")
        SAMPLED = "sampled", _("Urval med engångskoder")

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        PUBLICERAD = "publicerad", _("Öppen för svar")
        STANGD = "stangd", _("Stängd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField(_("rubrik"), max_length=200)
    intro = models.TextField(_("inledning"), blank=True)
    intro_en = models.TextField(_("inledning på engelska"), blank=True)
    intro_easy = models.TextField(_("inledning på lättläst svenska"), blank=True)
    mode = models.CharField(_("svarssätt"), max_length=8, choices=Mode.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UTKAST)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    opens_on = models.DateField(_("öppnar"), null=True, blank=True)
    closes_on = models.DateField(_("stänger"), null=True, blank=True)
    # The survey this one repeats ("this year vs the last survey"): results compare the two.
    previous_round = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("föregående omgång"),
    )
    current_version = models.ForeignKey(
        "SurveyVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response_rate_note = models.TextField(_("bortfall och begränsningar"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(_("resultat publicerade"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLICERAD


class SurveyVersion(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["survey", "number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="surveyversion_unique")
        ]

    def __str__(self):
        return f"{self.survey} v{self.number}"

    @property
    def frozen(self) -> bool:
        """Published versions are frozen: their questions have answers."""
        return self.published_at is not None


class Section(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    title_easy = models.CharField(_("rubrik på lättläst svenska"), max_length=200, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class BankItem(models.Model):
    """A core question of the municipality's question bank, keyed to a national indicator (the
    NTU measure as BRÅ's kommunindikatorer name it) so results compare with national figures.
    The exact wording is imported by the municipality from the survey it follows."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kod"), max_length=60)
    indicator = models.CharField(_("indikator"), max_length=300)
    source = models.CharField(_("källa"), max_length=200)
    kind = models.CharField(_("frågetyp"), max_length=10)
    text = models.TextField(_("frågetext"))
    text_en = models.TextField(_("frågetext på engelska"), blank=True)
    text_easy = models.TextField(_("frågetext på lättläst svenska"), blank=True)
    options = models.JSONField(_("svarsalternativ"), default=list)
    # The options whose share is the indicator (e.g. "ganska otrygg" and "mycket otrygg").
    indicator_values = models.JSONField(default=list)
    imported_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="bankitem_unique")
        ]

    def __str__(self):
        return self.indicator


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Ett svarsalternativ")
        MULTIPLE = "multiple", _("Flera svarsalternativ")
        LIKERT = "likert", _("Skala")
        NUMBER = "number", _("Tal")
        TEXT = "text", _("Fritext")
        MAP = "map", _("Plats på karta")

    class Stratum(models.TextChoices):
        # A background question whose answer places the response in a stratum (the open
        # survey's only way to know it; a sampled survey has it from the sample).
        NONE = "", _("Ingen")
        SEX = "sex", _("Kön")
        AGE_BAND = "age_band", _("Åldersgrupp")
        DESO = "deso", _("Bostadsområde (DeSO)")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Stable across versions and rounds: results of "the same question" are matched on it.
    key = models.SlugField(_("nyckel"), max_length=60)
    kind = models.CharField(_("frågetyp"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("frågetext"))
    text_en = models.TextField(_("frågetext på engelska"), blank=True)
    text_easy = models.TextField(_("frågetext på lättläst svenska"), blank=True)
    help = models.TextField(_("hjälptext"), blank=True)
    required = models.BooleanField(_("obligatorisk"), default=False)
    # [{"value": "1", "label": "Mycket trygg", "label_en": "...", "label_easy": "..."}]
    options = models.JSONField(_("svarsalternativ"), default=list, blank=True)
    min_value = models.IntegerField(_("minsta tal"), null=True, blank=True)
    max_value = models.IntegerField(_("största tal"), null=True, blank=True)
    max_length = models.PositiveIntegerField(_("längsta svar (tecken)"), default=2000)
    map_time_of_day = models.BooleanField(_("fråga om tid på dygnet"), default=False)
    map_reason = models.BooleanField(_("fråga om orsak"), default=False)
    stratum = models.CharField(
        _("bakgrundsfråga"), max_length=10, choices=Stratum.choices, blank=True, default=""
    )
    # Conditional: shown only when an earlier question got one of these values.
    condition_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("visas om frågan"),
    )
    condition_values = models.JSONField(_("har svaret"), default=list, blank=True)
    bank_item = models.ForeignKey(
        BankItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="question_key_unique")
        ]

    def __str__(self):
        return self.text[:80]


class Channel(models.Model):
    """Where an open survey's link is spread (a QR poster at a place, a newsletter, a school):
    its own link, so results can say where answers came from."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="channels")
    name = models.CharField(_("kanal eller plats"), max_length=200)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
