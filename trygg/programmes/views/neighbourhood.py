"""Grannsamverkan's pages: the areas and messages, an area with its ombud and trends, the
message form and a message's progress, and the ombud's page behind the message's link.
Thin: permissions are in the services and selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.job_status import job_state, job_status_response
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_index, area_list

from ..models import Programme, ProgrammeKind
from ..neighbourhood_forms import AreaMessageForm, NeighbourhoodAreaForm, OmbudForm
from ..selectors import neighbourhood as selectors
from ..services import neighbourhood as services

send = member_required("programmes.send_area_message")
manage = member_required("programmes.manage_neighbourhood")


def _area(request, pk):
    viewer = viewer_for_request(request)
    area = selectors.neighbourhood_area_get(viewer=viewer, pk=pk)
    if area is None:
        raise Http404
    return viewer, area


def _message(request, pk):
    viewer = viewer_for_request(request)
    message = selectors.area_message_get(viewer=viewer, pk=pk)
    if message is None:
        raise Http404
    return viewer, message


@send
def neighbourhood_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "programmes/neighbourhood_list.html",
        {
            "areas": selectors.neighbourhood_areas(viewer=viewer),
            "page": selectors.area_message_page(viewer=viewer, page=request.GET.get("sida", 1)),
            "may_manage": viewer.may("programmes.manage_neighbourhood"),
        },
    )


def _area_form(viewer, data=None, files=None, initial=None):
    programmes = Programme.objects.filter(
        municipality=viewer.municipality, kind=ProgrammeKind.GRANNSAMVERKAN
    )
    areas = area_list(municipality=viewer.municipality, without_boundary=True)
    return NeighbourhoodAreaForm(data, files, initial=initial, programmes=programmes, areas=areas)


def _area_page(request, viewer, form, area=None):
    return render(
        request,
        "programmes/neighbourhood_area_form.html",
        {
            "form": form,
            "area": area,
            "boundary": area_index(viewer.municipality).boundary_geojson,
        },
    )


@manage
def neighbourhood_area_create(request):
    viewer = viewer_for_request(request)
    form = _area_form(viewer, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.neighbourhood_area_save(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Grannsamverkansområdet är sparat.")
            return redirect("programmes:neighbourhood_area", area.pk)
    return _area_page(request, viewer, form)


@manage
def neighbourhood_area_edit(request, pk):
    viewer, area = _area(request, pk)
    initial = {
        "name": area.name,
        "programme": area.programme,
        "comparison_area": area.comparison_area,
        "started_on": area.started_on,
        "signs_up": area.signs_up,
        "last_annual_meeting": area.last_annual_meeting,
        "households_in": area.households_in,
        "households_out": area.households_out,
    }
    form = _area_form(viewer, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.neighbourhood_area_save(viewer=viewer, area=area, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Grannsamverkansområdet är sparat.")
            return redirect("programmes:neighbourhood_area", area.pk)
    return _area_page(request, viewer, form, area)


@send
def neighbourhood_area(request, pk):
    viewer, area = _area(request, pk)
    may_manage = viewer.may("programmes.manage_neighbourhood")
    form = OmbudForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.ombud_add(viewer=viewer, area=area, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Kontaktombudet är tillagt.")
                return redirect("programmes:neighbourhood_area", area.pk)
    return render(
        request,
        "programmes/neighbourhood_area.html",
        {
            "area": area,
            "ombud": selectors.ombud_list(viewer=viewer, area=area) if may_manage else None,
            "form": form,
            "trends": selectors.area_trends(viewer=viewer, area=area),
            "may_manage": may_manage,
            "geometry": area.area.geometry,
        },
    )


@manage
@require_POST
def neighbourhood_ombud_end(request, pk):
    viewer = viewer_for_request(request)
    ombud = selectors.ombud_get(viewer=viewer, pk=pk)
    if ombud is None:
        raise Http404
    services.ombud_end(viewer=viewer, ombud=ombud)
    messages.success(request, "Ombudet får inga fler meddelanden. Uppgifterna gallras om 90 dagar.")
    return redirect("programmes:neighbourhood_area", ombud.area_id)


@send
def neighbourhood_message_create(request):
    viewer = viewer_for_request(request)
    areas = selectors.neighbourhood_areas(viewer=viewer)
    form = AreaMessageForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.area_message_send(
                viewer=viewer,
                areas=list(form.cleaned_data["areas"]),
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Meddelandet skickas till ombuden.")
            return redirect("programmes:neighbourhood_message", message.pk)
    return render(
        request, "programmes/neighbourhood_message_form.html", {"form": form, "areas": areas}
    )


@send
def neighbourhood_message(request, pk):
    viewer, message = _message(request, pk)
    return render(
        request,
        "programmes/neighbourhood_message.html",
        {
            "message": message,
            "status": job_state(message),
            "deliveries": selectors.message_deliveries(viewer=viewer, message=message),
        },
    )


@send
def neighbourhood_message_status(request, pk):
    _viewer, message = _message(request, pk)
    return job_status_response(message)


@send
@require_POST
def neighbourhood_message_retry(request, pk):
    viewer, message = _message(request, pk)
    try:
        services.area_message_retry(viewer=viewer, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "De misslyckade utskicken försöks igen.")
    return redirect("programmes:neighbourhood_message", message.pk)


def neighbourhood_message_public(request, token):
    """The ombud's page: no login, the link is the key; an unknown link is a plain 404."""
    message = selectors.area_message_public(token=token)
    if message is None:
        raise Http404
    response = render(request, "programmes/neighbourhood_message_public.html", {"message": message})
    # A shared computer must not show it from the cache, nor a search engine index it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
