"""Trygghetsvandringar: the walk from förmöte to re-walk (Boverket's and Brå's three steps —
förmöte, vandring, uppföljande möte — and a repeat walk months later).

A walk is a part of a dialogue (dialog.Dialogue); residents on it have no account and add
observations through the walk's join link; the leader reviews the observations, groups them
into findings with owners, and a finding becomes a measure or a report."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality, Organisation
from trygg.dialog.models import Dialogue, Survey
from trygg.forums.models import Decision, Forum, Meeting
from trygg.geo.models import Area
from trygg.reports.models import Report
from trygg.strategy.models import Measure


class ChecklistTemplate(models.Model):
    """What a walk inventories. One score scale per template, set when it is made."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    scale_min = models.PositiveSmallIntegerField(_("lägsta poäng"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("högsta poäng"), default=3)
    # The words for each score, lowest first ("Mycket dåligt" … "Bra").
    scale_labels = models.JSONField(_("poängens betydelse"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="checklist_unique_name")
        ]

    def __str__(self):
        return self.name


class ChecklistItem(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("kod"), max_length=40)
    label = models.CharField(_("punkt"), max_length=200)
    help = models.TextField(_("vad att titta efter"), blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="checklistitem_unique")
        ]

    def __str__(self):
        return self.label


def new_join_token() -> str:
    return secrets.token_urlsafe(16)


class Walk(models.Model):
    class Status(models.TextChoices):
        PLANERAD = "planerad", _("Planerad")
        GENOMFORD = "genomford", _("Genomförd, granskas")
        AVSLUTAD = "avslutad", _("Avslutad")
        INSTALLD = "installd", _("Inställd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("rubrik"), max_length=200)
    purpose = models.TextField(_("syfte"), blank=True)
    # Why the walk is held: a decision of the lägesbildsmöte (or another forum) and/or a
    # dialogue it is part of. The forum that ordered it holds the follow-up meeting.
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dialogue = models.ForeignKey(
        Dialogue, null=True, blank=True, on_delete=models.SET_NULL, related_name="walks"
    )
    forum = models.ForeignKey(
        Forum, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    # The planned route as a GeoJSON LineString (lon/lat), drawn on the basemap; optional.
    route = models.JSONField(_("slinga"), null=True, blank=True)
    meeting_point = models.CharField(_("samlingsplats"), max_length=200, blank=True)
    # The route in words: the non-map way to plan and read it (a screen reader, a printout).
    route_description = models.TextField(_("slingan i text"), blank=True)
    pre_meeting_on = models.DateField(_("förmöte"), null=True, blank=True)
    walk_on = models.DateField(_("datum för vandringen"))
    starts_at = models.TimeField(_("starttid"), null=True, blank=True)
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="+")
    pre_survey = models.ForeignKey(
        Survey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    # Participants as counts per group (boende, kommunen, föreningar, bostadsbolag, politiker,
    # polis, övriga): the representativeness check reads them; names only for staff.
    participant_counts = models.JSONField(_("deltagare per grupp"), default=dict, blank=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANERAD)
    # The per-walk join link for participants without an account: secret, expires with the
    # walk, revocable.
    join_token = models.CharField(max_length=40, unique=True, default=new_join_token)
    join_expires_at = models.DateTimeField(null=True, blank=True)
    join_revoked_at = models.DateTimeField(null=True, blank=True)
    follow_up_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A re-walk repeats an earlier walk on the same route 6–12 months later.
    previous_walk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rewalks"
    )
    # Where the effect on reports is compared (difference-in-differences; WDD with a
    # displacement area).
    comparison_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    displacement_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    protocol_public_text = models.TextField(_("sammanfattning för allmänheten"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["-walk_on", "pk"]

    def __str__(self):
        return self.title


class Observation(models.Model):
    """One thing seen on the walk, recorded on a phone: place, checklist item, score, text,
    photos. Private to the walk until the leader has reviewed it. The phone's client UUID is
    the idempotency key, so a retried sync never makes two."""

    class Review(models.TextChoices):
        NY = "ny", _("Ej granskad")
        GODKAND = "godkand", _("Granskad")
        AVVISAD = "avvisad", _("Avvisad")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    walk = models.ForeignKey(Walk, on_delete=models.CASCADE, related_name="observations")
    client_uuid = models.UUIDField(default=uuid.uuid4)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    h3_9 = models.BigIntegerField(null=True, blank=True)
    # Kept but flagged when the point is outside the walk's area.
    outside_area = models.BooleanField(default=False)
    item = models.ForeignKey(
        ChecklistItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.SmallIntegerField(null=True, blank=True)
    # Redacted before it is stored: a resident may write it.
    text = models.TextField(blank=True)
    recorded_at = models.DateTimeField()  # on the phone
    received_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_join_link = models.BooleanField(default=False)
    review = models.CharField(max_length=8, choices=Review.choices, default=Review.NY)
    # Recorded after the walk was closed (a phone that held drafts): accepted into review.
    late = models.BooleanField(default=False)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["walk", "client_uuid"], name="observation_once")
        ]

    def __str__(self):
        return f"Observation {self.pk}"


def _photo_path(instance, filename):
    return f"walks/{instance.municipality_id}/{instance.observation_id}/{uuid.uuid4().hex}.jpg"


class ObservationPhoto(models.Model):
    """A photo, re-encoded without EXIF as report photos are. Public only when approved: it may
    show people or number plates."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=_photo_path)
    thumbnail = models.ImageField(upload_to=_photo_path, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    public_ok = models.BooleanField(_("får visas offentligt"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Foto {self.pk}"


def new_owner_token() -> str:
    return secrets.token_urlsafe(16)


class Finding(models.Model):
    """Observations grouped by the leader into one finding with a responsible owner, a
    proposal and a deadline; it becomes a measure in the åtgärdsplan or a report in the
    workflow with one action, and the owner answers what they will do."""

    class Status(models.TextChoices):
        OPPEN = "oppen", _("Öppen")
        ATGARDAS = "atgardas", _("Åtgärdas")
        KLAR = "klar", _("Åtgärdad")
        AVFORD = "avford", _("Avförd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    walk = models.ForeignKey(Walk, on_delete=models.CASCADE, related_name="findings")
    title = models.CharField(_("brist"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    observations = models.ManyToManyField(Observation, blank=True, related_name="findings")
    item = models.ForeignKey(
        ChecklistItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_name = models.CharField(
        _("ansvarig"), max_length=200, help_text=_("T.ex. Trafikverket eller Köpingebostäder.")
    )
    owner_email = models.EmailField(_("e-post till ansvarig"), blank=True)
    proposal = models.TextField(_("förslag till åtgärd"))
    deadline = models.DateField(_("svar senast"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPPEN)
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The owner answers through a link sent by e-mail (no account needed).
    owner_token = models.CharField(max_length=40, unique=True, default=new_owner_token)
    owner_asked_at = models.DateTimeField(null=True, blank=True)
    owner_answer = models.TextField(_("ansvarigs svar"), blank=True)
    owner_answered_at = models.DateTimeField(null=True, blank=True)
    # On a re-walk, the finding of the earlier walk this one revisits (before/after).
    previous_finding = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisits"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.title
