"""Small make_* helpers for tests (factory_boy only when these stop being small)."""

from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from trygg.core.models import Membership, Organisation
from trygg.geo.models import Area


def make_organisation(municipality, name, kind=Organisation.Kind.FORVALTNING):
    with scopes_disabled():
        return Organisation.objects.create(municipality=municipality, name=name, kind=kind)


def make_member(username, organisation, role, password="demo-losenord-1"):
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User.objects.create_user(
        username, password=password, email=f"{username}@example.se"
    )
    with scopes_disabled():
        Membership.objects.create(
            user=user, organisation=organisation, municipality=organisation.municipality, role=role
        )
    return user


def square(lon, lat, d=0.01):
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - d, lat - d],
                [lon + d, lat - d],
                [lon + d, lat + d],
                [lon - d, lat + d],
                [lon - d, lat - d],
            ]
        ],
    }


def make_area(municipality, name, *, kind="stadsdel", lon=15.99, lat=59.51, d=0.01):
    with scopes_disabled():
        return Area.objects.create(
            municipality=municipality,
            name=name,
            kind=kind,
            geometry=square(lon, lat, d),
            min_lon=lon - d,
            min_lat=lat - d,
            max_lon=lon + d,
            max_lat=lat + d,
        )


def membership_of(user):
    with scopes_disabled():
        return Membership.objects.get(user=user)
