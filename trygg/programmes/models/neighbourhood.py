"""Grannsamverkan: the areas with their kontaktombud and the area messages sent to them.

An area is a geo Area (drawn, uploaded or chosen), so reports placed in it count for its
trend without a second geometry. Ombud have no login: the municipality keeps their contact
(read only by those who manage grannsamverkan, audited) and for households only counts."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.jobs import Job
from trygg.core.models import Municipality
from trygg.geo.models import Area

from .register import Programme


def new_message_token() -> str:
    # 128 bits: the link in the e-mail or SMS is the ombud's only key to the page.
    return secrets.token_urlsafe(16)


class NeighbourhoodArea(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="neighbourhood_areas"
    )
    name = models.CharField(_("namn"), max_length=200)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("område på kartan")
    )
    comparison_area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("jämförelseområde"),
    )
    started_on = models.DateField(_("startdatum"))
    signs_up = models.PositiveIntegerField(_("uppsatta skyltar"), default=0)
    last_annual_meeting = models.DateField(_("senaste årsmöte"), null=True, blank=True)
    households_in = models.PositiveIntegerField(_("hushåll som är med"), default=0)
    households_out = models.PositiveIntegerField(_("hushåll som inte är med"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="neighbourhood_area_unique_name",
                violation_error_message=_("Det finns redan ett grannsamverkansområde med namnet."),
            )
        ]

    def __str__(self):
        return self.name


class Ombud(models.Model):
    """A kontaktombud of an area. Personal data: kept while active and `OMBUD_KEEP_DAYS`
    after stepping down (the retention job deletes it then)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(NeighbourhoodArea, on_delete=models.CASCADE, related_name="ombud")
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("mobilnummer"), max_length=20, blank=True)
    ended_on = models.DateField(_("slutade"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class AreaMessage(Job):
    """A message to the ombud of the chosen areas, sent by the task worker (the job base
    gives it progress and stale detection) and always readable on its own page."""

    class Sender(models.TextChoices):
        POLIS = "polis", _("Polisen")
        KOMMUN = "kommun", _("Kommunen")

    FILE_DIR = "grannsamverkan"
    ROW_KEEP = None  # the retention job deletes messages by their own rule (services)

    areas = models.ManyToManyField(NeighbourhoodArea, related_name="messages")
    sender = models.CharField(_("avsändare"), max_length=8, choices=Sender.choices)
    subject = models.CharField(_("rubrik"), max_length=120)
    body = models.TextField(_("meddelande"))
    token = models.CharField(max_length=32, unique=True, default=new_message_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Job.Meta):
        pass

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """One try to reach one ombud by one channel; a failure keeps its reason."""

    class Channel(models.TextChoices):
        EPOST = "epost", _("E-post")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        VANTAR = "vantar", _("Väntar")
        SKICKAD = "skickad", _("Skickad")
        MISSLYCKAD = "misslyckad", _("Misslyckades")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    message = models.ForeignKey(AreaMessage, on_delete=models.CASCADE, related_name="deliveries")
    ombud = models.ForeignKey(Ombud, null=True, on_delete=models.SET_NULL, related_name="+")
    area = models.ForeignKey(
        NeighbourhoodArea, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=6, choices=Channel.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.VANTAR)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.get_status_display()}"
