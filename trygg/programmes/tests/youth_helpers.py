"""Small makers for youth-activity and parent-support tests (and the tenant table)."""

from datetime import date, time, timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.models import Organisation
from trygg.programmes.models import Activity, ParentEvent, ParentOffer, Programme, ProgrammeKind
from trygg.programmes.models.register import KIND_GOAL


def make_programme(municipality, kind=ProgrammeKind.UNGDOMSAKTIVITETER, name=""):
    with scopes_disabled():
        owner = Organisation.objects.filter(municipality=municipality).first()
        if owner is None:
            owner = Organisation.objects.create(
                municipality=municipality, name="Fritidsförvaltningen", kind="forvaltning"
            )
        programme, _ = Programme.objects.get_or_create(
            municipality=municipality,
            name=name or f"{kind} i {municipality.name}",
            defaults={
                "kind": kind,
                "goal": KIND_GOAL[kind],
                "owner": owner,
                "start": date(2026, 1, 1),
            },
        )
        return programme


def make_activity(municipality, name="Fritidsgården", **values):
    with scopes_disabled():
        values.setdefault("programme", make_programme(municipality))
        values.setdefault("organiser", values["programme"].owner)
        defaults = {
            "place_name": "Fritidsgården",
            "weekdays": "0123456",
            "starts_at": time(18),
            "ends_at": time(21),
            "age_min": 13,
            "age_max": 17,
            "season_start": date(2020, 1, 1),
        }
        defaults.update(values)
        return Activity.objects.create(municipality=municipality, name=name, **defaults)


def make_offer(municipality, name="ABC", **values):
    with scopes_disabled():
        values.setdefault("programme", make_programme(municipality, ProgrammeKind.FORALDRASTOD))
        values.setdefault("organiser", values["programme"].owner)
        values.setdefault("evidence", "evidens")
        offer, _ = ParentOffer.objects.get_or_create(
            municipality=municipality, name=name, defaults=values
        )
        return offer


def make_event(municipality, title="Föreläsning om tonåren", *, days=7, **values):
    with scopes_disabled():
        values.setdefault("offer", make_offer(municipality))
        start = timezone.now().replace(microsecond=0) + timedelta(days=days)
        values.setdefault("starts_at", start)
        values.setdefault("ends_at", start + timedelta(hours=2))
        values.setdefault("kind", ParentEvent.Kind.FORELASNING)
        values.setdefault("place", "Biblioteket")
        return ParentEvent.objects.create(municipality=municipality, title=title, **values)
