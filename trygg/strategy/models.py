"""The strategic cycle: focus areas decided by the EST group and the yearly medborgarlöfte
(citizen promise) of the municipality and the police, with activities followed up in public."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality
from trygg.geo.models import Area


class Goal(models.TextChoices):
    """The guideline's goals; every measure and activity answers one of them."""

    G1 = "G1", _("G1 En trygg och säker kommun")
    G2 = "G2", _("G2 Få störningar och egendomsskador i kommunens verksamheter")
    G3 = "G3", _("G3 En gemensam lägesbild från inrapporteringssystemet")
    G4 = "G4", _("G4 Aktiviteter för barn och unga")
    G5 = "G5", _("G5 Stöd till kvinnojour och nattvandring")
    G6 = "G6", _("G6 Samverkan med polisen om unga och tidiga insatser mot rekrytering")
    G7 = "G7", _("G7 Information, föreläsningar och stöd till föräldrar")
    G8 = "G8", _("G8 Strukturerat och kunskapsbaserat arbete mot välfärdsbrott")


class FocusArea(models.Model):
    class Status(models.TextChoices):
        AKTIVT = "aktivt", _("Aktivt")
        AVSLUTAT = "avslutat", _("Avslutat")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("fokusområde"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    decided_on = models.DateField(_("beslutat"))
    decision_reference = models.CharField(
        _("beslutsreferens"), max_length=200, help_text=_("T.ex. EST-gruppen 2026-03-12 § 4.")
    )
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("områden"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AKTIVT)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-decided_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"],
                name="focusarea_unique_title",
                violation_error_message=_("Det finns redan ett fokusområde med den rubriken."),
            )
        ]

    def __str__(self):
        return self.title


class CitizenPromise(models.Model):
    """Medborgarlöfte: one a year, signed by the municipality and the police."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("rubrik"), max_length=200)
    introduction = models.TextField(_("inledning"), blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="promises", verbose_name=_("fokusområden")
    )
    signed_on = models.DateField(_("undertecknat"), null=True, blank=True)
    signed_by_municipality = models.CharField(
        _("undertecknat för kommunen av"), max_length=200, blank=True
    )
    signed_by_police = models.CharField(
        _("undertecknat för polisen av"), max_length=200, blank=True
    )
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="promise_one_per_year",
                violation_error_message=_("Kommunen har redan ett medborgarlöfte för det året."),
            )
        ]

    def __str__(self):
        return f"Medborgarlöfte {self.year}"

    @property
    def published(self) -> bool:
        return self.published_at is not None


class PromiseActivity(models.Model):
    class Owner(models.TextChoices):
        KOMMUN = "kommun", _("Kommunen")
        POLIS = "polis", _("Polisen")
        ANNAN = "annan", _("Annan aktör")

    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        PAGAR = "pagar", _("Pågår")
        GENOMFORD = "genomford", _("Genomförd")
        INSTALLD = "installd", _("Inställd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    promise = models.ForeignKey(CitizenPromise, on_delete=models.CASCADE, related_name="activities")
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("fokusområde"),
    )
    title = models.CharField(_("aktivitet"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    owner = models.CharField(_("ansvarig"), max_length=8, choices=Owner.choices)
    owner_name = models.CharField(_("annan aktör"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANERAD)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    goal = models.CharField(
        _("mål i riktlinjen"), max_length=2, choices=Goal.choices, default=Goal.G1
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class CrimeStatistic(models.Model):
    """Official statistics for a municipality, a county or the country from a named source
    file (public data, shared read-only by every tenant). Loaded only by the operator command
    and the demo loader, so no municipality's upload changes another's comparison."""

    # The source file's key (e.g. "bra-kommunindikatorer"): a reload replaces its rows.
    dataset = models.CharField(max_length=100)
    region_code = models.CharField(max_length=4, db_index=True)
    region_name = models.CharField(max_length=100)
    region_kind = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=200)
    unit = models.CharField(max_length=10)
    # None: suppressed in the source ("..").
    value = models.FloatField(null=True)
    source = models.CharField(max_length=100)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "region_code", "year", "indicator", "unit", "source"],
                name="crimestat_unique_per_dataset",
            )
        ]

    def __str__(self):
        return f"{self.region_name} {self.year} {self.indicator}"


class MunicipalStatistic(models.Model):
    """Statistics a municipality uploaded itself: its own, read and audited in its tenant only.
    National or county rows in its file stay here too, never in the shared source."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(max_length=4)
    region_name = models.CharField(max_length=100)
    region_kind = models.CharField(max_length=6)
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=200)
    unit = models.CharField(max_length=10)
    value = models.FloatField(null=True)
    source = models.CharField(max_length=100)
    imported_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "region_code", "year", "indicator", "unit", "source"],
                name="municipalstat_unique",
            )
        ]

    def __str__(self):
        return f"{self.region_name} {self.year} {self.indicator}"


class DesoPopulation(models.Model):
    """SCB's population per DeSO and year (public, shared): the denominator of crime per
    1,000 inhabitants."""

    deso_code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deso_code", "year"], name="desopop_unique")]

    def __str__(self):
        return f"{self.deso_code} {self.year}"


