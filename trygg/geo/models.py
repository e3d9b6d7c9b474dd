"""Areas every report and analysis refers to: the municipal boundary, districts, DeSO."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.models import Municipality


class Area(models.Model):
    class Kind(models.TextChoices):
        KOMMUNGRANS = "kommungrans", _("Kommungräns")
        STADSDEL = "stadsdel", _("Stadsdel")
        DESO = "deso", _("DeSO")
        EGEN = "egen", _("Eget område")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    # An official code when there is one (DeSO 1983C1050, RegSO, kommunkod).
    code = models.CharField(_("kod"), max_length=20, blank=True)
    # GeoJSON geometry (Polygon or MultiPolygon) in WGS84, lon/lat.
    geometry = models.JSONField(_("geometri"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    area_km2 = models.FloatField(_("yta (km²)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "name"],
                name="area_unique_name",
                violation_error_message=_(
                    "Det finns redan ett område av den typen med det namnet."
                ),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)
