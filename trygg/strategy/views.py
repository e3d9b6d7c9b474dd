from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trygg.core import bounds
from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request
from trygg.geo.models import Area
from trygg.geo.selectors import area_list

from . import selectors, services
from .forms import ActivityForm, FocusAreaForm, PromiseForm, StatisticsImportForm
from .models import FocusArea, PromiseActivity


@member_required("strategy.view")
def promise_list(request):
    viewer = viewer_for_request(request)
    return render(
        request,
        "strategy/promise_list.html",
        {
            "promises": selectors.promises(municipality=viewer.municipality),
            "focus_areas": selectors.focus_areas(municipality=viewer.municipality),
        },
    )


@member_required("strategy.manage_promises")
def focus_area_edit(request, pk=None):
    viewer = viewer_for_request(request)
    focus_area = None
    if pk is not None:
        focus_area = selectors.focus_areas(municipality=viewer.municipality).filter(pk=pk).first()
        if focus_area is None:
            raise Http404
    areas = area_list(municipality=viewer.municipality).exclude(kind=Area.Kind.KOMMUNGRANS)
    initial = (
        {
            "title": focus_area.title,
            "description": focus_area.description,
            "decided_on": focus_area.decided_on,
            "decision_reference": focus_area.decision_reference,
            "status": focus_area.status,
            "areas": list(focus_area.areas.all()),
        }
        if focus_area
        else {"status": FocusArea.Status.AKTIVT}
    )
    form = FocusAreaForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.focus_area_save(viewer=viewer, focus_area=focus_area, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Fokusområdet är sparat.")
            return redirect("strategy:promises")
    return render(
        request, "strategy/focus_area_form.html", {"form": form, "focus_area": focus_area}
    )


@member_required("strategy.manage_promises")
def promise_edit(request, pk=None):
    viewer = viewer_for_request(request)
    promise = None
    if pk is not None:
        promise = selectors.promise_get(municipality=viewer.municipality, pk=pk)
        if promise is None:
            raise Http404
    focus = selectors.focus_areas(municipality=viewer.municipality)
    initial = (
        {
            "year": promise.year,
            "title": promise.title,
            "introduction": promise.introduction,
            "focus_areas": list(promise.focus_areas.all()),
            "signed_on": promise.signed_on,
            "signed_by_municipality": promise.signed_by_municipality,
            "signed_by_police": promise.signed_by_police,
        }
        if promise
        else {}
    )
    form = PromiseForm(request.POST or None, focus_areas=focus, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            promise = services.promise_save(viewer=viewer, promise=promise, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Medborgarlöftet är sparat.")
            return redirect("strategy:promise_detail", promise.pk)
    return render(request, "strategy/promise_form.html", {"form": form, "promise": promise})


@member_required("strategy.view")
def promise_detail(request, pk):
    viewer = viewer_for_request(request)
    promise = selectors.promise_get(municipality=viewer.municipality, pk=pk)
    if promise is None:
        raise Http404
    focus = selectors.focus_areas(municipality=viewer.municipality)
    activity_pk = request.POST.get("activity") if request.method == "POST" else None
    form = ActivityForm(
        request.POST or None, focus_areas=focus, initial={"owner": PromiseActivity.Owner.KOMMUN}
    )
    if request.method == "POST" and viewer.may("strategy.manage_promises") and form.is_valid():
        activity = None
        if activity_pk:
            activity = promise.activities.filter(pk=activity_pk).first()
            if activity is None:
                raise Http404
        try:
            services.activity_save(
                viewer=viewer, promise=promise, activity=activity, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Aktiviteten är sparad.")
            return redirect("strategy:promise_detail", promise.pk)
    return render(
        request,
        "strategy/promise_detail.html",
        {
            "promise": promise,
            "form": form,
            "progress": selectors.progress(promise),
            "statuses": PromiseActivity.Status.choices,
        },
    )


@require_POST
@member_required("strategy.manage_promises")
def promise_publish(request, pk):
    viewer = viewer_for_request(request)
    promise = selectors.promise_get(municipality=viewer.municipality, pk=pk)
    if promise is None:
        raise Http404
    try:
        services.promise_publish(viewer=viewer, promise=promise)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Medborgarlöftet är publicerat på kommunens publika sida.")
    return redirect("strategy:promise_detail", promise.pk)


@member_required("strategy.view")
def statistics(request):
    from . import crimestats

    viewer = viewer_for_request(request)

    form = StatisticsImportForm(request.POST or None, request.FILES or None)
    errors, imported = [], None
    if request.method == "POST" and viewer.may("strategy.import_statistics") and form.is_valid():
        data = form.cleaned_data
        raw = data["file"].read()
        try:
            if data["layout"] == "indikatorer":
                rows, errors = crimestats.parse_indicators(raw)
            else:
                if not data["offence"] or not data["year"]:
                    raise ValueError("Välj brottskategori och år för filen per brott.")
                rows, errors = crimestats.parse_municipal_file(
                    raw, offence=data["offence"], year=data["year"]
                )
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            imported = services.statistics_import(viewer=viewer, rows=rows)
    return render(
        request,
        "strategy/statistics.html",
        {
            "form": form,
            "errors": errors[:500],
            "error_count": len(errors),
            "imported": imported,
            "comparison": selectors.statistics_comparison(municipality=viewer.municipality),
        },
    )


# --- Strategic lägesbild ----------------------------------------------------------------


def _picture_or_404(viewer, pk):
    from .models import StrategicPicture

    picture = StrategicPicture.objects.filter(municipality=viewer.municipality, pk=pk).first()
    if picture is None:
        raise Http404
    return picture


@member_required("strategy.view")
def picture_list(request):
    from django.utils import timezone

    from .forms import StrategicPictureCreateForm
    from .models import StrategicPicture

    viewer = viewer_for_request(request)
    year = timezone.localdate().year
    form = StrategicPictureCreateForm(
        request.POST or None, initial={"start_year": year - 1, "end_year": year}
    )
    if request.method == "POST" and viewer.may("strategy.manage_picture") and form.is_valid():
        try:
            picture = services.strategic_picture_draft(viewer=viewer, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Utkastet är skapat från data. Läs igenom och komplettera.")
            return redirect("strategy:picture_detail", picture.pk)
    return render(
        request,
        "strategy/picture_list.html",
        {
            "pictures": StrategicPicture.objects.filter(municipality=viewer.municipality),
            "form": form,
        },
    )


@member_required("strategy.view")
def picture_detail(request, pk):
    from . import text
    from .forms import StrategicPictureStatusForm
    from .models import StrategicPictureVersion

    viewer = viewer_for_request(request)
    picture = _picture_or_404(viewer, pk)
    versions = list(picture.versions.select_related("created_by"))
    shown = versions[0] if versions else None
    if request.GET.get("version"):
        shown = next((v for v in versions if str(v.number) == request.GET["version"]), shown)
    status_form = StrategicPictureStatusForm(
        request.POST or None,
        initial={
            "status": picture.status,
            "decided_by": picture.decided_by,
            "decided_on": picture.decided_on,
            "decision_paragraph": picture.decision_paragraph,
        },
    )
    if (
        request.method == "POST"
        and viewer.may("strategy.manage_picture")
        and status_form.is_valid()
    ):
        try:
            services.strategic_picture_set_status(
                viewer=viewer, picture=picture, **status_form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(status_form, error)
        else:
            messages.success(request, f"Lägesbilden är {picture.get_status_display().lower()}.")
            return redirect("strategy:picture_detail", picture.pk)
    sections = [
        (label, text.render((shown.sections if shown else {}).get(key, "")))
        for key, label in StrategicPictureVersion.SECTIONS
    ]
    return render(
        request,
        "strategy/picture_detail.html",
        {
            "picture": picture,
            "versions": versions,
            "shown": shown,
            "sections": sections,
            "status_form": status_form,
        },
    )


@member_required("strategy.manage_picture")
def picture_edit(request, pk):
    from . import text
    from .forms import StrategicPictureTextForm
    from .models import StrategicPictureVersion

    viewer = viewer_for_request(request)
    picture = _picture_or_404(viewer, pk)
    latest = picture.versions.order_by("-number").first()
    form = StrategicPictureTextForm(request.POST or None, initial=latest.sections if latest else {})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "forhandsgranska" in request.POST:
            preview = [
                (label, text.render(data.get(key, "")))
                for key, label in StrategicPictureVersion.SECTIONS
            ]
        else:
            try:
                services.strategic_picture_save(
                    viewer=viewer, picture=picture, sections=data, note=data.get("note", "")
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "En ny version är sparad.")
                return redirect("strategy:picture_detail", picture.pk)
    return render(
        request,
        "strategy/picture_edit.html",
        {"picture": picture, "form": form, "preview": preview},
    )


@member_required("strategy.view")
def picture_diff(request, pk):
    from . import text
    from .models import StrategicPictureVersion

    viewer = viewer_for_request(request)
    picture = _picture_or_404(viewer, pk)
    versions = {v.number: v for v in picture.versions.all()}
    try:
        old, new = (
            versions[int(request.GET.get("fran", 0))],
            versions[int(request.GET.get("till", 0))],
        )
    except (KeyError, ValueError):
        raise Http404 from None
    changes = [
        (label, text.diff_lines(old.sections.get(key, ""), new.sections.get(key, "")))
        for key, label in StrategicPictureVersion.SECTIONS
    ]
    return render(
        request,
        "strategy/picture_diff.html",
        {"picture": picture, "old": old, "new": new, "changes": changes},
    )


@member_required("strategy.view")
def annual_report(request):
    from django.http import HttpResponse
    from django.utils import timezone

    from trygg.documents.pdf import render_pdf
    from trygg.documents.word import render_docx

    from .annual import annual_document

    viewer = viewer_for_request(request)
    year = request.GET.get("ar", str(timezone.localdate().year))
    if not (year.isascii() and year.isdigit() and bounds.year_in_range(int(year))):
        return bounds.bad_request_page(
            request, [bounds.YEAR_MESSAGE], back=reverse("strategy:annual_report")
        )
    year = int(year)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "docx"):
        document = annual_document(viewer=viewer, year=year)
        now = timezone.localtime()
        if fmt == "pdf":
            body, content_type = render_pdf(document, generated_at=now), "application/pdf"
        else:
            body = render_docx(document, generated_at=now)
            content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="uppfoljning-{viewer.municipality.slug}-{year}.{fmt}"'
        )
        return response
    from .annual import goal_figures
    from .models import Goal

    figures = goal_figures(viewer=viewer, year=year)
    return render(
        request,
        "strategy/annual.html",
        {
            "year": year,
            "goals": [(g.label, figures.get(g.value, [])) for g in Goal],
        },
    )
