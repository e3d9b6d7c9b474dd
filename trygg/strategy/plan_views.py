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
from trygg.geo.models import Area
from trygg.geo.selectors import area_list
from trygg.reports.models import Category

from . import plans
from .forms import (
    DecideForm,
    FollowUpForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureForm,
    PlanForm,
    ProblemForm,
)
from .models import ActionPlan, FocusArea, Indicator, Measure, ProblemPicture, StrategicPicture


def _areas(viewer):
    return area_list(municipality=viewer.municipality).exclude(kind=Area.Kind.KOMMUNGRANS)


def _get(model, viewer, pk):
    obj = model.objects.filter(municipality=viewer.municipality, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@member_required("strategy.view")
def plan_list(request):
    viewer = viewer_for_request(request)
    pictures = StrategicPicture.objects.filter(municipality=viewer.municipality)
    year = timezone.localdate().year
    form = PlanForm(
        request.POST or None,
        pictures=pictures,
        initial={"start_year": year, "end_year": year + 1, "follow_up_months": 3},
    )
    if request.method == "POST" and viewer.may("strategy.manage_plans") and form.is_valid():
        try:
            plan = plans.plan_save(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Åtgärdsplanen är skapad. Lägg till åtgärder.")
            return redirect("strategy:plan_detail", plan.pk)
    return render(
        request,
        "strategy/plan_list.html",
        {
            "plans": ActionPlan.objects.filter(municipality=viewer.municipality),
            "problems": ProblemPicture.objects.filter(municipality=viewer.municipality),
            "overdue": plans.overdue_measures(municipality=viewer.municipality),
            "form": form,
        },
    )


def _measure_form(viewer, data=None, initial=None):
    return MeasureForm(
        data,
        initial=initial,
        problems=ProblemPicture.objects.filter(municipality=viewer.municipality),
        organisations=organisation_list(municipality=viewer.municipality).filter(active=True),
        areas=_areas(viewer),
        categories=Category.objects.filter(municipality=viewer.municipality, active=True),
    )


@member_required("strategy.view")
def plan_detail(request, pk):
    viewer = viewer_for_request(request)
    plan = _get(ActionPlan, viewer, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    measure_form = _measure_form(viewer, request.POST if which == "measure" else None)
    decide_form = DecideForm(request.POST if which == "decide" else None)
    if which and viewer.may("strategy.manage_plans"):
        form = measure_form if which == "measure" else decide_form
        if form.is_valid():
            try:
                if which == "measure":
                    plans.measure_save(viewer=viewer, plan=plan, **form.cleaned_data)
                else:
                    plans.plan_decide(viewer=viewer, plan=plan, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                done = "Åtgärden är sparad." if which == "measure" else "Planen är beslutad."
                messages.success(request, done)
                return redirect("strategy:plan_detail", plan.pk)
    rows = []
    for m in plan.measures.select_related("owner", "problem").prefetch_related("follow_ups"):
        last = max((f.on for f in m.follow_ups.all()), default=None)
        rows.append((m, last, plans.next_follow_up(m, last), plans.is_overdue(m, last)))
    return render(
        request,
        "strategy/plan_detail.html",
        {
            "plan": plan,
            "rows": rows,
            "measure_form": measure_form,
            "decide_form": decide_form,
        },
    )


@member_required("strategy.view")
def measure_detail(request, pk):
    viewer = viewer_for_request(request)
    measure = _get(Measure, viewer, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    categories = Category.objects.filter(municipality=viewer.municipality, active=True)
    forms_ = {
        "follow_up": FollowUpForm(
            request.POST if which == "follow_up" else None,
            initial={"on": timezone.localdate(), "status": measure.status},
        ),
        "indicator": IndicatorForm(
            request.POST if which == "indicator" else None,
            areas=_areas(viewer),
            categories=categories,
            initial={"kind": "data", "lower_is_better": True},
        ),
        "value": IndicatorValueForm(request.POST if which == "value" else None),
    }
    if which in forms_ and viewer.may("strategy.manage_plans"):
        form = forms_[which]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "follow_up":
                    plans.follow_up_add(viewer=viewer, measure=measure, **data)
                elif which == "indicator":
                    plans.indicator_add(viewer=viewer, measure=measure, **data)
                else:
                    indicator = measure.indicators.filter(pk=data["indicator"]).first()
                    if indicator is None:
                        raise Http404
                    plans.indicator_value_add(
                        viewer=viewer, indicator=indicator, on=data["on"], value=data["value"]
                    )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    {
                        "follow_up": "Uppföljningen är sparad.",
                        "indicator": "Indikatorn är sparad.",
                        "value": "Värdet är sparat.",
                    }[which],
                )
                return redirect("strategy:measure_detail", measure.pk)
    indicators = [
        (i, plans.indicator_series(viewer=viewer, indicator=i))
        for i in measure.indicators.select_related("category", "area")
    ]
    return render(
        request,
        "strategy/measure_detail.html",
        {
            "measure": measure,
            "indicators": indicators,
            "effect": plans.measure_effect(viewer=viewer, measure=measure),
            "follow_ups": measure.follow_ups.select_related("created_by"),
            "manual": [i for i, _ in indicators if i.kind == Indicator.Kind.MANUELL],
            **{f"{k}_form": v for k, v in forms_.items()},
        },
    )


@member_required("strategy.view")
def problem_detail(request, pk=None):
    viewer = viewer_for_request(request)
    problem = _get(ProblemPicture, viewer, pk) if pk else None
    initial = {}
    if problem:
        initial = {
            f: getattr(problem, f)
            for f in (
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
        }
        initial["areas"] = list(problem.areas.all())
        initial["focus_areas"] = list(problem.focus_areas.all())
    form = ProblemForm(
        request.POST or None,
        initial=initial,
        areas=_areas(viewer),
        focus_areas=FocusArea.objects.filter(municipality=viewer.municipality),
    )
    if request.method == "POST" and viewer.may("strategy.manage_plans") and form.is_valid():
        try:
            problem = plans.problem_save(viewer=viewer, problem=problem, **form.cleaned_data)
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
            "figures": plans.problem_figures(viewer=viewer, problem=problem) if problem else None,
        },
    )
