"""Support programmes without case data: the kvinnojour's support agreements with their
annual reports (G5), and the youth–police cooperation and SSPF (G6), which store aggregate
counts per quarter, recruitment concerns as counts by area, agreed routines and the forum the
cooperation meets in — never a person or a case."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.forums.models import Forum
from trygg.geo.models import Area

from .register import Programme


class SupportAgreement(models.Model):
    """An IOP or grant to the kvinnojour: who, how much, for which period and what it agrees
    to do (the indicators). The organisation is required: support without a recipient is
    money nobody can follow up."""

    class Form(models.TextChoices):
        IOP = "iop", _("IOP (idéburet offentligt partnerskap)")
        BIDRAG = "bidrag", _("Bidrag")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="support_agreements"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    form = models.CharField(_("form"), max_length=8, choices=Form.choices)
    amount_sek = models.DecimalField(_("belopp (kr)"), max_digits=12, decimal_places=0)
    paid_sek = models.DecimalField(
        _("utbetalt hittills (kr)"), max_digits=12, decimal_places=0, default=0
    )
    start = models.DateField(_("gäller från"))
    end = models.DateField(_("gäller till"))
    purpose = models.TextField(_("vad stödet avser"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-start", "pk"]

    def __str__(self):
        return f"{self.get_form_display()} {self.start.year}–{self.end.year}"


class AgreementIndicator(models.Model):
    """An activity the agreement says the kvinnojour will report, with its target (per year)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        SupportAgreement, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("aktivitet"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=40, blank=True)
    target = models.PositiveIntegerField(_("mål per år"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


def _report_path(instance, filename):
    # The uploaded name is dropped: it may carry a name, and the file is found by its row.
    suffix = ".pdf" if instance.content_type == "application/pdf" else ".docx"
    return f"programmes/support/{instance.municipality_id}/{uuid.uuid4().hex}{suffix}"


class AnnualReport(models.Model):
    """The kvinnojour's annual report for one year of an agreement, and the samordnare's
    review of it. The file is private: served only through a view that checks the grant."""

    class FollowUp(models.TextChoices):
        EJ_GRANSKAD = "ej_granskad", _("Ej granskad")
        GODKAND = "godkand", _("Godkänd")
        KOMPLETTERING = "komplettering", _("Komplettering begärd")
        ATGARD = "atgard", _("Åtgärd krävs")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        SupportAgreement, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    file = models.FileField(upload_to=_report_path, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Set when the retention job removed the file; the review and the figures stay.
    file_removed_on = models.DateField(null=True, blank=True)
    follow_up = models.CharField(
        _("uppföljningsstatus"),
        max_length=14,
        choices=FollowUp.choices,
        default=FollowUp.EJ_GRANSKAD,
    )
    review_summary = models.TextField(_("sammanfattande bedömning"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                name="annual_report_once_a_year",
                violation_error_message=_("Årsrapporten för det året är redan uppladdad."),
            )
        ]

    def __str__(self):
        return f"Årsrapport {self.year}"


class IndicatorReview(models.Model):
    """The reviewer's assessment of one agreed activity in an annual report."""

    class Assessment(models.TextChoices):
        UPPNATT = "uppnatt", _("Uppnått")
        DELVIS = "delvis", _("Delvis uppnått")
        EJ = "ej", _("Ej uppnått")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="reviews")
    indicator = models.ForeignKey(AgreementIndicator, on_delete=models.CASCADE, related_name="+")
    reported = models.PositiveIntegerField(_("redovisat"))
    assessment = models.CharField(_("bedömning"), max_length=8, choices=Assessment.choices)
    comment = models.CharField(_("kommentar"), max_length=500, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_review_once")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.get_assessment_display()}"


class QuarterCount(models.Model):
    """A quarter of the youth–police cooperation or SSPF in counts only: no case is stored,
    so the counts are all there is (the police and the samordnare enter them)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="quarter_counts"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    open_at_start = models.PositiveIntegerField(_("pågående vid kvartalets början"))
    started = models.PositiveIntegerField(_("påbörjade"))
    ended = models.PositiveIntegerField(_("avslutade"))
    goal_met = models.PositiveIntegerField(_("avslutade med uppnått mål"))
    consent = models.PositiveIntegerField(_("samtycke inhämtat"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "quarter"],
                name="quarter_count_once",
                violation_error_message=_("Det kvartalet är redan registrerat."),
            )
        ]

    def __str__(self):
        return f"{self.year} kv {self.quarter}"


class RecruitmentConcern(models.Model):
    """How many young people the cooperation was concerned about being recruited into crime
    in an area in the quarter: a count by area, never who."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    quarter = models.ForeignKey(QuarterCount, on_delete=models.CASCADE, related_name="concerns")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("antal"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["area__name"]
        constraints = [
            models.UniqueConstraint(fields=["quarter", "area"], name="concern_once_per_area")
        ]

    def __str__(self):
        return f"{self.area}: {self.count}"


class CooperationRoutine(models.Model):
    """A routine the cooperation has agreed on (how a worry is passed on, who calls whom),
    reviewed by a date so that it does not silently go stale."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="routines")
    title = models.CharField(_("rutin"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    agreed_on = models.DateField(_("beslutad"))
    review_by = models.DateField(_("ses över senast"))
    last_reviewed_on = models.DateField(_("senast översedd"), null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["review_by", "pk"]

    def __str__(self):
        return self.title


class CooperationForum(models.Model):
    """The forum the cooperation meets in: its meetings stay in the forums app."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="cooperation_forum"
    )
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(municipality="municipality")

    def __str__(self):
        return str(self.forum)
