"""Pages for the åtgärdsplan, its measures (indicators, follow-up, effect) and problem pictures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list
from trygg.reports.selectors import category_list

from .. import selectors, services
from ..forms import (
    DecideForm,
    FollowUpForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureForm,
    PlanForm,
    ProblemForm,
    WithdrawForm,
)
from ..models import Indicator
from ..services.plans import MEASURE_FIELDS


def _areas(viewer):
    return area_list(municipality=viewer.municipality, without_boundary=True)


def _found(obj):
    if obj is None:
        raise Http404
    return obj


@member_required("strategy.view")
def plan_list(request):
    viewer = viewer_for_request(request)
    year = timezone.localdate().year
    form = PlanForm(
        request.POST or None,
        pictures=selectors.picture_list(viewer=viewer),
        initial={"start_year": year, "end_year": year + 1, "follow_up_months": 3},
    )
    if request.method == "POST" and viewer.may("strategy.manage_plans") and form.is_valid():
        try:
            plan = services.plan_save(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Åtgärdsplanen är skapad. Lägg till åtgärder.")
            return redirect("strategy:plan_detail", plan.pk)
    return render(
        request,
        "strategy/plan_list.html",
        {
            "plans": selectors.plan_list(viewer=viewer),
            "problems": selectors.problem_list(viewer=viewer),
            "overdue": selectors.overdue_measures(municipality=viewer.municipality),
            "form": form,
        },
    )


def _measure_form(viewer, data=None, initial=None, prefix=None):
    return MeasureForm(
        data,
        initial=initial,
        prefix=prefix,
        problems=selectors.problem_list(viewer=viewer),
        organisations=organisation_list(municipality=viewer.municipality).filter(active=True),
        areas=_areas(viewer),
        categories=category_list(municipality=viewer.municipality),
    )


PLAN_SAVED = {
    "measure": "Åtgärden är sparad.",
    "decide": "Planen är beslutad.",
    "plan": "Planen är ändrad.",
    "withdraw": "Planen är tillbakadragen. Den finns kvar med sin historik.",
}


def _plan_initial(plan):
    return {f: getattr(plan, f) for f in ("title", "start_year", "end_year", "picture")} | {
        "follow_up_months": plan.follow_up_months
    }


@member_required("strategy.view")
def plan_detail(request, pk):
    viewer = viewer_for_request(request)
    plan = _found(selectors.plan_get(viewer=viewer, pk=pk))
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = {
        "measure": _measure_form(viewer, request.POST if which == "measure" else None),
        "decide": DecideForm(request.POST if which == "decide" else None),
        "plan": PlanForm(
            request.POST if which == "plan" else None,
            pictures=selectors.picture_list(viewer=viewer),
            initial=_plan_initial(plan),
            prefix="plan",
        ),
        "withdraw": WithdrawForm(request.POST if which == "withdraw" else None, prefix="withdraw"),
    }
    if which in forms_ and viewer.may("strategy.manage_plans"):
        form = forms_[which]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "measure":
                    services.measure_save(viewer=viewer, plan=plan, **data)
                elif which == "decide":
                    services.plan_decide(viewer=viewer, plan=plan, **data)
                elif which == "plan":
                    services.plan_save(viewer=viewer, plan=plan, **data)
                else:
                    services.plan_withdraw(viewer=viewer, plan=plan, **data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, PLAN_SAVED[which])
                return redirect("strategy:plan_detail", plan.pk)
    return render(
        request,
        "strategy/plan_detail.html",
        {
            "plan": plan,
            "rows": selectors.plan_measures(plan=plan),
            "history": selectors.plan_history(plan=plan),
            **{f"{k}_form": v for k, v in forms_.items()},
        },
    )


MEASURE_SAVED = {
    "edit": "Åtgärden är ändrad.",
    "withdraw": "Åtgärden är tillbakadragen. Den finns kvar med sin historik.",
    "follow_up": "Uppföljningen är sparad.",
    "indicator": "Indikatorn är sparad.",
    "value": "Värdet är sparat.",
}


@member_required("strategy.view")
def measure_detail(request, pk):
    viewer = viewer_for_request(request)
    measure = _found(selectors.measure_get(viewer=viewer, pk=pk))
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = {
        "follow_up": FollowUpForm(
            request.POST if which == "follow_up" else None,
            initial={"on": timezone.localdate(), "status": measure.status},
        ),
        "indicator": IndicatorForm(
            request.POST if which == "indicator" else None,
            areas=_areas(viewer),
            categories=category_list(municipality=viewer.municipality),
            initial={"kind": "data", "lower_is_better": True},
        ),
        "value": IndicatorValueForm(request.POST if which == "value" else None),
        "edit": _measure_form(
            viewer,
            request.POST if which == "edit" else None,
            initial={f: getattr(measure, f) for f in MEASURE_FIELDS},
            prefix="edit",
        ),
        "withdraw": WithdrawForm(request.POST if which == "withdraw" else None, prefix="withdraw"),
    }
    if which in forms_ and viewer.may("strategy.manage_plans"):
        form = forms_[which]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "edit":
                    services.measure_save(viewer=viewer, plan=measure.plan, measure=measure, **data)
                elif which == "withdraw":
                    services.measure_withdraw(viewer=viewer, measure=measure, **data)
                elif which == "follow_up":
                    services.follow_up_add(viewer=viewer, measure=measure, **data)
                elif which == "indicator":
                    services.indicator_add(viewer=viewer, measure=measure, **data)
                else:
                    indicator = _found(measure.indicators.filter(pk=data["indicator"]).first())
                    services.indicator_value_add(
                        viewer=viewer, indicator=indicator, on=data["on"], value=data["value"]
                    )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, MEASURE_SAVED[which])
                return redirect("strategy:measure_detail", measure.pk)
    indicators = selectors.measure_indicators(viewer=viewer, measure=measure)
    return render(
        request,
        "strategy/measure_detail.html",
        {
            "measure": measure,
            "indicators": indicators,
            "effect": selectors.measure_effect(viewer=viewer, measure=measure),
            "follow_ups": selectors.measure_follow_ups(measure=measure),
            "history": selectors.measure_history(measure=measure),
            "manual": [i for i, _ in indicators if i.kind == Indicator.Kind.MANUELL],
            **{f"{k}_form": v for k, v in forms_.items()},
        },
    )


PROBLEM_FIELDS = (
    "title",
    "scanning",
    "analysis_where",
    "analysis_when",
    "analysis_who",
    "analysis_why",
    "response",
    "assessment",
    "report_query",
)


@member_required("strategy.view")
def problem_detail(request, pk=None):
    viewer = viewer_for_request(request)
    problem = _found(selectors.problem_get(viewer=viewer, pk=pk)) if pk else None
    initial = {}
    if problem:
        initial = {f: getattr(problem, f) for f in PROBLEM_FIELDS}
        initial["areas"] = list(problem.areas.all())
        initial["focus_areas"] = list(problem.focus_areas.all())
    current = selectors.problem_query(problem) if problem else ""
    initial["report_query"] = current
    form = ProblemForm(
        request.POST or None,
        initial=initial,
        areas=_areas(viewer),
        focus_areas=selectors.focus_areas(municipality=viewer.municipality),
        saved_filters=selectors.saved_report_filters(viewer=viewer),
        current_query=current,
    )
    if request.method == "POST" and viewer.may("strategy.manage_plans") and form.is_valid():
        try:
            problem = services.problem_save(viewer=viewer, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Problembilden är sparad.")
            return redirect("strategy:problem_detail", problem.pk)
    return render(
        request,
        "strategy/problem_detail.html",
        {
            "problem": problem,
            "form": form,
            "figures": selectors.problem_figures(viewer=viewer, problem=problem)
            if problem
            else None,
        },
    )
