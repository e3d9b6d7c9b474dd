"""Areas every report and analysis refers to: the municipal boundary, districts, DeSO."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from trygg.core.jobs import Job
from trygg.core.models import Municipality


class Area(models.Model):
    class Kind(models.TextChoices):
        KOMMUNGRANS = "kommungrans", _("Kommungräns")
        STADSDEL = "stadsdel", _("Stadsdel")
        DESO = "deso", _("DeSO")
        TATORT = "tatort", _("Tätort")
        KOMMUNDEL = "kommundel", _("Kommundel")
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


class Basemap(models.Model):
    """What a municipality's maps draw under their data: nothing (the areas alone), an online
    raster tile service, or Trygg's own vector basemap (a PMTiles file served with ranges)."""

    class Source(models.TextChoices):
        NONE = "ingen", _("Ingen bakgrundskarta")
        ONLINE = "online", _("Bakgrundskarta på nätet (XYZ- eller WMTS-rutor)")
        OFFLINE = "offline", _("Egen bakgrundskarta (PMTiles, fungerar utan internet)")

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, related_name="+", primary_key=True
    )
    source = models.CharField(
        _("bakgrundskarta"), max_length=10, choices=Source.choices, default=Source.NONE
    )
    # A tile URL template with {z}, {x} and {y}: an XYZ service or a WMTS service's REST
    # (GetTile) address in Web Mercator. Its origin is added to the page's CSP.
    tile_url = models.URLField(_("adress till kartrutor"), max_length=500, blank=True)
    attribution = models.CharField(_("källa (visas på kartan)"), max_length=300, blank=True)
    # The offline basemap: a file under MEDIA_ROOT named by its content hash, which is also
    # its ETag, so a rebuilt basemap gets a new URL and old copies in caches are never mixed.
    offline_file = models.CharField(max_length=200, blank=True)
    offline_etag = models.CharField(max_length=64, blank=True)
    offline_size = models.PositiveBigIntegerField(default=0)
    offline_attribution = models.CharField(max_length=300, blank=True)
    offline_layers = models.JSONField(default=list, blank=True)
    offline_max_zoom = models.PositiveSmallIntegerField(default=0)
    offline_built_at = models.DateTimeField(null=True, blank=True)
    # The build's tätorter and water polygons, simplified, as {"tatorter": [[name, geometry],
    # ...], "water": [...]}: the server-side SVG maps (lägesbild, PDF) draw them under their
    # cells from this, not from tiles.
    offline_background = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("bakgrundskarta")
        verbose_name_plural = _("bakgrundskartor")

    def __str__(self):
        return self.get_source_display()


class PlaceName(models.Model):
    """A name known to lie in the municipality but without a polygon or coordinates (streets
    and places seen in Police notices): an autocomplete suggestion, placed only where an area
    or the address register carries the same name; nothing invents its position."""

    class Kind(models.TextChoices):
        GATA = "gata", _("Gata eller väg")
        ORT = "ort", _("Område eller ort")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    source = models.CharField(_("källa"), max_length=100, blank=True)

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("platsnamn")
        verbose_name_plural = _("platsnamn")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="placename_unique")
        ]

    def __str__(self):
        return self.name


class Address(models.Model):
    """One entry of the municipality's address register (Lantmäteriet's address points or
    OpenStreetMap addr:*), imported whole by an administrator; a new import replaces it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    street = models.CharField(_("gata"), max_length=200)
    number = models.CharField(_("nummer"), max_length=10)
    letter = models.CharField(_("bokstav"), max_length=5, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=6, blank=True)
    town = models.CharField(_("postort"), max_length=100, blank=True)
    lat = models.FloatField()
    lon = models.FloatField()

    objects = ScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("adress")
        verbose_name_plural = _("adresser")
        ordering = ["street", "number", "letter"]
        indexes = [models.Index(fields=["municipality", "street"], name="address_muni_street")]

    def __str__(self):
        return f"{self.street} {self.number}{self.letter}"


class AddressImportJob(Job):
    """An address file imported by the task worker. Its upload goes by the job base's
    retention like every import's; the register itself is the municipality's reference data."""

    FILE_DIR = "adresser"

    class Format(models.TextChoices):
        CSV = "csv", _("CSV (koordinatsystem enligt kolumnrubrikerna)")
        CSV_SWEREF = "csv-3006", _("CSV med SWEREF 99 TM (EPSG:3006)")
        CSV_WGS84 = "csv-4326", _("CSV med WGS 84 (EPSG:4326)")
        GEOJSON = "geojson", _("GeoJSON med OpenStreetMap-punkter (addr:*)")

    format = models.CharField(max_length=10, choices=Format.choices, default=Format.CSV)
    imported_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Job.Meta):
        pass

    def __str__(self):
        return f"Adressimport {self.filename}"
