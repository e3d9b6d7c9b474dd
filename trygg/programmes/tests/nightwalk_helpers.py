"""Small helpers for the night-walk tests: a nattvandring programme, an association and a
group with its agreement, and the fields a phone sends for a log."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import category, make_organisation
from trygg.core.models import Organisation
from trygg.programmes.models import NightWalkGroup, Programme, ProgrammeKind

ROUTE = [[59.5130, 15.9900], [59.5140, 15.9930], [59.5150, 15.9960]]


def make_programme(municipality, owner, *, kind=ProgrammeKind.NATTVANDRING, name=None):
    with scopes_disabled():
        return Programme.objects.create(
            municipality=municipality,
            kind=kind,
            goal="G5",
            name=name or f"Nattvandring i {municipality.name}",
            owner=owner,
            start=date(2025, 1, 1),
        )


def make_group(municipality, owner, *, name="Nattvandrarna", rate=Decimal(500)):
    with scopes_disabled():
        association = make_organisation(
            municipality, f"Förening {name} {municipality.name}", kind=Organisation.Kind.FORENING
        )
        return NightWalkGroup.objects.create(
            municipality=municipality,
            programme=make_programme(municipality, owner, name=f"Program {name}"),
            association=association,
            name=name,
            contact_email="nattvandring@example.org",
            agreement_on=date(2025, 1, 15),
            rate_sek=rate,
        )


def log_fields(municipality, **overrides) -> dict:
    """What the phone's form sends: two walkers, a drawn route and one observation."""
    import json

    fields = {
        "client_uuid": str(uuid.uuid4()),
        "walked_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "walkers": "3",
        "route": json.dumps(ROUTE),
        "route_text": "",
        "note": "",
        "obs1_category": str(category(municipality, "klotter").pk),
        "obs1_text": "Nytt klotter på gångtunneln",
        "obs1_place": "Gångtunneln vid stationen",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}
