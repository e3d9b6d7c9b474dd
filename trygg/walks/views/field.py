"""Field mode: the page a phone records observations on, through the walk's join link (no
account: the token is the key) or signed in with walks.record, and the JSON endpoint the
offline outbox sends each queued observation to.

The endpoint answers as the report outbox's does (reports/outbox_views.py): 201 with the
receipt for a new observation, 200 with the same receipt for a repeated client UUID, 400
with Swedish messages per field, 403 with a message for a link that no longer opens the
walk (the phone keeps the item), 401 when a staff session ended."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_scopes import scope

from trygg.core.decorators import member_required
from trygg.core.permissions import roles_may
from trygg.core.viewer import Viewer, viewer_for_request
from trygg.geo.selectors import area_index

from ..field_form import ObservationForm
from ..models import Walk
from ..selectors import field as selectors
from ..services.field import observation_record

SIGNED_OUT = "Du är utloggad. Logga in igen: observationen finns kvar i telefonen tills dess."
NOT_ALLOWED = "Du har inte behörighet att göra observationer på den här vandringen."
LINK_MESSAGES = {
    selectors.LINK_EXPIRED: "Deltagarlänken har gått ut: vandringen tar inte emot fler "
    "observationer via länken. Kontakta den som leder vandringen.",
    selectors.LINK_REVOKED: "Deltagarlänken är återkallad. Be den som leder vandringen om en "
    "ny länk.",
    selectors.LINK_CANCELLED: "Vandringen är inställd och tar inte emot observationer.",
}
# The observations a phone has sent, kept in its session: a participant sees only these.
SESSION_KEY = "walks_field_{}"
SESSION_MAX = 500


def _remember(request, walk: Walk, observation_id: int) -> None:
    key = SESSION_KEY.format(walk.pk)
    ids = [i for i in request.session.get(key, []) if i != observation_id]
    request.session[key] = (ids + [observation_id])[-SESSION_MAX:]


def _photos(request) -> list[bytes]:
    return [upload.read() for upload in request.FILES.getlist("photos")]


def _record(request, walk: Walk, viewer: Viewer | None, *, via_join_link: bool, form):
    data = form.cleaned_data
    observation, created = observation_record(
        walk=walk,
        viewer=viewer,
        via_join_link=via_join_link,
        client_uuid=data.get("client_uuid") or uuid.uuid4(),
        recorded_at=data.get("recorded_at"),
        lat=data.get("lat"),
        lon=data.get("lon"),
        item_id=data.get("item"),
        score=data.get("score"),
        text=data.get("text", ""),
        place_text=data.get("place_text", ""),
        photos=_photos(request),
    )
    _remember(request, walk, observation.pk)
    return observation, created


def _add_errors(form, error: ValidationError) -> None:
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, texts in by_field.items():
        target = field if field in form.fields else None
        for text in texts:
            form.add_error(target, text)


def _page(request, walk: Walk, viewer: Viewer | None, *, via_join_link: bool, endpoint: str):
    form = ObservationForm(request.POST or None, walk=walk)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                observation, _ = _record(
                    request, walk, viewer, via_join_link=via_join_link, form=form
                )
            except ValidationError as error:
                _add_errors(form, error)
                status = 400
            else:
                outside = observation.outside_area
                note = " Den hamnade utanför vandringens område." if outside else ""
                messages.success(request, f"Observationen är mottagen.{note}")
                return redirect(request.path)
        else:
            status = 400
    own_ids = request.session.get(SESSION_KEY.format(walk.pk), [])
    index = area_index(walk.municipality)
    return render(
        request,
        "walks/field_page.html",
        {
            "walk": walk,
            "form": form,
            "endpoint": endpoint,
            "via_join_link": via_join_link,
            # Whose outbox items these are: the link for a participant, else the user.
            "owner": f"walk-link-{walk.pk}" if via_join_link else str(viewer.user_id),
            "closed": selectors.walk_is_closed(walk),
            "own": selectors.own_observations(walk=walk, ids=own_ids),
            "area_outline": walk.area.geometry,
            "outside_message": "Platsen ligger utanför vandringens område. Den sparas ändå "
            "och märks för ledaren.",
            "boundary": index.boundary_geojson,
            "public_municipality": walk.municipality,
        },
        status=status,
    )


def _closed_link_page(request, walk: Walk, state: str):
    return render(
        request,
        "walks/field_link_closed.html",
        {"message": LINK_MESSAGES[state], "public_municipality": walk.municipality},
        status=410,
    )


def _link_walk(token: str) -> Walk:
    walk = selectors.walk_for_join_token(token)
    if walk is None:
        raise Http404
    return walk


def field_by_link(request, token):
    walk = _link_walk(token)
    state = selectors.join_link_state(walk)
    if state != selectors.LINK_OK:
        return _closed_link_page(request, walk, state)
    with scope(municipality=walk.municipality):
        return _page(
            request,
            walk,
            None,
            via_join_link=True,
            endpoint=reverse("walks:field_link_json", args=[token]),
        )


@member_required("walks.record")
def field_by_pk(request, pk):
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    return _page(
        request,
        walk,
        viewer,
        via_join_link=False,
        endpoint=reverse("walks:field_json", args=[pk]),
    )


def _json_errors(error: ValidationError) -> dict:
    by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return {field: [{"message": str(text)} for text in texts] for field, texts in by_field.items()}


def _json(request, walk: Walk, viewer: Viewer | None, *, via_join_link: bool, page_url: str):
    form = ObservationForm(request.POST, walk=walk)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    if form.cleaned_data.get("client_uuid") is None:
        message = "Observationen saknar sitt klient-UUID. Ladda om sidan och spara igen."
        return JsonResponse({"errors": {"__all__": [{"message": message}]}}, status=400)
    try:
        observation, created = _record(
            request, walk, viewer, via_join_link=via_join_link, form=form
        )
    except ValidationError as error:
        return JsonResponse({"errors": _json_errors(error)}, status=400)
    except PermissionDenied:
        return JsonResponse({"message": NOT_ALLOWED}, status=403)
    return JsonResponse(
        {
            "state": "mottagen",
            "id": observation.pk,
            "client_uuid": str(observation.client_uuid),
            "url": page_url,
            "late": observation.late,
            "outside_area": observation.outside_area,
        },
        status=201 if created else 200,
    )


@require_POST
def observations_json_by_link(request, token):
    walk = _link_walk(token)
    with scope(municipality=walk.municipality):
        state = selectors.join_link_state(walk)
        if state == selectors.LINK_EXPIRED and _recorded_before_expiry(request, walk):
            # A phone that recorded before the link expired and had no coverage until now:
            # its drafts are accepted (late, into the review), never dropped.
            state = selectors.LINK_OK
        if state != selectors.LINK_OK:
            return JsonResponse({"message": LINK_MESSAGES[state]}, status=403)
        return _json(
            request,
            walk,
            None,
            via_join_link=True,
            page_url=reverse("walks:field_link", args=[token]),
        )


def _recorded_before_expiry(request, walk: Walk) -> bool:
    form = ObservationForm(request.POST, walk=walk)
    recorded_at = form.cleaned_data.get("recorded_at") if form.is_valid() else None
    return recorded_at is not None and recorded_at < walk.join_expires_at


@require_POST
def observations_json_by_pk(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({"message": SIGNED_OUT, "login_url": reverse("core:login")}, status=401)
    if request.municipality is None or not roles_may(request.roles, "walks.record"):
        return JsonResponse({"message": NOT_ALLOWED}, status=403)
    viewer = viewer_for_request(request)
    walk = selectors.walk_get(viewer=viewer, pk=pk)
    return _json(
        request, walk, viewer, via_join_link=False, page_url=reverse("walks:field", args=[pk])
    )


__all__ = ["field_by_link", "field_by_pk", "observations_json_by_link", "observations_json_by_pk"]
