"""Staff pages of the programme register: the list, registering and editing a programme,
its page with the logic model, partners, indicators and outcome. Thin: permissions are in
the services and selectors."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.contributions import navigation_for
from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request

from ..forms import IndicatorForm, PartnerForm, PeriodForm, ProgrammeForm
from ..models import ProgrammeKind
from ..models.register import KIND_GOAL
from ..selectors import register as selectors
from ..selectors.outcome import programme_outcome
from ..services import register as services

view_programmes = member_required("programmes.view")
manage = member_required("programmes.manage")


def _programme(request, pk) -> tuple:
    viewer = viewer_for_request(request)
    programme = selectors.programme_get(viewer=viewer, pk=pk)
    if programme is None:
        raise Http404
    return viewer, programme


@view_programmes
def programme_list(request):
    viewer = viewer_for_request(request)
    goal, kind = request.GET.get("mal", ""), request.GET.get("typ", "")
    page = selectors.programme_page(
        viewer=viewer, goal=goal, kind=kind, page=request.GET.get("sida", 1)
    )
    return render(
        request,
        "programmes/register_list.html",
        {
            "page": page,
            "goal": goal,
            "kind": kind,
            "goals": selectors.goal_choices(),
            "kinds": ProgrammeKind.choices,
            "filtered": bool(goal or kind),
            "may_manage": viewer.may("programmes.manage"),
            # Each kind's own pages (youth activities, nattvandring, …) are start-page entries
            # of their own; the register links to the ones this viewer may open.
            "workspaces": [
                entry
                for entry in navigation_for(viewer.roles)
                if entry.name.startswith("programmes.") and entry.url_name != "programmes:list"
            ],
        },
    )


def _form(viewer, data=None, *, initial=None) -> ProgrammeForm:
    return ProgrammeForm(
        data,
        initial=initial,
        choices=selectors.form_choices(viewer=viewer),
        goals=selectors.goal_choices(),
    )


def _save(request, viewer, programme=None):
    if programme is not None:
        initial = ProgrammeForm.initial_for(programme)
    else:
        # ?typ=nattvandring (a kind's own page links here) pre-sets the kind and its goal.
        kind = request.GET.get("typ", "")
        initial = {"start": timezone.localdate()}
        if kind in ProgrammeKind.values:
            initial |= {"kind": kind, "goal": KIND_GOAL[kind]}
    form = _form(viewer, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.programme_save(viewer=viewer, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Programmet är sparat.")
            return redirect("programmes:detail", saved.pk)
    return render(request, "programmes/register_form.html", {"form": form, "programme": programme})


@manage
def programme_create(request):
    return _save(request, viewer_for_request(request))


@manage
def programme_edit(request, pk):
    viewer, programme = _programme(request, pk)
    return _save(request, viewer, programme)


def _period(request) -> tuple[PeriodForm, date, date]:
    """The period of the outputs: ?fran=&till=, by default this year until today."""
    today = timezone.localdate()
    default = (date(today.year, 1, 1), today)
    if "fran" not in request.GET and "till" not in request.GET:
        form = PeriodForm(initial={"fran": default[0], "till": default[1]})
        return form, *default
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["fran"], form.cleaned_data["till"]
    return form, *default


def _detail(request, viewer, programme, *, partner_form=None, indicator_form=None, status=200):
    period_form, start, end = _period(request)
    may_manage = viewer.may("programmes.manage")
    if may_manage:
        organisations = selectors.form_choices(viewer=viewer)["organisations"]
        partner_form = partner_form or PartnerForm(organisations=organisations)
        indicator_form = indicator_form or IndicatorForm()
    context = {
        "programme": programme,
        "may_manage": may_manage,
        "may_strategy": viewer.may("strategy.view"),
        "partner_form": partner_form,
        "indicator_form": indicator_form,
        "period_form": period_form,
        "outcome": programme_outcome(viewer=viewer, programme=programme, start=start, end=end),
    }
    return render(request, "programmes/register_detail.html", context, status=status)


@view_programmes
def programme_detail(request, pk):
    viewer, programme = _programme(request, pk)
    return _detail(request, viewer, programme)


@manage
def partner_add(request, pk):
    # A GET (a reload after a refused form) shows the programme's page with the form.
    viewer, programme = _programme(request, pk)
    if request.method != "POST":
        return _detail(request, viewer, programme)
    organisations = selectors.form_choices(viewer=viewer)["organisations"]
    form = PartnerForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.partner_add(viewer=viewer, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Partnern är tillagd.")
            return redirect("programmes:detail", programme.pk)
    return _detail(request, viewer, programme, partner_form=form)


@manage
@require_POST
def partner_remove(request, pk, partner_pk):
    viewer, programme = _programme(request, pk)
    partner = selectors.partner_get(viewer=viewer, programme=programme, pk=partner_pk)
    if partner is None:
        raise Http404
    services.partner_remove(viewer=viewer, partner=partner)
    messages.success(request, "Partnern är borttagen.")
    return redirect("programmes:detail", programme.pk)


@manage
def indicator_add(request, pk):
    # A GET (a reload after a refused form) shows the programme's page with the form.
    viewer, programme = _programme(request, pk)
    if request.method != "POST":
        return _detail(request, viewer, programme)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            services.indicator_add(viewer=viewer, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Indikatorn är tillagd.")
            return redirect("programmes:detail", programme.pk)
    return _detail(request, viewer, programme, indicator_form=form)


@manage
@require_POST
def indicator_remove(request, pk, indicator_pk):
    viewer, programme = _programme(request, pk)
    indicator = selectors.indicator_get(viewer=viewer, programme=programme, pk=indicator_pk)
    if indicator is None:
        raise Http404
    services.indicator_remove(viewer=viewer, indicator=indicator)
    messages.success(request, "Indikatorn är borttagen.")
    return redirect("programmes:detail", programme.pk)
