from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request

from . import h3cells, selectors, services
from .forms import AreaImportForm, PointForm
from .models import Area
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
    return render(request, "geo/area_detail.html", {"area": area, "svg": mark_safe(svg)})  # noqa: S308 - built from numbers and escaped labels


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
