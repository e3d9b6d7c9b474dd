"""The register's overview and the crime-proofing analyses with their risks and reviews."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request

from ..forms import AnalysisForm, ReviewForm, RiskForm, RiskStatusForm
from ..models import Risk
from ..selectors import register as selectors
from ..selectors.aggregates import year_aggregates
from ..services import analyses as services
from . import hidden_unless


@hidden_unless("welfare.view")
def index(request):
    viewer = viewer_for_request(request)
    today = timezone.localdate()
    return render(
        request,
        "welfare/index.html",
        {
            "figures": year_aggregates(viewer=viewer, year=today.year, today=today),
            "overdue": selectors.controls_overdue(viewer=viewer, today=today),
            "reviews": selectors.analyses_review_overdue(viewer=viewer, today=today),
        },
    )


@hidden_unless("welfare.view")
def analysis_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "welfare/analysis_list.html",
        {"analyses": selectors.analysis_list(viewer=viewer), "today": timezone.localdate()},
    )


@hidden_unless("welfare.manage")
def analysis_create(request):
    viewer = viewer_for_request(request)
    form = AnalysisForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            analysis = services.analysis_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Analysen är sparad. Lägg nu till riskerna.")
            return redirect("welfare:analysis_detail", analysis.pk)
    return render(request, "welfare/analysis_form.html", {"form": form})


def _analysis(request, pk):
    viewer = viewer_for_request(request)
    analysis = selectors.analysis_get(viewer=viewer, pk=pk)
    if analysis is None:
        raise Http404
    return viewer, analysis


def _detail(request, analysis, *, risk_form=None, review_form=None, status=400):
    return render(
        request,
        "welfare/analysis_detail.html",
        {
            "analysis": analysis,
            "risks": selectors.analysis_risks(analysis=analysis),
            "statuses": Risk.Status.choices,
            "risk_form": risk_form or RiskForm(prefix="risk"),
            "review_form": review_form
            or ReviewForm(prefix="granskning", initial={"reviewed_on": timezone.localdate()}),
            "overdue": analysis.review_overdue(timezone.localdate()),
        },
        status=status,
    )


@hidden_unless("welfare.view")
def analysis_detail(request, pk):
    """The analysis with its risk matrix; POST adds a risk."""
    viewer, analysis = _analysis(request, pk)
    if request.method != "POST":
        return _detail(request, analysis, status=200)
    if not viewer.may("welfare.manage"):
        raise Http404
    form = RiskForm(request.POST, prefix="risk")
    if form.is_valid():
        try:
            services.risk_add(viewer=viewer, analysis=analysis, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Risken är tillagd.")
            return redirect("welfare:analysis_detail", analysis.pk)
    return _detail(request, analysis, risk_form=form)


@require_POST
@hidden_unless("welfare.manage")
def analysis_review(request, pk):
    viewer, analysis = _analysis(request, pk)
    form = ReviewForm(request.POST, prefix="granskning")
    if form.is_valid():
        try:
            services.analysis_review(viewer=viewer, analysis=analysis, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Granskningen är registrerad.")
            return redirect("welfare:analysis_detail", analysis.pk)
    return _detail(request, analysis, review_form=form)


@require_POST
@hidden_unless("welfare.manage")
def risk_status(request, pk, risk_pk):
    viewer, analysis = _analysis(request, pk)
    risk = selectors.risk_get(viewer=viewer, analysis=analysis, pk=risk_pk)
    if risk is None:
        raise Http404
    form = RiskStatusForm(request.POST)
    if form.is_valid():
        services.risk_set_status(viewer=viewer, risk=risk, status=form.cleaned_data["status"])
        messages.success(request, "Status ändrad.")
    else:
        messages.error(request, "Välj en status.")
    return redirect("welfare:analysis_detail", analysis.pk)
