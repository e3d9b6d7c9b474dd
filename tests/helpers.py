"""Small make_* helpers for tests (factory_boy only when these stop being small)."""

import base64
import json
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from trygg.core.models import Membership, Municipality, Organisation, Role
from trygg.geo.models import Area

ROLE_USERS = {
    Role.ADMINISTRATOR: "admin",
    Role.SAMORDNARE: "samordnare",
    Role.ANALYTIKER: "analytiker",
    Role.RAPPORTOR: "rapportor",
    Role.POLIS: "polis",
    Role.RADSLEDAMOT: "radsledamot",
    Role.VALFARD: "valfard",
}


def make_koping():
    return Municipality.objects.create(
        name="Köping", kommunkod="1983", county_code="19", slug="koping", population=25806
    )


def make_arboga():
    return Municipality.objects.create(
        name="Arboga", kommunkod="1984", county_code="19", slug="arboga", population=13991
    )


def make_role_users(organisation):
    """One user per role in the organisation's municipality, keyed by role."""
    return {role: make_member(name, organisation, role) for role, name in ROLE_USERS.items()}


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


def viewer_for(user, municipality):
    """The Viewer a request by this user in this municipality would get."""
    from trygg.core.selectors import workspace_for_user
    from trygg.core.viewer import Viewer

    ws = workspace_for_user(user)
    return Viewer(
        municipality=municipality,
        roles=ws.roles_in(municipality),
        organisation_ids=ws.organisations_in(municipality),
        user=user,
    )


def category(municipality, code="klotter"):
    from trygg.reports.models import Category

    with scopes_disabled():
        return Category.objects.get(municipality=municipality, code=code)


def make_report(municipality, code="klotter", *, lat=59.514, lon=15.9926, when=None, **fields):
    """A report stored directly (no validation), for tests that need data to read."""
    from django.utils import timezone

    from trygg.geo.h3cells import cells_for_point
    from trygg.reports.models import Report

    cat = category(municipality, code)
    cells = cells_for_point(lat, lon) if lat is not None else {}
    values = {
        "municipality": municipality,
        "category": cat,
        "occurred_at": when or timezone.now(),
        "reported_at": timezone.now(),
        "lat": lat,
        "lon": lon,
        # As report_create stores it: a point needs coordinates.
        "precision": "punkt" if lat is not None else "adress",
        "h3_r7": cells.get(7),
        "h3_r8": cells.get(8),
        "h3_r9": cells.get(9),
        "sensitivity": cat.sensitivity,
        "description": "Klotter på väggen",
        "description_redacted": "Klotter på väggen",
    }
    values.update(fields)
    with scopes_disabled():
        return Report.objects.create(**values)


def make_forum(municipality, kind="lagesbild"):
    """The municipality's forum of a kind (every municipality gets the guideline's forums)."""
    from trygg.forums.models import Forum

    with scopes_disabled():
        return Forum.objects.get(municipality=municipality, kind=kind)


def make_meeting(municipality, held_at, kind="lagesbild", **fields):
    """A meeting of the municipality's forum of that kind, stored directly (no agenda)."""
    from trygg.forums.models import Meeting

    day = held_at.date()
    fields.setdefault("period_start", day - timedelta(days=14))
    fields.setdefault("period_end", day - timedelta(days=1))
    with scopes_disabled():
        return Meeting.objects.create(
            municipality=municipality,
            forum=make_forum(municipality, kind),
            held_at=held_at,
            **fields,
        )


def body_of(response) -> bytes:
    """The response's bytes, streamed (the CSV export) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def altcha_solve(challenge: dict) -> str:
    """What the ALTCHA widget posts once it has solved `challenge` (the public form's or the
    Open311 challenge endpoint's), as citizen-report.js does."""
    from altcha import v1 as altcha

    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"], 0
    )
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def altcha_solution(page_html: str) -> str:
    """The solution of the challenge embedded in a page of the public form."""
    match = re.search(r'id="altcha-challenge"[^>]*>(.*?)</script>', page_html, re.S)
    return altcha_solve(json.loads(match.group(1)))
