"""The night-walk group's phone pages, opened through the group's secret link (leaders and
walkers are volunteers without an account: the token is the key): the calendar with sign-up,
the walk log, and the JSON endpoint the offline outbox sends a queued log to.

The endpoint answers as a walk's field endpoint does (walks/views/field.py): 201 with the
receipt for a new log, 200 with the same receipt for a repeated client UUID, 400 with Swedish
messages per field, 403 with a message for a revoked link (the phone keeps the log)."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_scopes import scope

from trygg.geo.selectors import area_index

from ..models import NightWalkGroup
from ..nightwalk_forms import LogForm, SignupForm
from ..selectors import nightwalk as selectors
from ..services import nightwalk as services

REVOKED = (
    "Länken är återkallad. Be föreningens samordnare av nattvandringen om den nya länken. "
    "Det du har sparat i telefonen finns kvar."
)


def _group(token: str) -> NightWalkGroup:
    group = selectors.group_for_token(token)
    if group is None:
        raise Http404
    return group


def _revoked(request, group):
    return render(
        request,
        "programmes/nightwalk_link_closed.html",
        {"message": REVOKED, "public_municipality": group.municipality},
        status=410,
    )


def _add_errors(form, error: ValidationError) -> None:
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, texts in by_field.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def calendar(request, token):
    group = _group(token)
    if selectors.link_state(group) != selectors.LINK_OK:
        return _revoked(request, group)
    with scope(municipality=group.municipality):
        form = SignupForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                evening = selectors.evening_get(group=group, pk=form.cleaned_data["evening"])
                try:
                    if evening is None:
                        raise ValidationError({"evening": ["Kvällen finns inte i kalendern."]})
                    services.signup_add(
                        group=group,
                        evening=evening,
                        adults=form.cleaned_data["adults"],
                        nickname=form.cleaned_data["nickname"],
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(
                        request, f"Tack! Ni är anmälda till kvällen {evening.walk_on:%Y-%m-%d}."
                    )
                    return redirect(request.path)
            status = 400
        return render(
            request,
            "programmes/nightwalk_calendar.html",
            {
                "group": group,
                "evenings": selectors.evenings(group=group, upcoming_only=True),
                "form": form,
                "failed_evening": form.data.get("evening") if form.is_bound else None,
                "problems": [text for texts in form.errors.values() for text in texts],
                "min_adults": services.MIN_WALKERS,
                "public_municipality": group.municipality,
            },
            status=status,
        )


def _form(request, group):
    categories = selectors.log_categories(municipality=group.municipality)
    return LogForm(request.POST or None, categories=categories)


def _record(group, form):
    data = form.cleaned_data
    return services.log_record(
        group=group,
        client_uuid=data.get("client_uuid") or uuid.uuid4(),
        walked_on=data.get("walked_on"),
        walkers=data.get("walkers"),
        route=data.get("route"),
        route_text=data.get("route_text", ""),
        concern_reported=data.get("concern_reported", False),
        note=data.get("note", ""),
        observations=form.observations(),
    )


def log_page(request, token):
    group = _group(token)
    if selectors.link_state(group) != selectors.LINK_OK:
        return _revoked(request, group)
    with scope(municipality=group.municipality):
        form = _form(request, group)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    _record(group, form)
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, "Kvällens logg är mottagen. Tack för att ni gick!")
                    return redirect(request.path)
            status = 400
        if not form.is_bound:
            form.initial["walked_on"] = timezone.localdate()
        index = area_index(group.municipality)
        return render(
            request,
            "programmes/nightwalk_log.html",
            {
                "group": group,
                "form": form,
                "endpoint": reverse("programmes:nightwalk_log_json", args=[token]),
                "boundary": index.boundary_geojson,
                "min_walkers": services.MIN_WALKERS,
                "public_municipality": group.municipality,
            },
            status=status,
        )


def _json_errors(error: ValidationError) -> dict:
    by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return {name: [{"message": str(t)} for t in texts] for name, texts in by_field.items()}


@require_POST
def log_json(request, token):
    group = _group(token)
    if selectors.link_state(group) != selectors.LINK_OK:
        return JsonResponse({"message": REVOKED}, status=403)
    with scope(municipality=group.municipality):
        form = _form(request, group)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        if form.cleaned_data.get("client_uuid") is None:
            message = "Loggen saknar sitt klient-UUID. Ladda om sidan och spara igen."
            return JsonResponse({"errors": {"__all__": [{"message": message}]}}, status=400)
        try:
            log, created = _record(group, form)
        except ValidationError as error:
            return JsonResponse({"errors": _json_errors(error)}, status=400)
        return JsonResponse(
            {
                "state": "mottagen",
                "id": log.pk,
                "client_uuid": str(log.client_uuid),
                "url": reverse("programmes:nightwalk_log", args=[token]),
            },
            status=201 if created else 200,
        )
