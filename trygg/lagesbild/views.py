from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from trygg.core import charts
from trygg.core.contributions import picture_information_for
from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.job_status import job_state, job_status_response
from trygg.core.viewer import viewer_for_request
from trygg.forums import selectors as forum_selectors
from trygg.geo.selectors import area_list

from . import documents_adapter, selectors, services, svg
from .forms import PeriodForm, PoliceInputForm, PoliceItemForm
from .models import PoliceInput

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
                "category_rows": [(r, _category_trend(r, i)) for i, r in enumerate(pic.categories)],
                "heat_rows": [
                    (WEEKDAYS[d], [(n, _heat_level(n, peak)) for n in row])
                    for d, row in enumerate(pic.weekday_hour)
                ],
                "hot_cells": sorted((h for h in pic.hexes if h.bin != 0), key=lambda h: -h.z)[:15],
                "query": request.GET.urlencode(),
                "in_background": services.document_in_background(pic.start, pic.end),
                "inline_max_days": services.DOCUMENT_INLINE_MAX_DAYS,
                "other_information": picture_information_for(
                    viewer=viewer, start=pic.start, end=pic.end
                ),
            }
        )
    if viewer.may("lagesbild.export"):
        context["documents"] = list(selectors.document_jobs(viewer=viewer)[:5])
    context["meetings_forum"] = forum_selectors.operational_forum(municipality=viewer.municipality)
    return render(request, "lagesbild/picture.html", context)


def _category_trend(row, i: int):
    """The category's reports per week as a sparkline; its values are in the SVG's desc."""
    return charts.sparkline(
        [(f"v. {week.isocalendar()[1]}", n) for week, n in row.trend],
        title=f"{row.name}: rapporter per vecka, de senaste {len(row.trend)} veckorna",
        chart_id=f"trend-{i}",
        width=120,
        height=28,
    )


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


@member_required("lagesbild.view_police")
def police_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "lagesbild/police_list.html",
        {
            "inputs": selectors.police_input_list(viewer=viewer)[:50],
            "meetings_forum": forum_selectors.operational_forum(municipality=viewer.municipality),
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


# --- The lägesbildsmöte's old addresses ------------------------------------------------------
# The meetings moved to trygg.forums with their primary keys: bookmarks and links in old
# minutes and e-mails land on the same meeting. 301 for pages; 308 keeps a form's POST.


@member_required("forums.view")
def old_meetings(request):
    forum = forum_selectors.operational_forum(municipality=request.municipality)
    if forum is None:
        return HttpResponsePermanentRedirect(reverse("forums:list"))
    return HttpResponsePermanentRedirect(reverse("forums:detail", args=[forum.pk]))


@member_required("forums.view")
def old_meeting_create(request):
    forum = forum_selectors.operational_forum(municipality=request.municipality)
    if forum is None:
        raise Http404
    return HttpResponsePermanentRedirect(reverse("forums:meeting_create", args=[forum.pk]))


def old_address(name):
    def view(request, **kwargs):
        response = HttpResponsePermanentRedirect(reverse(name, kwargs=kwargs))
        if request.method == "POST":
            response.status_code = 308
        return response

    return view
