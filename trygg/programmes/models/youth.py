"""Youth activities (goal G4): the catalogue of what children and young people can do, and
the sessions held with participants counted by age band and sex. No names are ever stored:
the counts are the whole record of who came."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.geo.models import Area

from .register import Programme

# Monday first, as Swedish calendars are; `Activity.weekdays` holds these digits.
WEEKDAYS = (
    ("0", _("måndag")),
    ("1", _("tisdag")),
    ("2", _("onsdag")),
    ("3", _("torsdag")),
    ("4", _("fredag")),
    ("5", _("lördag")),
    ("6", _("söndag")),
)


class YouthAgeBand(models.TextChoices):
    # School stages: lågstadiet/mellanstadiet, högstadiet, gymnasiet, young adults.
    A6_12 = "6-12", _("6–12 år")
    A13_15 = "13-15", _("13–15 år")
    A16_19 = "16-19", _("16–19 år")
    A20_25 = "20-25", _("20–25 år")


class YouthSex(models.TextChoices):
    FLICKA = "flicka", _("Flickor")
    POJKE = "pojke", _("Pojkar")
    ANNAT = "annat", _("Annat eller vill inte ange")


class Activity(models.Model):
    """A recurring activity in the catalogue: who runs it, where, when, for what ages."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="activities", verbose_name=_("program")
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("arrangör")
    )
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("område"),
    )
    place_name = models.CharField(_("plats"), max_length=200, blank=True)
    lat = models.FloatField(_("latitud"), null=True, blank=True)
    lon = models.FloatField(_("longitud"), null=True, blank=True)
    weekdays = models.CharField(_("veckodagar"), max_length=7)
    starts_at = models.TimeField(_("börjar"))
    ends_at = models.TimeField(_("slutar"))
    age_min = models.PositiveSmallIntegerField(
        _("från ålder"), validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("till ålder"), validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    cost_sek = models.DecimalField(_("kostnad (kr)"), max_digits=8, decimal_places=0, default=0)
    cost_note = models.CharField(_("om kostnaden"), max_length=200, blank=True)
    accessibility = models.CharField(_("tillgänglighet"), max_length=300, blank=True)
    season_start = models.DateField(_("första dag"))
    season_end = models.DateField(_("sista dag"), null=True, blank=True)
    active = models.BooleanField(_("visas"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["municipality", "active"], name="activity_muni_active")]

    def __str__(self):
        return self.name

    def weekday_labels(self) -> list[str]:
        names = dict(WEEKDAYS)
        return [str(names[d]) for d in self.weekdays if d in names]


class ActivitySession(models.Model):
    """One time an activity was held, with how many came (counted, never named)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("datum"))
    participants = models.PositiveIntegerField(_("deltagare"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "held_on"],
                name="activity_session_once_a_day",
                violation_error_message=_("Tillfället den dagen är redan registrerat."),
            )
        ]

    def __str__(self):
        return f"{self.activity} {self.held_on}"


class SessionCount(models.Model):
    """Participants of a session in one age band and sex."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(ActivitySession, on_delete=models.CASCADE, related_name="counts")
    age_band = models.CharField(max_length=6, choices=YouthAgeBand.choices)
    sex = models.CharField(max_length=8, choices=YouthSex.choices)
    count = models.PositiveIntegerField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["age_band", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "age_band", "sex"], name="session_count_unique"
            ),
            models.CheckConstraint(condition=models.Q(count__gte=0), name="session_count_gte0"),
        ]

    def __str__(self):
        return f"{self.age_band} {self.sex}: {self.count}"
