"""Pages for the biennial strategic lägesbild: drafted from the data, edited as versions,
compared version to version, and decided."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.viewer import viewer_for_request

from .. import selectors, services, text
from ..forms import StrategicPictureCreateForm, StrategicPictureStatusForm, StrategicPictureTextForm
from ..models import StrategicPictureVersion


def _picture_or_404(viewer, pk):
    picture = selectors.picture_get(viewer=viewer, pk=pk)
    if picture is None:
        raise Http404
    return picture


@member_required("strategy.view")
def picture_list(request):
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
            "pictures": selectors.picture_list(viewer=viewer),
            "form": form,
        },
    )


@member_required("strategy.view")
def picture_detail(request, pk):
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
            "year_chart": selectors.picture_year_chart(viewer=viewer, picture=picture),
        },
    )


@member_required("strategy.manage_picture")
def picture_edit(request, pk):
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
