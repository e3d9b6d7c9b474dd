"""Small helpers for grannsamverkan tests: a programme, an area with ombud, a sent message."""

from datetime import date

from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import Organisation, Role
from trygg.programmes.models import NeighbourhoodArea, Ombud, Programme, ProgrammeKind
from trygg.strategy.models import Goal


def make_programme(municipality):
    with scopes_disabled():
        owner = Organisation.objects.filter(municipality=municipality).first()
        return Programme.objects.get_or_create(
            municipality=municipality,
            name="Grannsamverkan",
            defaults={
                "kind": ProgrammeKind.GRANNSAMVERKAN,
                "goal": Goal.G1,
                "owner": owner,
                "start": date(2025, 1, 1),
            },
        )[0]


def make_neighbourhood(municipality, name="Karlsdal", *, lon=15.99, lat=59.51, ombud=()):
    """An area stored directly, with ombud given as (name, email, phone)."""
    programme = make_programme(municipality)
    geo = make_area(municipality, f"{name} (karta)", kind="egen", lon=lon, lat=lat)
    with scopes_disabled():
        area = NeighbourhoodArea.objects.create(
            municipality=municipality,
            programme=programme,
            name=name,
            area=geo,
            started_on=date(2026, 1, 1),
            households_in=40,
            households_out=12,
        )
        for person, email, phone in ombud:
            Ombud.objects.create(
                municipality=municipality, area=area, name=person, email=email, phone=phone
            )
    return area


def send(municipality, user, areas, subject="Inbrottsvåg", body="Var uppmärksamma i kväll."):
    from trygg.programmes.services.neighbourhood import area_message_send

    with scope(municipality=municipality):
        return area_message_send(
            viewer=viewer_for(user, municipality), areas=areas, subject=subject, body=body
        )


POLICE = Role.POLIS
