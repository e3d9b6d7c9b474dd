"""Answers, the sample's one-time codes, the e-mails left for "tell me when results are
published", and the population the answers are weighted against.

Three stores, three lifetimes: an answer carries only its strata (DeSO, sex, age band) and
never the one-time code; the sample (Invitation) is deleted when the survey closes; the
e-mails (ResultSubscriber) are kept apart from the answers and deleted once told."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality
from trygg.geo.models import Area
from trygg.reports.models import Category

from .dialogue import Dialogue
from .surveys import Channel, Question, Survey, SurveyVersion


class Sex(models.TextChoices):
    KVINNA = "kvinna", _("Kvinna")
    MAN = "man", _("Man")


class AgeBand(models.TextChoices):
    # The NTU's bands (16–84 years) with the oldest open-ended.
    A16_24 = "16-24", _("16–24 år")
    A25_44 = "25-44", _("25–44 år")
    A45_64 = "45-64", _("45–64 år")
    A65 = "65-", _("65 år och äldre")


class Response(models.Model):
    """One person's answers to one version of a survey."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=8, choices=Survey.Mode.choices)
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=5, default="sv")  # sv, en, easy
    submitted_on = models.DateField()  # the day only: the time could tell who answered
    deso_code = models.CharField(max_length=10, blank=True, db_index=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, blank=True)
    # An open link's repeat-answer guard: a keyed hash of the device token (no raw token),
    # kept only while the survey is open; answers that look repeated are flagged, not lost.
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    looks_repeated = models.BooleanField(default=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["survey", "deso_code"], name="response_survey_deso")]

    def __str__(self):
        return f"Svar {self.pk} på {self.survey_id}"


class Answer(models.Model):
    """One question's answer. Free text and the map's reason are redacted before they are
    stored (a citizen fills them); a map point keeps its H3 cells so the public heat map never
    needs the exact point."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.CharField(max_length=60, blank=True)
    choices = models.JSONField(null=True, blank=True)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    h3_8 = models.BigIntegerField(null=True, blank=True)
    h3_9 = models.BigIntegerField(null=True, blank=True)
    # The map question's alternative (a named area), or the area the point falls in.
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    time_of_day = models.CharField(max_length=10, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    # Staff code free text with themes (the tag tree shared with report categories) and
    # approve a quote after the PII scan.
    themes = models.ManyToManyField(Category, blank=True, related_name="+")
    quotable = models.BooleanField(default=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["question", "choice"], name="answer_question_choice"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique")
        ]

    def __str__(self):
        return f"Svar på fråga {self.question_id}"


class Invitation(models.Model):
    """One member of a sampled survey's sample: a one-time code for a letter or an SMS, and
    the strata the answer will carry. The municipality's own reference (the row in its mail
    merge) is the only link to a person, and the whole list is deleted when the survey
    closes."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    code = models.CharField(max_length=16)
    reference = models.CharField(_("referens"), max_length=60, blank=True)
    deso_code = models.CharField(max_length=10, blank=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="invitation_code_unique")
        ]

    def __str__(self):
        return f"Inbjudan {self.pk}"


class ResultSubscriber(models.Model):
    """An e-mail left for "tell me when the results are published", apart from any answer."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="subscribers")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "email"], name="subscriber_unique")
        ]

    def __str__(self):
        return f"Prenumerant {self.pk}"


class PopulationStratum(models.Model):
    """SCB's population per DeSO, sex and (when imported) age band: public statistics, shared
    by every municipality, the margins answers are weighted to. An empty sex or age band is
    "all"."""

    deso_code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True)
    age_band = models.CharField(max_length=6, choices=AgeBand.choices, blank=True)
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["deso_code", "sex", "age_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["deso_code", "year", "sex", "age_band"], name="popstratum_unique"
            )
        ]

    def __str__(self):
        return f"{self.deso_code} {self.year} {self.sex or 'alla'} {self.age_band or 'alla'}"
