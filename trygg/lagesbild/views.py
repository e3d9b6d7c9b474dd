from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.job_status import job_state, job_status_response
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_list

from . import documents_adapter, selectors, services, svg
from .forms import (
    ActionItemForm,
    AgendaItemForm,
    DecisionFollowUpForm,
    DecisionForm,
    MeetingCreateForm,
    MeetingUpdateForm,
    PeriodForm,
    PoliceInputForm,
    PoliceItemForm,
    ScheduleForm,
)
from .models import ActionItem, Decision, PoliceInput

POLICE_ITEM_ROWS = 5
WEEKDAYS = ["Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag"]


def _period(request, viewer):
    """The period from the query string, or the default one; and the form that shows it."""
    start, end = selectors.default_period(municipality=viewer.municipality)
    form = PeriodForm(request.GET or None, initial={"fran": start, "till": end, "upplosning": 8})
    resolution = 8
    if form.is_bound:
        if form.is_valid():
            start, end = form.cleaned_data["fran"], form.cleaned_data["till"]
            resolution = form.cleaned_data["upplosning"] or 8
        else:
            return form, None, None, None
    return form, start, end, resolution


def _picture(request, viewer):
    form, start, end, resolution = _period(request, viewer)
    return form, _picture_for(form, viewer, start, end, resolution)


def _picture_for(form, viewer, start, end, resolution):
    """The picture for a parsed period, or None with the reason on the form."""
    if start is None:
        return None
    try:
        return selectors.picture_for_period(
            viewer=viewer, start=start, end=end, resolution=resolution
        )
    except selectors.PeriodError as exc:
        form.add_error(None, str(exc))
        return None


@member_required("lagesbild.view")
def picture(request):
    viewer = viewer_for_request(request)
    form, pic = _picture(request, viewer)
    context = {"form": form, "picture": pic, "weekdays": WEEKDAYS, "hours": range(24)}
    if pic is not None:
        peak = max((max(row) for row in pic.weekday_hour), default=0)
        context.update(
            {
                "map_svg": mark_safe(svg.hotspot_map_svg(pic)),  # noqa: S308 - escaped in svg.py
                "trend_svg": mark_safe(svg.weekly_chart_svg(pic)),  # noqa: S308 - escaped in svg.py
                "heat_rows": [
                    (WEEKDAYS[d], [(n, _heat_level(n, peak)) for n in row])
                    for d, row in enumerate(pic.weekday_hour)
                ],
                "hot_cells": sorted((h for h in pic.hexes if h.bin != 0), key=lambda h: -h.z)[:15],
                "query": request.GET.urlencode(),
                "in_background": services.document_in_background(pic.start, pic.end),
                "inline_max_days": services.DOCUMENT_INLINE_MAX_DAYS,
            }
        )
    if viewer.may("lagesbild.export"):
        context["documents"] = list(selectors.document_jobs(viewer=viewer)[:5])
    return render(request, "lagesbild/picture.html", context)


def _heat_level(n: int, peak: int) -> int:
    return 0 if not n or not peak else min(5, 1 + int(4 * n / peak))


@member_required("lagesbild.export")
def picture_document(request, fmt):
    viewer = viewer_for_request(request)
    form, start, end, resolution = _period(request, viewer)
    # The picture never counts days to come, so neither does the choice.
    if start is not None and services.document_in_background(start, min(end, timezone.localdate())):
        try:
            job = services.document_job_start(
                viewer=viewer, fmt=fmt, start=start, end=end, resolution=resolution
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse("lagesbild:picture") + "?" + request.GET.urlencode())
        return redirect("lagesbild:document_job", pk=job.pk)
    pic = _picture_for(form, viewer, start, end, resolution)
    if pic is None:
        messages.error(request, "Perioden är ogiltig.")
        return redirect("lagesbild:picture")
    body, content_type = documents_adapter.picture_document(pic, fmt)
    services.picture_document_exported(viewer=viewer, start=pic.start, end=pic.end, fmt=fmt)
    name = f"lagesbild-{viewer.municipality.slug}-{pic.start:%Y%m%d}-{pic.end:%Y%m%d}.{fmt}"
    return _download(body, content_type, name)


def _job_texts(job) -> dict:
    """What a document job's page and status say beyond the shared shape (core/job_status)."""
    return {
        "texts": {
            "pagar": f"{job.get_status_display()} – du kan lämna sidan och komma tillbaka; "
            "dokumentet finns kvar i en vecka.",
            "klar": "Dokumentet är klart.",
            "fel": "Dokumentet blev inte klart.",
        },
        "failed": "Beställ det igen; det tas fram på nytt.",
        "result_url": reverse("lagesbild:document_job_download", args=[job.pk]),
        "filename": job.filename,
    }


