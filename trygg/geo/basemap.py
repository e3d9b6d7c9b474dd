"""The municipality's basemap: reads (what a map draws, which origin the CSP must allow) and
writes (an online tile service chosen by an administrator, an offline PMTiles file stored by
the build command)."""

import hashlib
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from . import basemap_build as basemap_build_steps
from .models import Basemap

STORE = "basemaps"


def basemap_get(municipality) -> Basemap | None:
    """The municipality's basemap row, or None when nothing was ever configured. Basemaps are
    public map data (a citizen's form in any municipality draws one), so the read is scoped to
    the municipality asked for, not to the request's."""
    with scope(municipality=municipality):
        return Basemap.objects.filter(municipality=municipality).first()


def basemap_config(municipality) -> dict:
    """What the map component (static/trygg/map.js) needs: the source to draw and its
    attribution; JSON-ready, so templates hand it over with json_script."""
    basemap = basemap_get(municipality) if municipality is not None else None
    if basemap is None:
        return {"source": Basemap.Source.NONE}
    if basemap.source == Basemap.Source.ONLINE and basemap.tile_url:
        return {
            "source": Basemap.Source.ONLINE,
            "tiles": basemap.tile_url,
            "attribution": basemap.attribution,
        }
    if basemap.source == Basemap.Source.OFFLINE and basemap.offline_file:
        return {
            "source": Basemap.Source.OFFLINE,
            "pmtiles": reverse("geo:basemap_tiles", args=[municipality.slug, basemap.offline_etag]),
            "attribution": basemap.offline_attribution,
            "max_zoom": basemap.offline_max_zoom,
            "layers": basemap.offline_layers,
        }
    return {"source": Basemap.Source.NONE}


def basemap_csp_origin(municipality) -> str:
    """The origin an online basemap's tiles come from ("" for none): the only addition the
    page's img-src needs."""
    basemap = basemap_get(municipality) if municipality is not None else None
    if basemap is None or basemap.source != Basemap.Source.ONLINE or not basemap.tile_url:
        return ""
    parts = urlsplit(basemap.tile_url)
    return f"{parts.scheme}://{parts.netloc}"


def basemap_file(basemap: Basemap) -> Path:
    return Path(settings.MEDIA_ROOT) / basemap.offline_file


def tile_url_problem(url: str) -> str:
    """Why a tile URL template cannot be used ("" when it can)."""
    parts = urlsplit(url)
    allowed = ("https",) if settings.PRODUCTION else ("https", "http")
    if parts.scheme not in allowed or not parts.hostname:
        return "Adressen ska börja med https:// och ha ett värdnamn."
    if parts.username or parts.password:
        return "Adressen får inte innehålla användarnamn eller lösenord."
    missing = [p for p in ("{z}", "{x}", "{y}") if p not in url]
    if missing:
        return (
            "Adressen ska ha platshållarna {z}, {x} och {y} för kartrutorna; "
            f"{', '.join(missing)} saknas."
        )
    return ""


@transaction.atomic
def basemap_set(*, viewer: Viewer, source: str, tile_url: str = "", attribution: str = ""):
    """Chooses what the municipality's maps draw under their data; an online source needs a
    valid tile URL template and an attribution, the offline one a built file."""
    require(viewer, "geo.manage_areas")
    if source not in Basemap.Source.values:
        raise ValidationError({"source": "Okänd bakgrundskarta."})
    basemap, _ = Basemap.objects.get_or_create(municipality=viewer.municipality)
    errors = {}
    if source == Basemap.Source.ONLINE:
        problem = tile_url_problem(tile_url)
        if problem:
            errors["tile_url"] = problem
        if not attribution.strip():
            errors["attribution"] = "Ange kartans källa, t.ex. © OpenStreetMap-bidragsgivare."
    if source == Basemap.Source.OFFLINE and not basemap.offline_file:
        errors["source"] = (
            "Det finns ingen egen bakgrundskarta ännu; den byggs med manage.py basemap_build."
        )
    if errors:
        raise ValidationError(errors)
    basemap.source = source
    if source == Basemap.Source.ONLINE:
        basemap.tile_url, basemap.attribution = tile_url, attribution.strip()
    basemap.save(update_fields=["source", "tile_url", "attribution"])
    audit(
        viewer,
        "geo.basemap_changed",
        summary=f"Bakgrundskartan ändrad: {basemap.get_source_display()}",
        source=source,
        origin=basemap_csp_origin(viewer.municipality),
    )
    return basemap


def basemap_store(
    *,
    viewer: Viewer,
    built: Path,
    attribution: str,
    layers,
    max_zoom: int,
    background: dict | None = None,
) -> Basemap:
    """Stores a built PMTiles archive as the municipality's offline basemap (named by its
    hash, which is its ETag) and makes it the maps' source unless an online one is chosen.
    The replaced file is deleted once the change is committed."""
    require(viewer, "geo.manage_areas")
    digest = hashlib.sha256()
    with built.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    etag = digest.hexdigest()[:32]
    relative = f"{STORE}/{viewer.municipality.kommunkod}/{etag}.pmtiles"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, target)
    with transaction.atomic():
        basemap, _ = Basemap.objects.select_for_update().get_or_create(
            municipality=viewer.municipality
        )
        old = basemap_file(basemap) if basemap.offline_file else None
        basemap.offline_file = relative
        basemap.offline_etag = etag
        basemap.offline_size = target.stat().st_size
        basemap.offline_attribution = attribution
        basemap.offline_layers = list(layers)
        basemap.offline_max_zoom = max_zoom
        basemap.offline_built_at = timezone.now()
        basemap.offline_background = background or {}
        if basemap.source == Basemap.Source.NONE:
            basemap.source = Basemap.Source.OFFLINE
        basemap.save()
        audit(
            viewer,
            "geo.basemap_built",
            summary=f"Egen bakgrundskarta sparad ({', '.join(layers)})",
            layers=list(layers),
            size=basemap.offline_size,
            etag=etag,
        )
        if old is not None and old != target:
            transaction.on_commit(lambda: old.unlink(missing_ok=True))
    return basemap


def basemap_build(
    *,
    viewer: Viewer,
    osm: Path | None = None,
    layers: dict[str, Path] | None = None,
    attribution: str = "",
    max_zoom: int = basemap_build_steps.MAX_ZOOM,
) -> Basemap:
    """Builds the offline basemap from an OpenStreetMap extract or from GeoJSON layers and
    stores it; a malformed input raises ValidationError (Swedish) and stores nothing."""
    require(viewer, "geo.manage_areas")
    with tempfile.TemporaryDirectory(prefix="trygg-basemap-") as work:
        workdir = Path(work)
        try:
            if osm is not None:
                sources = basemap_build_steps.osm_to_layers(osm, workdir)
                attribution = attribution or basemap_build_steps.OSM_ATTRIBUTION
            else:
                sources = dict(layers or {})
                if not sources:
                    raise basemap_build_steps.BasemapBuildError("Ange minst ett lager.")
                basemap_build_steps.check_geojson_layers(sources)
            built = basemap_build_steps.tiles_build(
                sources, workdir / "basemap.pmtiles", attribution=attribution, max_zoom=max_zoom
            )
            background = basemap_build_steps.background_layers(sources)
        except basemap_build_steps.BasemapBuildError as exc:
            raise ValidationError(str(exc)) from None
        return basemap_store(
            viewer=viewer,
            built=built.path,
            attribution=attribution,
            layers=built.layers,
            max_zoom=built.max_zoom,
            background=background,
        )