class DesoCrimeCount(models.Model):
    """Reported offences per DeSO, offence group and registration year from the Police's
    per-municipality crime file: the municipality's own (the Police send it to each one)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    deso_code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    offence_group = models.CharField(max_length=200)
    count = models.PositiveIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "deso_code", "year", "offence_group"],
                name="desocrime_unique",
            )
        ]

    def __str__(self):
        return f"{self.deso_code} {self.year} {self.offence_group}"


class StrategicPicture(models.Model):
    """The biennial lägesbild the law (2023:196) requires: extent, consequences and causes of
    crime. Drafted from data, edited as Markdown in versions, sent on remiss, then decided."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        REMISS = "remiss", _("På remiss")
        BESLUTAD = "beslutad", _("Beslutad")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    start_year = models.PositiveSmallIntegerField(_("från år"))
    end_year = models.PositiveSmallIntegerField(_("till år"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UTKAST)
    decided_by = models.CharField(_("beslutande organ"), max_length=200, blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraf"), max_length=50, blank=True)
    decided_version = models.ForeignKey(
        "StrategicPictureVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "start_year"],
                name="strategic_picture_once",
                violation_error_message=_("Det finns redan en lägesbild för den perioden."),
            )
        ]

    def __str__(self):
        return f"Lägesbild {self.start_year}–{self.end_year}"


class StrategicPictureVersion(models.Model):
    """One saved text of the picture. Versions are never changed, only added."""

    SECTIONS = (
        ("omfattning", _("Omfattning")),
        ("konsekvenser", _("Konsekvenser")),
        ("orsaker", _("Orsaker")),
        ("kallor", _("Källor")),
    )

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    picture = models.ForeignKey(StrategicPicture, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    note = models.CharField(_("ändringen i korthet"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["picture", "number"], name="picture_version_unique")
        ]

    def __str__(self):
        return f"Version {self.number}"


class ProblemPicture(models.Model):
    """A problem analysed the SARA way: scanning, analysis, response, assessment; its figures
    come from a saved report filter and stay current."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("problem"), max_length=200)
    scanning = models.TextField(_("kartläggning (scanning)"), blank=True)
    analysis_where = models.TextField(_("analys: var"), blank=True)
    analysis_when = models.TextField(_("analys: när"), blank=True)
    analysis_who = models.TextField(_("analys: vilka drabbas"), blank=True)
    analysis_why = models.TextField(_("analys: varför"), blank=True)
    response = models.TextField(_("åtgärder (response)"), blank=True)
    assessment = models.TextField(_("utvärdering (assessment)"), blank=True)
    report_query = models.CharField(
        _("rapportfilter"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Filtret från rapportlistan som ringar in problemet, t.ex. kategori=3&omrade=7."
        ),
    )
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("områden"))
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="problems", verbose_name=_("fokusområden")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class ActionPlan(models.Model):
    """Åtgärdsplan for two years, decided from a decided strategic lägesbild."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        BESLUTAD = "beslutad", _("Beslutad")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("rubrik"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("från år"))
    end_year = models.PositiveSmallIntegerField(_("till år"))
    picture = models.ForeignKey(
        StrategicPicture,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("lägesbild"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UTKAST)
    decided_by = models.CharField(_("beslutande organ"), max_length=200, blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraf"), max_length=50, blank=True)
    follow_up_months = models.PositiveSmallIntegerField(_("uppföljning var … månad"), default=3)
    # Withdrawn, never deleted: a plan or measure that was decided or followed up stays
    # readable with its history (the law asks for the work to be followed up).
    withdrawn_at = models.DateTimeField(_("tillbakadragen"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("skäl att dra tillbaka"), max_length=300, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-start_year"]

    def __str__(self):
        return self.title

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        PAGAR = "pagar", _("Pågår")
        GENOMFORD = "genomford", _("Genomförd")
        AVBRUTEN = "avbruten", _("Avbruten")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("åtgärd"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    problem = models.ForeignKey(
        ProblemPicture,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        verbose_name=_("problembild"),
    )
    owner = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarig organisation"),
    )
    owner_person = models.CharField(_("ansvarig person"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"))
    budget_sek = models.DecimalField(
        _("budget (kr)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANERAD)
    goal = models.CharField(
        _("mål i riktlinjen"), max_length=2, choices=Goal.choices, default=Goal.G1
    )
    # For the measured effect: where it acts, where it is compared, and on what.
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("område där åtgärden görs"),
    )
    comparison_area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("jämförelseområde"),
    )
    effect_category = models.ForeignKey(
        "reports.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kategori som ska minska"),
    )
    withdrawn_at = models.DateTimeField(_("tillbakadragen"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("skäl att dra tillbaka"), max_length=300, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self):
        return self.title

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class MeasureFollowUp(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField(_("datum"))
    status = models.CharField(max_length=10, choices=Measure.Status.choices)
    text = models.TextField(_("uppföljning"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"Uppföljning {self.on}"


class Indicator(models.Model):
    """How a measure is followed up: counted from the reports (a category, optionally in an
    area, per quarter) or entered by hand; with a target."""

    class Kind(models.TextChoices):
        DATA = "data", _("Från rapporterna")
        MANUELL = "manuell", _("Manuellt värde")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indikator"), max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    category = models.ForeignKey(
        "reports.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kategori"),
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("område"),
    )
    target = models.FloatField(_("mål"), null=True, blank=True)
    lower_is_better = models.BooleanField(_("lägre är bättre"), default=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    on = models.DateField(_("avser datum"))
    value = models.FloatField(_("värde"))

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["on"]

    def __str__(self):
        return f"{self.indicator} {self.on}: {self.value}"
