from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from trygg.core.decorators import member_required
from trygg.core.job_status import job_state, job_status_response
from trygg.core.selectors import municipality_by_slug
from trygg.core.viewer import viewer_for_request

from . import h3cells, selectors, services
from .basemap import basemap_file, basemap_get, basemap_set
from .forms import AddressImportForm, AreaImportForm, BasemapForm, PointForm
from .gazetteer import services as gazetteer_services
from .gazetteer.selectors import place_suggestions
from .models import Area
from .ranges import Unsatisfiable, parse_range
from .svg import polygons_svg


@member_required("geo.view_areas")
def area_list(request):
    kind = request.GET.get("typ", "")
    if kind not in Area.Kind.values:
        kind = ""
    areas = selectors.area_list(municipality=request.municipality, kind=kind)
    lookup = None
    form = PointForm(request.GET if "lat" in request.GET else None)
    if form.is_bound and form.is_valid():
        lat, lon = form.cleaned_data["lat"], form.cleaned_data["lon"]
        lookup = {
            "areas": selectors.areas_at_point(municipality=request.municipality, lat=lat, lon=lon),
            "cells": [
                (res, f"{cell:x}") for res, cell in h3cells.cells_for_point(lat, lon).items()
            ],
            "inside": selectors.area_index(request.municipality).inside_municipality(lat, lon),
        }
    return render(
        request,
        "geo/area_list.html",
        {"areas": areas, "kind": kind, "kinds": Area.Kind.choices, "form": form, "lookup": lookup},
    )


@member_required("geo.view_areas")
def area_detail(request, pk):
    area = selectors.area_get(municipality=request.municipality, pk=pk)
    if area is None:
        raise Http404
    svg = polygons_svg([(area.name, area.geometry)], title=_("Karta över %s") % area.name)
    return render(
        request,
        "geo/area_detail.html",
        {"area": area, "svg": mark_safe(svg), "place": {"area": area.geometry}},  # noqa: S308 - built from numbers and escaped labels
    )


@member_required("geo.manage_areas")
def area_import(request):
    form = AreaImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.areas_import(
                viewer=viewer_for_request(request),
                raw=data["file"].read(),
                kind=data["kind"],
                crs=data["crs"] or None,
                name_property=data["name_property"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(total)d områden importerades (%(created)d nya, %(updated)d uppdaterade).")
                % {"total": result.total, "created": result.created, "updated": result.updated},
            )
            return redirect("geo:area_list")
    return render(request, "geo/area_import.html", {"form": form})


@member_required("geo.manage_areas")
def area_delete(request, pk):
    area = selectors.area_get(municipality=request.municipality, pk=pk)
    if area is None:
        raise Http404
    if request.method == "POST":
        services.area_delete(viewer=viewer_for_request(request), area=area)
        messages.success(request, _("Området är borttaget."))
        return redirect("geo:area_list")
    return render(request, "geo/area_delete.html", {"area": area})


# (municipality slug, etag) -> (file, size). The file is named by its content hash, so an
# entry never goes stale: a replaced basemap's file is deleted and its entry dropped on the
# next request. Measured: the two lookups cost several times the range read (make bench
# basemap), so a tile costs about what a static file does.
_served: dict[tuple[str, str], tuple[Path, int]] = {}
_SERVED_MAX = 256


def _basemap_served(kommun, etag):
    key = (kommun, etag)
    if key not in _served:
        municipality = municipality_by_slug(kommun)
        basemap = basemap_get(municipality) if municipality is not None else None
        if basemap is None or not basemap.offline_file or basemap.offline_etag != etag:
            return None
        if len(_served) >= _SERVED_MAX:
            _served.clear()
        _served[key] = (basemap_file(basemap), basemap.offline_size)
    return _served[key]


def basemap_tiles(request, kommun, etag):
    """The municipality's offline basemap (PMTiles) in HTTP ranges: 206 for a range, 416 for
    one beyond the end, 304 for a cached copy, 404 for any other municipality's file. It is
    public map data, read by the citizen form's map too, so no login is needed."""
    served = _basemap_served(kommun, etag)
    if served is not None and not served[0].exists():
        _served.pop((kommun, etag), None)  # replaced since: ask the database again
        served = _basemap_served(kommun, etag)
    if served is None or not served[0].exists():
        raise Http404
    path, size = served
    quoted = f'"{etag}"'
    headers = {
        "ETag": quoted,
        "Accept-Ranges": "bytes",
        # Named by its content hash: a rebuilt basemap has a new address.
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    if quoted in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        return HttpResponseNotModified(headers=headers)
    wanted = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range.strip() != quoted:
        wanted = ""
    try:
        chosen = parse_range(wanted, size) if wanted else None
    except Unsatisfiable:
        return HttpResponse(status=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    if chosen is None:
        response = FileResponse(path.open("rb"), content_type="application/vnd.pmtiles")
        for key, value in headers.items():
            response[key] = value
        return response
    with path.open("rb") as f:
        f.seek(chosen.start)
        body = f.read(chosen.length) if request.method != "HEAD" else b""
    response = HttpResponse(body, status=206, content_type="application/vnd.pmtiles", headers={
        **headers, "Content-Range": f"bytes {chosen.start}-{chosen.end}/{size}"})  # fmt: skip
    response["Content-Length"] = str(chosen.length)
    return response


@member_required("geo.manage_areas")
def basemap_settings(request):
    basemap = basemap_get(request.municipality)
    initial = (
        {"source": basemap.source, "tile_url": basemap.tile_url, "attribution": basemap.attribution}
        if basemap
        else {}
    )
    form = BasemapForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            basemap_set(viewer=viewer_for_request(request), **form.cleaned_data)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(request, _("Bakgrundskartan är sparad."))
            return redirect("geo:basemap_settings")
    return render(request, "geo/basemap_settings.html", {"form": form, "basemap": basemap})


@member_required("reports.create")
def place_search(request):
    """Autocomplete for the staff forms' place fields: names and addresses of the viewer's
    municipality that begin with what has been typed."""
    results = place_suggestions(municipality=request.municipality, text=request.GET.get("q", ""))
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, max-age=60"
    return response


@member_required("geo.manage_areas")
def address_register(request):
    form = AddressImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = gazetteer_services.address_import_start(
                viewer=viewer_for_request(request),
                filename=upload.name,
                content=upload.read(),
                fmt=form.cleaned_data["format"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            return redirect("geo:address_job", job.pk)
    municipality = request.municipality
    return render(
        request,
        "geo/address_register.html",
        {
            "form": form,
            "summary": selectors.address_register_summary(municipality=municipality),
            "jobs": selectors.address_jobs(municipality=municipality),
        },
    )


def _address_job_texts(job) -> dict:
    return {
        "texts": {"klar": job.message or _("Adressregistret är importerat.")},
        "failed": _("Filen importerades inte."),
        "result_url": reverse("geo:address_register"),
    }


def _address_job(request, pk):
    job = selectors.address_job_get(municipality=request.municipality, pk=pk)
    if job is None:
        raise Http404
    return job


@member_required("geo.manage_areas")
def address_job(request, pk):
    job = _address_job(request, pk)
    status = job_state(job, **_address_job_texts(job))
    return render(request, "geo/address_job.html", {"job": job, "status": status})


@member_required("geo.manage_areas")
def address_job_status(request, pk):
    job = _address_job(request, pk)
    return job_status_response(job, **_address_job_texts(job))
