"""The support programmes' pages: the kvinnojour agreements with their annual reports and
review, and the youth–police cooperation's and SSPF's quarters, routines and forum."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list

from ..selectors import support as selectors
from ..services import support as services
from ..support_forms import (
    NO_CLIENT_DATA,
    AgreementForm,
    ForumLinkForm,
    IndicatorForm,
    QuarterForm,
    ReportUploadForm,
    ReviewForm,
    RoutineForm,
    RoutineReviewedForm,
)

view = member_required(selectors.VIEW)
manage = member_required(services.MANAGE)
record = member_required(services.RECORD)


def _add_errors(form, error: ValidationError) -> None:
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, texts in by_field.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _found(obj):
    if obj is None:
        raise Http404
    return obj


@view
def overview(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "programmes/support_overview.html",
        {
            "agreements": selectors.agreement_list(viewer=viewer),
            "cooperations": selectors.cooperation_programmes(viewer=viewer),
            "may_manage": viewer.may(services.MANAGE),
        },
    )


@manage
def agreement_new(request):
    viewer = viewer_for_request(request)
    form = AgreementForm(request.POST or None, viewer=viewer)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Överenskommelsen är registrerad.")
            return redirect("programmes:support_agreement", agreement.pk)
    return render(
        request,
        "programmes/support_agreement_form.html",
        {"form": form, "no_client_data": NO_CLIENT_DATA},
        status=400 if request.method == "POST" else 200,
    )


def _agreement_page(request, viewer, agreement, *, indicator_form=None, upload_form=None):
    bad = indicator_form is not None or upload_form is not None
    return render(
        request,
        "programmes/support_agreement.html",
        {
            "agreement": agreement,
            "indicators": agreement.indicators.all(),
            "reports": selectors.agreement_reports(agreement=agreement),
            "may_manage": viewer.may(services.MANAGE),
            "indicator_form": indicator_form or IndicatorForm(),
            "upload_form": upload_form or ReportUploadForm(initial={"year": agreement.start.year}),
        },
        status=400 if bad else 200,
    )


@view
def agreement_detail(request, pk):
    viewer = viewer_for_request(request)
    agreement = _found(selectors.agreement_get(viewer=viewer, pk=pk))
    return _agreement_page(request, viewer, agreement)


@require_POST
@manage
def indicator_add(request, pk):
    viewer = viewer_for_request(request)
    agreement = _found(selectors.agreement_get(viewer=viewer, pk=pk))
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            services.indicator_add(viewer=viewer, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Aktiviteten är tillagd.")
            return redirect("programmes:support_agreement", agreement.pk)
    return _agreement_page(request, viewer, agreement, indicator_form=form)


@require_POST
@manage
def report_upload(request, pk):
    viewer = viewer_for_request(request)
    agreement = _found(selectors.agreement_get(viewer=viewer, pk=pk))
    form = ReportUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report = services.report_upload(
                viewer=viewer,
                agreement=agreement,
                year=form.cleaned_data["year"],
                uploaded=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Årsrapporten för {report.year} är uppladdad.")
            return redirect("programmes:support_report_review", report.pk)
    return _agreement_page(request, viewer, agreement, upload_form=form)


@manage
def report_file(request, pk):
    viewer = viewer_for_request(request)
    report = _found(selectors.report_get(viewer=viewer, pk=pk))
    if not report.file:
        raise Http404
    services.report_opened(viewer=viewer, report=report)
    suffix = "pdf" if report.content_type == services.PDF else "docx"
    response = FileResponse(
        report.file.open("rb"),
        content_type=report.content_type,
        as_attachment=suffix == "docx",
        filename=f"arsrapport-{report.year}.{suffix}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@manage
def report_review(request, pk):
    viewer = viewer_for_request(request)
    report = _found(selectors.report_get(viewer=viewer, pk=pk))
    form = ReviewForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_review(
                viewer=viewer,
                report=report,
                follow_up=form.cleaned_data["follow_up"],
                summary=form.cleaned_data["summary"],
                assessments=form.assessments(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Granskningen av årsrapporten {report.year} är sparad.")
            return redirect("programmes:support_agreement", report.agreement_id)
    return render(
        request,
        "programmes/support_review.html",
        {"report": report, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _year(request) -> int:
    try:
        return int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year


def _concern_areas(viewer, programme):
    areas = list(programme.areas.order_by("name"))
    return areas or list(area_list(municipality=viewer.municipality, kind="stadsdel"))


@view
def cooperation_detail(request, pk):
    viewer = viewer_for_request(request)
    programme = _found(selectors.cooperation_get(viewer=viewer, pk=pk))
    year = _year(request)
    forum, meetings = selectors.cooperation_forum(viewer=viewer, programme=programme)
    may_record = viewer.may(services.RECORD)
    today = timezone.localdate()
    return render(
        request,
        "programmes/support_cooperation.html",
        {
            "programme": programme,
            "year": year,
            "years": sorted(set(selectors.years_recorded(programme=programme)) | {today.year}),
            "table": selectors.quarter_table(viewer=viewer, programme=programme, year=year),
            "concerns": selectors.concerns_by_area(viewer=viewer, programme=programme, year=year),
            "routines": selectors.routines(programme=programme),
            "today": today,
            "forum": forum,
            "meetings": meetings,
            "may_record": may_record,
            "routine_form": RoutineForm() if may_record else None,
            "forum_form": ForumLinkForm(viewer=viewer) if viewer.may(services.MANAGE) else None,
        },
    )


@record
def quarter_new(request, pk):
    viewer = viewer_for_request(request)
    programme = _found(selectors.cooperation_get(viewer=viewer, pk=pk))
    areas = _concern_areas(viewer, programme)
    today = timezone.localdate()
    initial = {"year": today.year, "quarter": (today.month - 1) // 3 + 1}
    form = QuarterForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.quarter_record(
                viewer=viewer,
                programme=programme,
                year=form.cleaned_data["year"],
                quarter=form.cleaned_data["quarter"],
                counts=form.counts(),
                concerns=form.concerns(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Siffrorna för {row.year} kvartal {row.quarter} är sparade.")
            url = reverse("programmes:support_cooperation", args=[programme.pk])
            return redirect(f"{url}?ar={row.year}")
    return render(
        request,
        "programmes/support_quarter_form.html",
        {"programme": programme, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@record
def routine_add(request, pk):
    viewer = viewer_for_request(request)
    programme = _found(selectors.cooperation_get(viewer=viewer, pk=pk))
    form = RoutineForm(request.POST)
    if form.is_valid():
        try:
            services.routine_add(viewer=viewer, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Rutinen är registrerad.")
            return redirect("programmes:support_cooperation", programme.pk)
    return render(
        request,
        "programmes/support_routine_form.html",
        {"programme": programme, "form": form},
        status=400,
    )


@require_POST
@record
def routine_reviewed(request, pk):
    viewer = viewer_for_request(request)
    routine = _found(selectors.routine_get(viewer=viewer, pk=pk))
    form = RoutineReviewedForm(request.POST)
    if form.is_valid():
        try:
            services.routine_reviewed(viewer=viewer, routine=routine, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Rutinen {routine.title} är markerad som översedd.")
            return redirect("programmes:support_cooperation", routine.programme_id)
    for text in form.errors.get("next_review_by", []):
        messages.error(request, f"{routine.title}: {text}")
    if "next_review_by" not in form.errors:
        messages.error(request, f"{routine.title}: ange nästa översynsdatum.")
    return redirect("programmes:support_cooperation", routine.programme_id)


@require_POST
@manage
def forum_link(request, pk):
    viewer = viewer_for_request(request)
    programme = _found(selectors.cooperation_get(viewer=viewer, pk=pk))
    form = ForumLinkForm(request.POST, viewer=viewer)
    if form.is_valid():
        services.forum_link(viewer=viewer, programme=programme, forum=form.cleaned_data["forum"])
        messages.success(request, f"Samverkan möts i {form.cleaned_data['forum'].name}.")
    else:
        messages.error(request, "Välj ett forum i listan.")
    return redirect("programmes:support_cooperation", programme.pk)
