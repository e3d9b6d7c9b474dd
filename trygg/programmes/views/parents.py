"""Staff pages for parent support (G7): offers, events and lectures, participants counted
after each event and the survey that evaluates it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request

from ..forms_youth import ParentEventForm, ParentOfferForm
from ..models import ProgrammeKind
from ..selectors import parents as selectors
from ..selectors.youth import programme_choices
from ..services import parents as services

view = member_required("programmes.view_activities")
manage = member_required("programmes.manage_activities")


@view
def parents_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "programmes/parents_list.html",
        {
            "offers": list(selectors.offer_list(viewer=viewer)),
            "page": selectors.event_page(viewer=viewer, page=request.GET.get("sida", 1)),
            "may_manage": viewer.may("programmes.manage_activities"),
        },
    )


@manage
def parents_offer_create(request):
    viewer = viewer_for_request(request)
    form = ParentOfferForm(
        request.POST or None,
        programmes=programme_choices(viewer=viewer, kind=ProgrammeKind.FORALDRASTOD),
        organisations=organisation_list(municipality=viewer.municipality).filter(active=True),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_offer_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Föräldrastödet är tillagt.")
            return redirect("programmes:parents_list")
    return render(request, "programmes/parents_offer_form.html", {"form": form})


def _event_form(request, viewer, instance=None):
    return ParentEventForm(
        request.POST or None,
        instance=instance,
        offers=selectors.offer_list(viewer=viewer),
        surveys=selectors.evaluation_survey_choices(viewer=viewer),
    )


@manage
def parents_event_create(request):
    viewer = viewer_for_request(request)
    form = _event_form(request, viewer)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_event_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Träffen är tillagd i kalendern.")
            return redirect("programmes:parents_list")
    return render(request, "programmes/parents_event_form.html", {"form": form, "event": None})


@manage
def parents_event_edit(request, pk):
    viewer = viewer_for_request(request)
    event = selectors.event_get(viewer=viewer, pk=pk)
    if event is None:
        raise Http404
    form = _event_form(request, viewer, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_event_update(viewer=viewer, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Träffen är sparad.")
            return redirect("programmes:parents_list")
    return render(request, "programmes/parents_event_form.html", {"form": form, "event": event})
