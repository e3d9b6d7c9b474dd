"""Staff pages for youth activities (G4): the catalogue, an activity with its sessions, and
the supply per area against the need. Thin: permissions are in services and selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list, boundary_geojson

from ..forms_youth import ActivityForm, SessionForm
from ..models import ProgrammeKind
from ..selectors import youth as selectors
from ..services import youth as services

view = member_required("programmes.view_activities")
manage = member_required("programmes.manage_activities")
record = member_required("programmes.record_sessions")


def _form(request, viewer, instance=None):
    return ActivityForm(
        request.POST or None,
        instance=instance,
        programmes=selectors.programme_choices(
            viewer=viewer, kind=ProgrammeKind.UNGDOMSAKTIVITETER
        ),
        organisations=organisation_list(municipality=viewer.municipality).filter(active=True),
        areas=area_list(municipality=viewer.municipality, without_boundary=True),
    )


def _activity(request, pk):
    viewer = viewer_for_request(request)
    activity = selectors.activity_get(viewer=viewer, pk=pk)
    if activity is None:
        raise Http404
    return viewer, activity


@view
def youth_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "programmes/youth_list.html",
        {
            "page": selectors.activity_page(viewer=viewer, page=request.GET.get("sida", 1)),
            "may_manage": viewer.may("programmes.manage_activities"),
        },
    )


@manage
def youth_create(request):
    viewer = viewer_for_request(request)
    form = _form(request, viewer)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Aktiviteten är tillagd.")
            return redirect("programmes:youth_detail", activity.pk)
    return _form_page(request, viewer, form, None)


@manage
def youth_edit(request, pk):
    viewer, activity = _activity(request, pk)
    form = _form(request, viewer, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(viewer=viewer, activity=activity, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Aktiviteten är sparad.")
            return redirect("programmes:youth_detail", activity.pk)
    return _form_page(request, viewer, form, activity)


def _form_page(request, viewer, form, activity):
    return render(
        request,
        "programmes/youth_form.html",
        {
            "form": form,
            "activity": activity,
            "boundary": boundary_geojson(municipality=viewer.municipality),
        },
        status=400 if form.errors else 200,
    )


def _detail(request, viewer, activity, form, status=200):
    return render(
        request,
        "programmes/youth_detail.html",
        {
            "activity": activity,
            "sessions": selectors.activity_sessions(
                viewer=viewer, activity=activity, page=request.GET.get("sida", 1)
            ),
            "form": form,
            "may_manage": viewer.may("programmes.manage_activities"),
            "may_record": viewer.may("programmes.record_sessions"),
        },
        status=status,
    )


@view
def youth_detail(request, pk):
    viewer, activity = _activity(request, pk)
    form = SessionForm(initial={"held_on": timezone.localdate()})
    return _detail(request, viewer, activity, form)


@require_POST
@record
def youth_session(request, pk):
    viewer, activity = _activity(request, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_record(
                viewer=viewer,
                activity=activity,
                held_on=form.cleaned_data["held_on"],
                counts=form.counts(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Tillfället är registrerat.")
            return redirect("programmes:youth_detail", activity.pk)
    return _detail(request, viewer, activity, form, status=400)


@view
def youth_supply(request):
    viewer = viewer_for_request(request)
    rows = selectors.supply_and_need(viewer=viewer, today=timezone.localdate())
    return render(
        request,
        "programmes/youth_supply.html",
        {
            "rows": rows,
            "has_young": any(r.young_people for r in rows),
            "has_inhabitants": any(r.inhabitants for r in rows),
        },
    )
