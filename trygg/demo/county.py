"""The county demo: Västmanlands län, the county user lansstyrelsen/demo, and Köping and
Arboga publishing to it through the county app's service. The municipalities come from
data/kommuner-vastmanland.csv; Arboga publishes what its rows give, nothing is planted."""

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scope

from trygg.core.models import Role
from trygg.core.viewer import Viewer
from trygg.county.models import County, CountyMembership, Snapshot
from trygg.county.services.publishing import snapshot_publish

DATA = Path(__file__).resolve().parent / "data" / "kommuner-vastmanland.csv"
USERNAME = "lansstyrelsen"


def load_demo_county(municipalities, password: str) -> int:
    """Returns how many snapshots were published now (0 when the demo already has them)."""
    with DATA.open(encoding="utf-8") as f:
        listed = [
            {"kommunkod": row["municipality_code"], "name": row["municipality_name_short"]}
            for row in csv.DictReader(f)
        ]
    county, _ = County.objects.update_or_create(
        code="19", defaults={"name": "Västmanlands län", "municipalities": listed}
    )
    User = get_user_model()
    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        user = User(username=USERNAME, first_name="Länsstyrelsen", last_name="Västmanland")
        user.set_password(password)
        user.save()
    CountyMembership.objects.get_or_create(user=user, county=county)
    published = 0
    for municipality in municipalities:
        with scope(municipality=municipality, county=None):
            if Snapshot.objects.filter(
                municipality=municipality, withdrawn_at__isnull=True
            ).exists():
                continue
            # The samordnare's right to publish; the audit row names no person.
            viewer = Viewer(municipality=municipality, roles=frozenset({Role.SAMORDNARE}))
            snapshot_publish(viewer=viewer, period_end=timezone.localdate())
            published += 1
    return published
