"""The county (Länsstyrelsen) and what municipalities publish to it.

A county user belongs to a County through a CountyMembership and has no Membership in any
municipality, so core's middleware gives them no municipality and every municipal page turns
them away. They read only Snapshots: dated aggregates a municipality chose to publish.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality

from .codes import COUNTY_CODES


class County(models.Model):
    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    # Every municipality of the county as [{"kommunkod", "name"}], also those not in Trygg,
    # so that one that publishes nothing is listed as such instead of missing.
    municipalities = models.JSONField(default=list)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self):
        return self.name


class CountyMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="county_memberships"
    )
    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskap i länet")
        constraints = [
            models.UniqueConstraint(fields=["user", "county"], name="county_member_once")
        ]

    def __str__(self):
        return f"{self.user_id} i {self.county_id}"


class CategoryMapping(models.Model):
    """One of the municipality's report categories mapped to the county's code list."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("reports.Category", on_delete=models.CASCADE, related_name="+")
    county_code = models.CharField(_("länets kategori"), max_length=20, choices=COUNTY_CODES)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "category"], name="county_map_once")
        ]

    def __str__(self):
        return f"{self.category_id} → {self.county_code}"


class Snapshot(models.Model):
    """What one municipality published to its county on one day. `figures` holds only
    aggregates (suppressed at publication); `h3_counts` feeds the county's Gi* job and is
    never shown on any page."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="snapshots")
    published_at = models.DateTimeField(_("publicerad"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    withdrawn_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    figures = models.JSONField(default=dict)
    h3_counts = models.JSONField(default=dict)

    # Both dimensions: a municipality sees its own, the county those of its municipalities.
    objects = ScopedManager(municipality="municipality", county="county")

    class Meta:
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["county", "municipality", "withdrawn_at"])]

    def __str__(self):
        return f"Sammanställning {self.pk}"


class HotspotRun(models.Model):
    """One run of the county's Gi* job: only the significant cells, each with its z-score
    and the municipalities whose counts touch it."""

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="hotspot_runs")
    ran_at = models.DateTimeField(auto_now_add=True)
    snapshot_ids = models.JSONField(default=list)
    cells = models.JSONField(default=list)
    text = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(county="county")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self):
        return f"Brännpunktsanalys {self.pk}"
