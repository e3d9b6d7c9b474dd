"""Import pages: upload, map the columns (CSV/Excel), follow the progress, read every error.
Starting an import is a service (services/import_jobs.py); these parse and render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.job_status import job_state, job_status_response
from trygg.core.viewer import viewer_for_request

from . import selectors, services, tabular
from .forms import ImportForm


@member_required("reports.import")
def import_start(request):
    viewer = viewer_for_request(request)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"dry_run": True})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_start(
                viewer=viewer,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                content=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return redirect("reports:import_detail", job.pk)
    return render(request, "reports/import_start.html", _start_context(viewer, form))


def _start_context(viewer, form):
    return {"form": form, "jobs": selectors.import_jobs(viewer=viewer)[:20]}


def _status_fields(job) -> dict:
    """An import's counts beside the shared job status (core/job_status). A finished import
    with a message (a file with no rows) says it in place of a bare "Klar"."""
    texts = {"klar": f"{job.get_status_display()}: {job.message}"} if job.message else None
    return {
        "texts": texts,
        "result_url": reverse("reports:import_detail", args=[job.pk]),
        "created": job.created_count,
        "updated": job.updated_count,
        "skipped": job.skipped_count,
        "errors": job.error_count,
    }


@member_required("reports.import")
def import_detail(request, pk):
    viewer = viewer_for_request(request)
    job = selectors.import_job_get(viewer=viewer, pk=pk)
    if job is None:
        raise Http404
    needs_mapping, headers = job.awaiting_mapping, []
    if needs_mapping:
        # The stored file is read again for its header row: read_table checks an Excel file
        # before opening it, so a file that got past an older check cannot exhaust memory.
        try:
            with job.file.open("rb") as fh:
                headers = tabular.read_table(fh.read(), job.filename).headers
        except tabular.TabularError as exc:
            messages.error(request, str(exc))
            needs_mapping = False
        except FileNotFoundError:
            messages.error(request, services.import_jobs.FILE_GONE)
            needs_mapping = False
    if request.method == "POST":
        return _import_action(request, viewer, job, headers)
    return render(
        request,
        "reports/import_detail.html",
        {
            "job": job,
            "needs_mapping": needs_mapping,
            "headers": headers,
            "fields": tabular.FIELDS,
            "status": job_state(job, **_status_fields(job)),
        },
    )


def _import_action(request, viewer, job, headers):
    action = request.POST.get("action")
    try:
        if action == "mapping":
            services.import_mapping_set(
                viewer=viewer,
                job=job,
                mapping={f.name: request.POST.get(f"map_{f.name}", "") for f in tabular.FIELDS},
                headers=headers,
                dry_run=request.POST.get("dry_run") == "on",
            )
        elif action == "run":
            job = services.import_run_for_real(viewer=viewer, job=job)
            messages.success(request, "Importen körs nu på riktigt.")
        elif action == "restart":
            job = services.import_restart(viewer=viewer, job=job)
            messages.success(request, "Importen har startats igen.")
        else:
            messages.error(request, "Det går inte att göra det med den här importen.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports:import_detail", job.pk)


@member_required("reports.import")
def import_status(request, pk):
    viewer = viewer_for_request(request)
    job = selectors.import_job_get(viewer=viewer, pk=pk)
    if job is None:
        raise Http404
    return job_status_response(job, **_status_fields(job))
