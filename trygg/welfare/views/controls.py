"""The control catalogue and each control's runs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request

from ..forms import ControlForm, RunForm
from ..selectors import register as selectors
from ..services import controls as services
from . import hidden_unless


@hidden_unless("welfare.view")
def control_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "welfare/control_list.html",
        {"controls": selectors.control_list(viewer=viewer), "today": timezone.localdate()},
    )


@hidden_unless("welfare.manage")
def control_create(request):
    viewer = viewer_for_request(request)
    form = ControlForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            control = services.control_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Kontrollen finns nu i kontrollplanen.")
            return redirect("welfare:control_detail", control.pk)
    return render(request, "welfare/control_form.html", {"form": form})


@hidden_unless("welfare.view")
def control_detail(request, pk):
    """The control and its runs; POST logs a run."""
    viewer = viewer_for_request(request)
    control = selectors.control_get(viewer=viewer, pk=pk)
    if control is None:
        raise Http404
    form = RunForm(request.POST or None, initial={"run_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if not viewer.may("welfare.manage"):
            raise Http404
        if form.is_valid():
            try:
                services.control_run(viewer=viewer, control=control, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Kontrollen är loggad.")
                return redirect("welfare:control_detail", control.pk)
        status = 400
    return render(
        request,
        "welfare/control_detail.html",
        {
            "control": control,
            "page": selectors.control_runs(control=control, page=request.GET.get("sida", 1)),
            "form": form,
            "overdue": control.overdue(timezone.localdate()),
        },
        status=status,
    )