@member_required("lagesbild.export")
def document_job(request, pk):
    job = selectors.document_job_get(viewer=viewer_for_request(request), pk=pk)
    if job is None:
        raise Http404
    status = job_state(job, **_job_texts(job))
    return render(request, "lagesbild/document_job.html", {"job": job, "status": status})


@member_required("lagesbild.export")
def document_job_status(request, pk):
    job = selectors.document_job_get(viewer=viewer_for_request(request), pk=pk)
    if job is None:
        raise Http404
    return job_status_response(job, **_job_texts(job))


@member_required("lagesbild.export")
def document_job_download(request, pk):
    viewer = viewer_for_request(request)
    job = selectors.document_job_get(viewer=viewer, pk=pk)
    if job is None or job.status != job.Status.KLAR or not job.file:
        raise Http404
    try:
        handle = services.document_job_open(viewer=viewer, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lagesbild:document_job", pk=job.pk)
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = documents_adapter.PDF if job.fmt == "pdf" else documents_adapter.DOCX
    response = FileResponse(
        handle, content_type=content_type, as_attachment=True, filename=job.filename
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@member_required("lagesbild.view")
def meeting_list(request):
    viewer = viewer_for_request(request)
    schedule = selectors.schedule_for(municipality=viewer.municipality)
    schedule_form = ScheduleForm(
        request.POST if request.method == "POST" else None,
        initial={
            "first_date": schedule.first_date,
            "interval_days": schedule.interval_days,
            "time_of_day": schedule.time_of_day,
            "place": schedule.place,
        }
        if schedule
        else {"first_date": timezone.localdate(), "interval_days": 14, "time_of_day": "09:00"},
    )
    if request.method == "POST" and viewer.may("lagesbild.manage_meetings"):
        if schedule_form.is_valid():
            try:
                services.schedule_set(viewer=viewer, **schedule_form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(schedule_form, error)
            else:
                messages.success(request, "Mötesschemat är sparat.")
                return redirect("lagesbild:meetings")
    return render(
        request,
        "lagesbild/meeting_list.html",
        {
            "meetings": selectors.meeting_list(viewer=viewer),
            "schedule": schedule,
            "schedule_form": schedule_form,
            "next_time": selectors.next_meeting_time(municipality=viewer.municipality),
            "open_actions": selectors.open_action_items(municipality=viewer.municipality),
            "today": timezone.localdate(),
        },
    )


@member_required("lagesbild.manage_meetings")
def meeting_create(request):
    viewer = viewer_for_request(request)
    organisations = organisation_list(municipality=viewer.municipality).filter(active=True)
    next_time = selectors.next_meeting_time(municipality=viewer.municipality)
    form = MeetingCreateForm(
        request.POST or None,
        organisations=organisations,
        initial={"held_at": timezone.localtime(next_time) if next_time else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Mötet är skapat med en dagordning från lägesbilden.")
            return redirect("lagesbild:meeting_detail", meeting.pk)
    return render(request, "lagesbild/meeting_create.html", {"form": form})


def _meeting(request, pk):
    viewer = viewer_for_request(request)
    meeting = selectors.meeting_get(viewer=viewer, pk=pk)
    if meeting is None:
        raise Http404
    return viewer, meeting


def _forms(viewer, meeting, data=None, which=None):
    organisations = organisation_list(municipality=viewer.municipality).filter(active=True)
    areas = area_list(municipality=viewer.municipality, without_boundary=True)
    bound = lambda name: data if which == name else None  # noqa: E731
    return {
        # Four forms on one page: each gets its own id prefix so every label stays unique.
        "update_form": MeetingUpdateForm(
            bound("update"),
            auto_id="mote-%s",
            organisations=organisations,
            initial={
                "status": meeting.status,
                "place": meeting.place,
                "participants": meeting.participants,
                "notes": meeting.notes,
                "organisations": list(meeting.organisations.all()),
            },
        ),
        "decision_form": DecisionForm(
            bound("decision"),
            auto_id="insats-%s",
            areas=areas,
            organisations=organisations,
            initial={"until": timezone.localdate() + timedelta(days=14)},
        ),
        "action_form": ActionItemForm(
            bound("action"),
            auto_id="atgard-%s",
            organisations=organisations,
            initial={"due": timezone.localdate() + timedelta(days=14)},
        ),
        "agenda_form": AgendaItemForm(bound("agenda"), auto_id="punkt-%s"),
    }


@member_required("lagesbild.view")
def meeting_detail(request, pk):
    viewer, meeting = _meeting(request, pk)
    which = request.POST.get("form") if request.method == "POST" else None
    forms_ = _forms(viewer, meeting, request.POST, which)
    if which:
        if not viewer.may("lagesbild.manage_meetings"):
            raise Http404
        form = forms_.get(f"{which}_form")
        if form is not None and form.is_valid():
            try:
                _save(viewer, meeting, which, form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "Sparat.")
                return redirect("lagesbild:meeting_detail", meeting.pk)
    carried = [a for a in meeting.agenda.all() if a.action_item_id]
    return render(
        request,
        "lagesbild/meeting_detail.html",
        {
            "meeting": meeting,
            "carried": carried,
            "follow_up_form": DecisionFollowUpForm(),
            "today": timezone.localdate(),
            **forms_,
        },
    )


def _save(viewer, meeting, which, data):
    if which == "update":
        services.meeting_update(viewer=viewer, meeting=meeting, **data)
    elif which == "decision":
        services.decision_add(viewer=viewer, meeting=meeting, **data)
    elif which == "action":
        services.action_item_add(viewer=viewer, meeting=meeting, **data)
    elif which == "agenda":
        services.agenda_item_add(viewer=viewer, meeting=meeting, **data)


@require_POST
@member_required("lagesbild.manage_meetings")
def decision_follow_up(request, pk):
    viewer = viewer_for_request(request)
    decision = Decision.objects.filter(municipality=viewer.municipality, pk=pk).first()
    if decision is None:
        raise Http404
    form = DecisionFollowUpForm(request.POST)
    if form.is_valid():
        services.decision_follow_up(viewer=viewer, decision=decision, **form.cleaned_data)
        messages.success(request, "Uppföljningen är sparad.")
    else:
        messages.error(request, "Välj en status.")
    return redirect(request.POST.get("back") or "lagesbild:meetings")


@require_POST
@member_required("lagesbild.manage_meetings")
def action_item_done(request, pk):
    viewer = viewer_for_request(request)
    item = ActionItem.objects.filter(municipality=viewer.municipality, pk=pk).first()
    if item is None:
        raise Http404
    services.action_item_complete(viewer=viewer, item=item, note=request.POST.get("note", ""))
    messages.success(request, f"Åtgärden ”{item.title}” är markerad som klar.")
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/lagesbild/") else "lagesbild:meetings")


@member_required("lagesbild.export")
def minutes_document(request, pk, fmt):
    viewer, meeting = _meeting(request, pk)
    try:
        pic = selectors.picture_for_period(
            viewer=viewer, start=meeting.period_start, end=meeting.period_end
        )
    except selectors.PeriodError:
        pic = None  # a meeting planned ahead: its period has not begun
    body, content_type = documents_adapter.minutes_document(meeting, pic, fmt)
    held = timezone.localtime(meeting.held_at)
    name = f"minnesanteckningar-{viewer.municipality.slug}-{held:%Y%m%d}.{fmt}"
    return _download(body, content_type, name)


@member_required("lagesbild.view_police")
def police_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "lagesbild/police_list.html",
        {
            "inputs": selectors.police_input_list(viewer=viewer)[:50],
        },
    )


@member_required("lagesbild.police_input")
def police_edit(request, pk=None):
    viewer = viewer_for_request(request)
    existing = None
    if pk is not None:
        existing = PoliceInput.objects.filter(municipality=viewer.municipality, pk=pk).first()
        if existing is None:
            raise Http404
    areas = area_list(municipality=viewer.municipality, without_boundary=True)
    start, end = selectors.default_period(municipality=viewer.municipality)
    initial = (
        {
            "period_start": existing.period_start,
            "period_end": existing.period_end,
            "summary": existing.summary,
            "sensitivity": existing.sensitivity,
        }
        if existing
        else {"period_start": start, "period_end": end}
    )
    data = request.POST if request.method == "POST" else None
    form = PoliceInputForm(data, initial=initial)
    old_items = list(existing.items.all()) if existing else []
    item_forms = [
        PoliceItemForm(
            data,
            areas=areas,
            prefix=f"punkt{i}",
            initial=(
                {
                    "theme": old_items[i].theme,
                    "area": old_items[i].area_id,
                    "text": old_items[i].text,
                    "reference": old_items[i].reference,
                }
                if i < len(old_items)
                else {}
            ),
        )
        for i in range(max(POLICE_ITEM_ROWS, len(old_items) + 2))
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in item_forms):
        items = [f.cleaned_data for f in item_forms if f.cleaned_data.get("text")]
        try:
            services.police_input_save(
                viewer=viewer, items=items, police_input=existing, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Polisens lägesbild är sparad.")
            return redirect("lagesbild:police_list")
    return render(
        request,
        "lagesbild/police_form.html",
        {
            "form": form,
            "item_forms": item_forms,
            "existing": existing,
        },
    )


@require_POST
@member_required("lagesbild.manage_meetings")
def agenda_send(request):
    from .forms import AgendaSendForm

    viewer = viewer_for_request(request)
    form = AgendaSendForm(request.POST)
    back = request.POST.get("back", "")
    back = back if back.startswith("/") and not back.startswith("//") else "/"
    if not form.is_valid():
        messages.error(request, "Välj ett forum.")
        return redirect(back)
    try:
        item = services.agenda_send(viewer=viewer, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Punkten är lagd på dagordningen för {item.meeting}.")
    return redirect(back)
