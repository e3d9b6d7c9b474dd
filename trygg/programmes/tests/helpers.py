"""Small helpers for the programme register's tests."""

from datetime import date

from django_scopes import scope

from tests.helpers import viewer_for
from trygg.core.models import Role
from trygg.programmes.services import register as services


def register_programme(municipality, users, owner, **fields):
    """A programme registered through the service by the samordnare."""
    viewer = viewer_for(users[Role.SAMORDNARE], municipality)
    data = {
        "kind": "nattvandring",
        "name": "Nattvandring i centrum",
        "owner": owner,
        "start": date(2026, 1, 1),
        "problem": "Oro och skadegörelse i centrum på helgkvällar.",
        "activity": "Vuxna vandrar fredag och lördag kväll.",
        "mechanism": "Vuxna som syns ökar den informella kontrollen.",
        "short_term_outcome": "Färre unga ensamma ute sent.",
        "long_term_outcome": "Mindre skadegörelse och ökad trygghet.",
    } | fields
    with scope(municipality=municipality):
        return services.programme_save(viewer=viewer, **data)
