"""The pseudonymous case log: the list of references, logging and editing a case, the
case's page (every opening audited) and the CSV export (audited)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request

from ..forms import CaseForm
from ..models import Regelverk
from ..selectors import register as selectors
from ..services import cases as services
from . import hidden_unless


def _filters(request) -> dict:
    regelverk = request.GET.get("omrade", "")
    return {
        "regelverk": regelverk if regelverk in Regelverk.values else "",
        "open_only": request.GET.get("oppna") == "1",
    }


@hidden_unless("welfare.view_cases")
def case_list(request):
    viewer = viewer_for_request(request)
    filters = _filters(request)
    page = selectors.case_page(viewer=viewer, page=request.GET.get("sida", 1), **filters)
    return render(
        request,
        "welfare/case_list.html",
        {"page": page, "regelverk_choices": Regelverk.choices, **filters},
    )


@hidden_unless("welfare.view_cases")
def case_export(request):
    viewer = viewer_for_request(request)
    cases = selectors.case_list(viewer=viewer, **_filters(request))
    body = services.cases_export_csv(viewer=viewer, cases=cases)
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="valfardsbrott-arenden.csv"'
    return response


def _case_form(viewer, data=None, initial=None):
    return CaseForm(data, initial=initial, controls=selectors.control_choices(viewer=viewer))


@hidden_unless("welfare.manage_cases")
def case_create(request):
    viewer = viewer_for_request(request)
    form = _case_form(viewer, request.POST or None, initial={"detected_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Ärendet är registrerat som {case.reference}.")
            return redirect("welfare:case_detail", case.pk)
    status = 400 if form.errors else 200
    return render(request, "welfare/case_form.html", {"form": form}, status=status)


@hidden_unless("welfare.view_cases")
def case_detail(request, pk):
    viewer = viewer_for_request(request)
    case = services.case_read(viewer=viewer, pk=pk)
    if case is None:
        raise Http404
    return render(request, "welfare/case_detail.html", {"case": case})


@hidden_unless("welfare.manage_cases")
def case_edit(request, pk):
    viewer = viewer_for_request(request)
    case = services.case_read(viewer=viewer, pk=pk)
    if case is None:
        raise Http404
    form = _case_form(viewer, request.POST or None, initial=model_to_dict(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(viewer=viewer, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Ärendet är sparat.")
            return redirect("welfare:case_detail", case.pk)
    status = 400 if form.errors else 200
    return render(request, "welfare/case_form.html", {"form": form, "case": case}, status=status)
