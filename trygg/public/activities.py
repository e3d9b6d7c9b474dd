"""The public pages for young people and parents: this week's and coming youth activities
(filter by age, area and weekday, no JavaScript needed), and the parent-support calendar
with its iCal feed. No login; only what the municipality chose to show."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from trygg.programmes.models.youth import WEEKDAYS
from trygg.programmes.selectors import parents as parents_selectors
from trygg.programmes.selectors import youth as youth_selectors

from .views import _municipality

MAX_AGE = 30


def _filter(request, area_ids) -> tuple[youth_selectors.PublicFilter, dict[str, str]]:
    """The filter from the query string; a value that makes no sense gets a message and is
    ignored, and what the visitor typed is shown back."""
    errors = {}
    age = None
    raw_age = request.GET.get("alder", "").strip()
    if raw_age:
        if raw_age.isdigit() and int(raw_age) <= MAX_AGE:
            age = int(raw_age)
        else:
            errors["alder"] = f"Skriv en ålder i hela år, 0–{MAX_AGE}."
    area_id = None
    raw_area = request.GET.get("omrade", "")
    if raw_area.isdigit() and int(raw_area) in area_ids:
        area_id = int(raw_area)
    weekday = request.GET.get("dag", "")
    if weekday not in dict(WEEKDAYS):
        weekday = ""
    return youth_selectors.PublicFilter(age=age, area_id=area_id, weekday=weekday), errors


def activities(request, slug):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        areas = youth_selectors.public_area_choices(municipality=municipality)
        where, errors = _filter(request, {pk for pk, _name in areas})
        weeks = youth_selectors.public_days(
            municipality=municipality, today=timezone.localdate(), where=where
        )
        return render(
            request,
            "public/activities.html",
            {
                "public_municipality": municipality,
                "weeks": weeks,
                "any": any(days for _label, days in weeks),
                "areas": areas,
                "weekdays": WEEKDAYS,
                "where": where,
                "age_typed": request.GET.get("alder", ""),
                "errors": errors,
                "filtered": bool(where.age is not None or where.area_id or where.weekday),
            },
        )


def parents(request, slug):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        upcoming, held = parents_selectors.public_calendar(municipality=municipality)
        return render(
            request,
            "public/parents.html",
            {"public_municipality": municipality, "upcoming": upcoming, "held": held},
        )


def parents_ical(request, slug):
    municipality = _municipality(slug)
    with scope(municipality=municipality):
        body = parents_selectors.public_calendar_ical(
            municipality=municipality,
            base_url=request.build_absolute_uri(reverse("public:parents", args=[slug])),
            host=request.get_host().split(":")[0],
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="foraldrastod-{slug}.ics"'
    return response
