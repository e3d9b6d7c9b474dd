"""Large exports' pages: the offer to make one in the background, its progress and its
download. Ordering and opening are services (services/export_jobs.py); these parse and
render. The direct export (views.report_export) hands over here past DIRECT_LIMIT rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.job_status import job_state, job_status_response
from trygg.core.viewer import viewer_for_request

from . import exports, services
from .models import ExportJob

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_large(request, *, fmt: str, filters, count: int):
    """The page a too large direct export gets: what it would hold and a button to order it."""
    return render(
        request,
        "reports/export_large.html",
        {
            "fmt": fmt,
            "query": filters.to_query(),
            "count": count,
            "limit": exports.DIRECT_LIMIT,
            "back": reverse("reports:list") + "?" + filters.to_query(),
        },
    )


@require_POST
@member_required("reports.export")
def export_job_start(request):
    viewer = viewer_for_request(request)
    try:
        job = services.export_job_start(
            viewer=viewer, fmt=request.POST.get("fmt", ""), query=request.POST.get("query", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reports:list") + "?" + request.POST.get("query", ""))
    return redirect("reports:export_job", job.pk)


def _job(request) -> tuple:
    viewer = viewer_for_request(request)
    return viewer, exports.export_job_get(viewer=viewer, pk=request.resolver_match.kwargs["pk"])


def _job_texts(job: ExportJob) -> dict:
    """What an export job's page and status say beyond the shared shape (core/job_status)."""
    return {
        "texts": {
            "pagar": f"{job.get_status_display()} – {job.processed} av {job.total} rapporter. "
            "Du kan lämna sidan och komma tillbaka."
            if job.total
            else f"{job.get_status_display()} – du kan lämna sidan och komma tillbaka.",
            "klar": f"Exporten är klar: {job.total} rapporter.",
            "fel": "Exporten blev inte klar.",
        },
        "result_url": reverse("reports:export_job_download", args=[job.pk]),
        "filename": job.filename,
    }


@member_required("reports.export")
def export_job_detail(request, pk):
    _viewer, job = _job(request)
    if job is None:
        raise Http404
    status = job_state(job, **_job_texts(job))
    back = reverse("reports:list") + "?" + job.query
    return render(request, "reports/export_job.html", {"job": job, "status": status, "back": back})


@member_required("reports.export")
def export_job_status(request, pk):
    _viewer, job = _job(request)
    if job is None:
        raise Http404
    return job_status_response(job, **_job_texts(job))


@member_required("reports.export")
def export_job_download(request, pk):
    viewer, job = _job(request)
    if job is None or job.status != ExportJob.Status.KLAR:
        raise Http404
    try:
        handle = services.export_job_open(viewer=viewer, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:export_job", pk=job.pk)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=CONTENT_TYPES[job.fmt], as_attachment=True, filename=job.filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
