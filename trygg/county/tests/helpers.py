"""A county with Köping and Arboga, a county user, and reports to publish."""

from django.contrib.auth import get_user_model
from django_scopes import scope

from tests.helpers import viewer_for
from trygg.county.models import County, CountyMembership
from trygg.county.services.publishing import snapshot_publish

VASTMANLAND = [
    {"kommunkod": "1980", "name": "Västerås"},
    {"kommunkod": "1983", "name": "Köping"},
    {"kommunkod": "1984", "name": "Arboga"},
    {"kommunkod": "1960", "name": "Kungsör"},
]


def make_county(code="19", name="Västmanlands län", municipalities=VASTMANLAND):
    return County.objects.create(code=code, name=name, municipalities=municipalities)


def make_county_user(county, username="lansstyrelsen"):
    user = get_user_model().objects.create_user(username, password="x")
    CountyMembership.objects.create(user=user, county=county)
    return user


def publish(user, municipality, period_end):
    with scope(municipality=municipality, county=None):
        return snapshot_publish(viewer=viewer_for(user, municipality), period_end=period_end)
