"""Nattvandring (G5): an association's night-walk groups, the evenings they plan, who signs
up, the log of each evening walked and what the walkers saw.

Leaders are volunteers, not staff: a group's phone pages open through the group's secret
link (revocable and renewable, as a walk's join link). Nothing here holds a private person's
data beyond what the association agrees to: the contact is a function address, a sign-up is
a count of adults with at most a first name or nickname (removed a week after the evening),
and free text is refused when the PII scan finds anything in it."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.reports.models import Category, Report


def new_link_token() -> str:
    return secrets.token_urlsafe(16)


class NightWalkGroup(models.Model):
    """One association's night walkers, with the agreement the compensation is computed from."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="nightwalk_groups"
    )
    association = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("förening")
    )
    name = models.CharField(_("gruppens namn"), max_length=200)
    contact_email = models.EmailField(_("kontakt: funktionsadress för e-post"), blank=True)
    contact_phone = models.CharField(_("kontakt: föreningens telefon"), max_length=40, blank=True)
    agreement_on = models.DateField(_("överenskommelsen tecknad"))
    rate_sek = models.DecimalField(_("ersättning per kväll (kr)"), max_digits=8, decimal_places=0)
    link_token = models.CharField(max_length=40, unique=True, default=new_link_token)
    link_revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="nightwalk_group_unique_name",
                violation_error_message=_("Det finns redan en nattvandringsgrupp med det namnet."),
            )
        ]

    def __str__(self):
        return self.name


class NightWalkEvening(models.Model):
    """An evening the group plans to walk; walkers sign up for it through the group's link."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(NightWalkGroup, on_delete=models.CASCADE, related_name="evenings")
    walk_on = models.DateField(_("datum"))
    starts_at = models.TimeField(_("samling klockan"))
    meeting_place = models.CharField(_("samlingsplats"), max_length=200, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["walk_on", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "walk_on"],
                name="nightwalk_evening_unique_day",
                violation_error_message=_("Gruppen har redan en kväll planerad den dagen."),
            )
        ]

    def __str__(self):
        return f"{self.group} {self.walk_on:%Y-%m-%d}"


class NightWalkSignup(models.Model):
    """Walkers signing up for an evening: how many adults, and at most a first name or a
    nickname so the leader knows whom to wait for (blanked a week after the evening)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    evening = models.ForeignKey(NightWalkEvening, on_delete=models.CASCADE, related_name="signups")
    adults = models.PositiveSmallIntegerField(_("antal vuxna"))
    nickname = models.CharField(_("förnamn eller smeknamn (frivilligt)"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.adults} vuxna, {self.evening}"


class NightWalkLog(models.Model):
    """One evening walked: the route (drawn, recorded or typed), how many walked, and whether
    an orosanmälan was made. The phone's client UUID makes a repeated send a no-op."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(NightWalkGroup, on_delete=models.PROTECT, related_name="logs")
    evening = models.ForeignKey(
        NightWalkEvening, null=True, blank=True, on_delete=models.SET_NULL, related_name="logs"
    )
    client_uuid = models.UUIDField()
    walked_on = models.DateField(_("datum"))
    walkers = models.PositiveSmallIntegerField(_("antal vuxna som gick"))
    # [[lat, lon], …] as drawn on the map or recorded by the phone's GPS.
    route = models.JSONField(default=list, blank=True)
    # The H3 cells (resolution 9) the route passes, for the map against the hot spots.
    route_cells = models.JSONField(default=list, blank=True)
    route_text = models.CharField(_("områden och gator"), max_length=500, blank=True)
    concern_reported = models.BooleanField(_("orosanmälan gjord"), default=False)
    note = models.TextField(_("övrigt (inga personuppgifter)"), blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-walked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "client_uuid"], name="nightwalk_log_unique_client_uuid"
            ),
            models.UniqueConstraint(
                fields=["group", "walked_on"],
                name="nightwalk_log_unique_day",
                violation_error_message=_("Kvällen är redan loggad för gruppen."),
            ),
        ]

    def __str__(self):
        return f"{self.group} {self.walked_on:%Y-%m-%d}"


class NightWalkObservation(models.Model):
    """Something the walkers saw, coded to a report category; one action makes it a report."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    log = models.ForeignKey(NightWalkLog, on_delete=models.CASCADE, related_name="observations")
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("kategori")
    )
    text = models.CharField(_("vad ni såg"), max_length=1000, blank=True)
    place_text = models.CharField(_("plats"), max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.category} ({self.log})"
