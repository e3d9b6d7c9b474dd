"""Import pages: upload, map the columns (CSV/Excel), follow the progress, read every error."""

from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render

from trygg.core.decorators import member_required
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request

from . import selectors, tabular
from .forms import ImportForm
from .models import ImportJob
from .tasks import run_import


@member_required("reports.import")
def import_start(request):
    viewer = viewer_for_request(request)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"dry_run": True})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read()
        job = ImportJob(
            municipality=viewer.municipality,
            kind=form.cleaned_data["kind"],
            dry_run=form.cleaned_data["dry_run"],
            filename=upload.name[:255],
            created_by=request.user,
            organisation=organisation_list(municipality=viewer.municipality)
            .filter(pk__in=viewer.organisation_ids)
            .first(),
        )
        if job.kind == ImportJob.Kind.TABELL:
            try:
                table = tabular.read_table(raw, upload.name)
            except tabular.TabularError as exc:
                form.add_error("file", str(exc))
                return render(request, "reports/import_start.html", _start_context(viewer, form))
            job.mapping = tabular.suggest_mapping(table.headers)
            job.status = ImportJob.Status.VANTAR
            job.file.save(upload.name, ContentFile(raw), save=False)
            job.save()
            return redirect("reports:import_detail", job.pk)
        job.file.save(upload.name, ContentFile(raw), save=False)
        job.save()
        run_import.enqueue(job_id=job.pk)
        return redirect("reports:import_detail", job.pk)
    return render(request, "reports/import_start.html", _start_context(viewer, form))


def _start_context(viewer, form):
    return {"form": form, "jobs": selectors.import_jobs(viewer=viewer)[:20]}


@member_required("reports.import")
def import_detail(request, pk):
    viewer = viewer_for_request(request)
    job = selectors.import_job_get(viewer=viewer, pk=pk)
    if job is None:
        raise Http404
    needs_mapping = (
        job.kind == ImportJob.Kind.TABELL
        and job.status == ImportJob.Status.VANTAR
        and not job.total
    )
    headers, unreadable = [], False
    if needs_mapping:
        # The stored file is read again for its header row: read_table checks an Excel file
        # before opening it, so a file that got past an older check cannot exhaust memory.
        with job.file.open("rb") as fh:
            try:
                headers = tabular.read_table(fh.read(), job.filename).headers
            except tabular.TabularError as exc:
                messages.error(request, str(exc))
                needs_mapping, unreadable = False, True
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
            "running": job.status in (ImportJob.Status.VANTAR, ImportJob.Status.KOR)
            and not needs_mapping
            and not unreadable,
        },
    )


def _import_action(request, viewer, job, headers):
    action = request.POST.get("action")
    if action == "mapping" and headers:
        mapping = {f.name: request.POST.get(f"map_{f.name}", "") for f in tabular.FIELDS}
        mapping = {k: v for k, v in mapping.items() if v in headers}
        missing = [f.label for f in tabular.FIELDS if f.required and f.name not in mapping]
        if missing:
            messages.error(request, "Välj kolumn för: " + ", ".join(missing) + ".")
            return redirect("reports:import_detail", job.pk)
        job.mapping = mapping
        job.dry_run = request.POST.get("dry_run") == "on"
        job.save(update_fields=["mapping", "dry_run"])
        run_import.enqueue(job_id=job.pk)
        return redirect("reports:import_detail", job.pk)
    if action == "run" and job.dry_run and job.status == ImportJob.Status.KLAR:
        again = ImportJob.objects.create(
            municipality=job.municipality,
            kind=job.kind,
            dry_run=False,
            filename=job.filename,
            file=job.file.name,
            mapping=job.mapping,
            created_by=request.user,
            organisation=job.organisation,
        )
        run_import.enqueue(job_id=again.pk)
        messages.success(request, "Importen körs nu på riktigt.")
        return redirect("reports:import_detail", again.pk)
    messages.error(request, "Det går inte att göra det med den här importen.")
    return redirect("reports:import_detail", job.pk)


@member_required("reports.import")
def import_status(request, pk):
    viewer = viewer_for_request(request)
    job = selectors.import_job_get(viewer=viewer, pk=pk)
    if job is None:
        raise Http404
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "total": job.total,
            "processed": job.processed,
            "percent": job.percent,
            "created": job.created_count,
            "updated": job.updated_count,
            "skipped": job.skipped_count,
            "errors": job.error_count,
        }
    )
