"""Pages for focus areas and medborgarlöften: drafted and published by the
säkerhetssamordnare, read by every member with `strategy.view`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list

from .. import selectors, services
from ..forms import ActivityForm, FocusAreaForm, PromiseForm
from ..models import FocusArea, PromiseActivity


@member_required("strategy.view")
def promise_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "strategy/promise_list.html",
        {
            "promises": selectors.promises(municipality=viewer.municipality),
            "focus_areas": selectors.focus_areas(municipality=viewer.municipality),
        },
    )


@member_required("strategy.manage_promises")
def focus_area_edit(request, pk=None):
    viewer = viewer_for_request(request)
    focus_area = None
    if pk is not None:
        focus_area = selectors.focus_areas(municipality=viewer.municipality).filter(pk=pk).first()
        if focus_area is None:
            raise Http404
    areas = area_list(municipality=viewer.municipality, without_boundary=True)
    initial = (
        {
            "title": focus_area.title,
            "description": focus_area.description,
            "decided_on": focus_area.decided_on,
            "decision_reference": focus_area.decision_reference,
            "status": focus_area.status,
            "areas": list(focus_area.areas.all()),
        }
        if focus_area
        else {"status": FocusArea.Status.AKTIVT}
    )
    form = FocusAreaForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.focus_area_save(viewer=viewer, focus_area=focus_area, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Fokusområdet är sparat.")
            return redirect("strategy:promises")
    return render(
        request, "strategy/focus_area_form.html", {"form": form, "focus_area": focus_area}
    )


@member_required("strategy.manage_promises")
def promise_edit(request, pk=None):
    viewer = viewer_for_request(request)
    promise = None
    if pk is not None:
        promise = selectors.promise_get(municipality=viewer.municipality, pk=pk)
        if promise is None:
            raise Http404
    focus = selectors.focus_areas(municipality=viewer.municipality)
    initial = (
        {
            "year": promise.year,
            "title": promise.title,
            "introduction": promise.introduction,
            "focus_areas": list(promise.focus_areas.all()),
            "signed_on": promise.signed_on,
            "signed_by_municipality": promise.signed_by_municipality,
            "signed_by_police": promise.signed_by_police,
        }
        if promise
        else {}
    )
    form = PromiseForm(request.POST or None, focus_areas=focus, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            promise = services.promise_save(viewer=viewer, promise=promise, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Medborgarlöftet är sparat.")
            return redirect("strategy:promise_detail", promise.pk)
    return render(request, "strategy/promise_form.html", {"form": form, "promise": promise})


@member_required("strategy.view")
def promise_detail(request, pk):
    viewer = viewer_for_request(request)
    promise = selectors.promise_get(municipality=viewer.municipality, pk=pk)
    if promise is None:
        raise Http404
    focus = selectors.focus_areas(municipality=viewer.municipality)
    activity_pk = request.POST.get("activity") if request.method == "POST" else None
    form = ActivityForm(
        request.POST or None, focus_areas=focus, initial={"owner": PromiseActivity.Owner.KOMMUN}
    )
    if request.method == "POST" and viewer.may("strategy.manage_promises") and form.is_valid():
        activity = None
        if activity_pk:
            activity = promise.activities.filter(pk=activity_pk).first()
            if activity is None:
                raise Http404
        try:
            services.activity_save(
                viewer=viewer, promise=promise, activity=activity, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Aktiviteten är sparad.")
            return redirect("strategy:promise_detail", promise.pk)
    return render(
        request,
        "strategy/promise_detail.html",
        {
            "promise": promise,
            "form": form,
            "progress": selectors.progress(promise),
            "statuses": PromiseActivity.Status.choices,
        },
    )


@require_POST
@member_required("strategy.manage_promises")
def promise_publish(request, pk):
    viewer = viewer_for_request(request)
    promise = selectors.promise_get(municipality=viewer.municipality, pk=pk)
    if promise is None:
        raise Http404
    try:
        services.promise_publish(viewer=viewer, promise=promise)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Medborgarlöftet är publicerat på kommunens publika sida.")
    return redirect("strategy:promise_detail", promise.pk)
