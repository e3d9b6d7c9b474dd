"""The protocol's downloads (the full working version for staff, the public version), the
re-walk's planning and its before/after comparison page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.reports.selectors import category_list

from ..followup_forms import RewalkForm
from ..selectors.field import may_see_unreviewed
from ..selectors.findings import rewalk_comparison
from ..selectors.rewalk import walk_effect
from ..services.protocol import protocol_render
from ..services.rewalk import rewalk_plan, rewalk_window
from .findings import _walk


def protocol_response(walk, fmt: str, *, public: bool) -> HttpResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404
    body, content_type = protocol_render(walk, fmt, public=public)
    response = HttpResponse(body, content_type=content_type)
    suffix = "-offentlig" if public else ""
    response["Content-Disposition"] = (
        f'attachment; filename="protokoll-vandring-{walk.pk}{suffix}.{fmt}"'
    )
    return response


@member_required("walks.view")
def protocol(request, pk, fmt):
    viewer, walk = _walk(request, pk)
    # The full protocol names staff and owners and holds unreviewed observations: those who
    # may not see them get the public version, whatever they ask for.
    public = request.GET.get("version") == "offentlig" or not may_see_unreviewed(viewer, walk)
    return protocol_response(walk, fmt, public=public)


@member_required("walks.manage")
def rewalk(request, pk):
    """Plans a new walk on the same route 6–12 months later (or later with confirmation)."""
    viewer, walk = _walk(request, pk)
    low, high = rewalk_window(walk)
    form = RewalkForm(request.POST or None, initial={"walk_on": low})
    if request.method == "POST" and form.is_valid():
        try:
            again = rewalk_plan(viewer=viewer, walk=walk, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Den nya vandringen är planerad.")
            return redirect("walks:comparison", again.pk)
    return render(
        request,
        "walks/protocol_rewalk.html",
        {"walk": walk, "form": form, "low": low, "high": high},
    )


@member_required("walks.view")
def comparison(request, pk):
    """Scores per item and photos per finding before/after, and the effect on reports."""
    viewer, walk = _walk(request, pk)
    categories = category_list(municipality=viewer.municipality)
    chosen = categories.filter(pk=request.GET.get("kategori") or 0).first()
    if chosen is None:
        measure = next(
            (
                f.measure
                for f in (
                    walk.previous_walk.findings.select_related("measure__effect_category")
                    if walk.previous_walk_id
                    else []
                )
                if f.measure_id and f.measure.effect_category_id
            ),
            None,
        )
        chosen = measure.effect_category if measure else None
    scores, pairs = rewalk_comparison(walk=walk)
    return render(
        request,
        "walks/protocol_comparison.html",
        {
            "walk": walk,
            "scores": scores,
            "pairs": pairs,
            "categories": categories,
            "chosen": chosen,
            "effect": walk_effect(viewer=viewer, walk=walk, category=chosen),
        },
    )
