"""The leader's review of a walk's observations: a map and the same list as a table (the
non-map way), filters (not reviewed, outside the area, late, checklist item), approve or
reject each, and mark which photos may be shown in public. Unreviewed observations are
private to the walk: the page shows them only to those selectors.field.may_see_unreviewed
lets in; others with walks.view see the approved ones."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_index

from ..models import Observation
from ..selectors import field as selectors
from ..services.review import observation_review, photo_public_set

DECISIONS = {
    "godkann": Observation.Review.GODKAND,
    "avvisa": Observation.Review.AVVISAD,
    "ogranskad": Observation.Review.NY,
}


def _points(observations) -> list[dict]:
    """The map's points: only what the table beside it lists, and only ids, never text."""
    return [
        {
            "id": o.pk,
            "lat": o.lat,
            "lon": o.lon,
            "label": f"Observation {o.pk}" + (f": {o.item.label}" if o.item else ""),
            "outside": o.outside_area,
        }
        for o in observations
        if o.lat is not None
    ]


@member_required("walks.view")
def review_list(request, pk):
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    filters = selectors.ReviewFilters.from_query(request.GET)
    observations = list(
        selectors.observations_for_review(viewer=viewer, walk=walk, filters=filters)
    )
    private = selectors.may_see_unreviewed(viewer, walk)
    return render(
        request,
        "walks/review_list.html",
        {
            "walk": walk,
            "observations": observations,
            "filters": filters,
            "items": selectors.template_items(walk),
            "counts": selectors.review_counts(walk=walk) if private else None,
            "private": private,
            "may_review": selectors.may_review(viewer, walk),
            "scores": selectors.scores_by_item(walk, approved_only=not private),
            "points": _points(observations),
            "area_outline": walk.area.geometry,
            "boundary": area_index(viewer.municipality).boundary_geojson,
            "query": request.GET.urlencode(),
        },
    )


def _back(request, pk):
    query = request.POST.get("q", "")
    return redirect(reverse("walks:review", args=[pk]) + (f"?{query}" if query else ""))


@require_POST
@member_required("walks.view")
def review_decide(request, pk, observation_pk):
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    observation = (
        selectors.observations_for_review(viewer=viewer, walk=walk)
        .filter(pk=observation_pk)
        .first()
    )
    decision = DECISIONS.get(request.POST.get("beslut", ""))
    if observation is None or decision is None:
        raise Http404
    observation.walk = walk
    observation_review(viewer=viewer, observation=observation, decision=decision)
    messages.success(request, f"Observation {observation.pk}: {decision.label.lower()}.")
    return _back(request, pk)


def _photo(request, pk, photo_pk):
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    photo = selectors.photo_get(viewer=viewer, pk=photo_pk)
    if photo.observation.walk_id != walk.pk:
        raise Http404
    return viewer, photo


@member_required("walks.view")
def photo_file(request, pk, photo_pk):
    _, photo = _photo(request, pk, photo_pk)
    small = request.GET.get("storlek") == "liten" and photo.thumbnail
    field = photo.thumbnail if small else photo.image
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@member_required("walks.view")
def photo_public(request, pk, photo_pk):
    viewer, photo = _photo(request, pk, photo_pk)
    public_ok = request.POST.get("public_ok") == "1"
    photo_public_set(viewer=viewer, photo=photo, public_ok=public_ok)
    messages.success(
        request,
        "Fotot får visas offentligt." if public_ok else "Fotot visas inte offentligt.",
    )
    return _back(request, pk)
