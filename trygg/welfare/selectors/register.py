"""Reads of the analyses, the control catalogue and the case log. Only the
välfärdsbrottshandläggare holds the actions; the views turn a refusal into a 404."""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, Q

from trygg.core.kernel import require
from trygg.core.viewer import Viewer

from ..models import Analysis, Case, Control, ControlRun, Risk

PER_PAGE = 25


def analysis_list(*, viewer: Viewer) -> list[Analysis]:
    """Every analysis, with its number of risks and of high risks (score ≥ 9)."""
    require(viewer, "welfare.view")
    return list(
        Analysis.objects.filter(municipality=viewer.municipality).annotate(
            n_risks=Count("risks"),
            n_open=Count("risks", filter=~Q(risks__status__in=("inford", "accepterad"))),
        )
    )


def analysis_get(*, viewer: Viewer, pk: int) -> Analysis | None:
    require(viewer, "welfare.view")
    return Analysis.objects.filter(municipality=viewer.municipality, pk=pk).first()


def analysis_risks(*, analysis: Analysis) -> list[Risk]:
    return list(Risk.objects.filter(municipality=analysis.municipality_id, analysis=analysis))


def risk_get(*, viewer: Viewer, analysis: Analysis, pk: int) -> Risk | None:
    require(viewer, "welfare.manage")
    return Risk.objects.filter(municipality=viewer.municipality, analysis=analysis, pk=pk).first()


def control_list(*, viewer: Viewer) -> list[Control]:
    """The catalogue with each control's number of runs and of runs with deviations."""
    require(viewer, "welfare.view")
    return list(
        Control.objects.filter(municipality=viewer.municipality).annotate(
            n_runs=Count("runs"),
            n_deviations=Count("runs", filter=Q(runs__result=ControlRun.Result.AVVIKELSE)),
        )
    )


def control_get(*, viewer: Viewer, pk: int) -> Control | None:
    require(viewer, "welfare.view")
    return Control.objects.filter(municipality=viewer.municipality, pk=pk).first()


def control_runs(*, control: Control, page=1):
    runs = ControlRun.objects.filter(municipality=control.municipality_id, control=control)
    return Paginator(runs.select_related("created_by"), PER_PAGE).get_page(page)


def controls_overdue(*, viewer: Viewer, today: date) -> list[Control]:
    """Active controls whose next run is due before today, the most overdue first."""
    require(viewer, "welfare.view")
    controls = Control.objects.filter(municipality=viewer.municipality, active=True)
    return sorted((c for c in controls if c.overdue(today)), key=lambda c: c.due_on)


def analyses_review_overdue(*, viewer: Viewer, today: date) -> list[Analysis]:
    require(viewer, "welfare.view")
    analyses = Analysis.objects.filter(municipality=viewer.municipality)
    return [a for a in analyses if a.review_overdue(today)]


def control_choices(*, viewer: Viewer):
    require(viewer, "welfare.view")
    return Control.objects.filter(municipality=viewer.municipality)


def case_list(*, viewer: Viewer, regelverk: str = "", open_only: bool = False):
    """The case references, newest detection first (a list of references, not a read of a
    case: the page shows no free text)."""
    require(viewer, "welfare.view_cases")
    cases = Case.objects.filter(municipality=viewer.municipality)
    if regelverk:
        cases = cases.filter(regelverk=regelverk)
    if open_only:
        cases = cases.filter(closed_on__isnull=True)
    return cases


def case_page(*, viewer: Viewer, regelverk: str = "", open_only: bool = False, page=1):
    return Paginator(
        case_list(viewer=viewer, regelverk=regelverk, open_only=open_only), PER_PAGE
    ).get_page(page)
