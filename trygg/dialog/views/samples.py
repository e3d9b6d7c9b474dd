"""A sampled survey's sample page, /dialog/enkater/<pk>/urval/: upload the sample or a count
per DeSO, download the codes for the mail merge and the reminder rounds, see the response
rate. Thin: the rules and the permission (dialog.manage_sample) are in services/samples.py."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.spreadsheets import csv_cell
from trygg.core.viewer import viewer_for_request

from ..selectors.answering import repeat_warnings
from ..selectors.samples import sample_summary, sample_survey_get
from ..services import samples

manager = member_required("dialog.manage_sample")


def _survey(request, pk):
    viewer = viewer_for_request(request)
    survey = sample_survey_get(viewer=viewer, pk=pk)
    if survey is None:
        raise Http404
    return viewer, survey


def _page(request, viewer, survey, *, errors=(), counts_text="", status=200):
    return render(
        request,
        "dialog/samples_page.html",
        {
            "survey": survey,
            "summary": sample_summary(viewer=viewer, survey=survey),
            "errors": list(errors),
            "counts_text": counts_text,
            "warning": repeat_warnings(viewer, survey),
            "public_link": request.build_absolute_uri(
                reverse("public:survey", args=[survey.token])
            ),
        },
        status=status,
    )


@manager
def sample_page(request, pk):
    viewer, survey = _survey(request, pk)
    return _page(request, viewer, survey)


@manager
@require_POST
def sample_upload(request, pk):
    viewer, survey = _survey(request, pk)
    upload = request.FILES.get("fil")
    counts_text = request.POST.get("antal", "")
    try:
        if upload is not None:
            issued = samples.sample_import(
                viewer=viewer, survey=survey, raw=upload.read(), filename=upload.name
            )
        elif counts_text.strip():
            issued = samples.sample_from_counts(viewer=viewer, survey=survey, text=counts_text)
        else:
            raise ValidationError("Välj en fil med urvalet eller skriv antal per DeSO.")
    except ValidationError as error:
        return _page(
            request, viewer, survey, errors=error.messages, counts_text=counts_text, status=400
        )
    messages.success(request, f"{issued} engångskoder har skapats.")
    return redirect("dialog:sample", pk=survey.pk)


@manager
@require_POST
def sample_codes(request, pk):
    """The codes as CSV (referens, deso, kod, länk); `paminnelse=1` is a reminder round."""
    viewer, survey = _survey(request, pk)
    reminder = request.POST.get("paminnelse") == "1"
    link = request.build_absolute_uri(reverse("public:survey", args=[survey.token]))
    try:
        rows = samples.codes_export(viewer=viewer, survey=survey, link=link, reminder=reminder)
    except ValidationError as error:
        return _page(request, viewer, survey, errors=error.messages, status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    kind = "paminnelse" if reminder else "koder"
    name = f"enkat-{survey.pk}-{kind}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["referens", "deso", "kod", "länk"])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return response
