"""The demo's night walking: one fictional group of the (fictional) association
"Nattvandrarna i Köping", labelled as demo data, with its agreement, a year of Friday walks
through central Köping, a few observations of which some became reports, and the coming
evenings with sign-ups.

Everything is written through the night-walk services (the log as the phone sends it), so
the demo shows exactly what a leader's phone and the samordnare's actions store. The routes
are loops drawn around Stora Torget and towards Resecentrum (the demo's central cluster):
they follow no street, and no street is named."""

import random
import uuid
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from trygg.core.models import Organisation, Role
from trygg.core.viewer import Viewer
from trygg.programmes.models import NightWalkGroup, ProgrammeKind
from trygg.programmes.services import nightwalk as services
from trygg.reports.models import Category

from .programmes import DEMO_LABEL, demo_programme

GROUP = f"Nattvandrarna i Köping, fredagsgruppen {DEMO_LABEL}"
ASSOCIATION = "Nattvandrarna i Köping"
# (lat, lon) loops in central Köping, drawn and not streets.
ROUTES = [
    [
        [59.5139, 15.9925],
        [59.5133, 15.9940],
        [59.5127, 15.9950],
        [59.5122, 15.9945],
        [59.5122, 15.9933],
        [59.5126, 15.9922],
        [59.5133, 15.9915],
        [59.5139, 15.9925],
    ],
    [
        [59.5139, 15.9925],
        [59.5146, 15.9935],
        [59.5152, 15.9952],
        [59.5147, 15.9970],
        [59.5138, 15.9962],
        [59.5139, 15.9925],
    ],
    [
        [59.5139, 15.9925],
        [59.5128, 15.9905],
        [59.5117, 15.9912],
        [59.5112, 15.9935],
        [59.5122, 15.9945],
        [59.5139, 15.9925],
    ],
]
ROUTE_TEXTS = [
    "Stora Torget och slingan söder om torget mot Resecentrum",
    "Stora Torget och kvarteren norr och öster om torget",
    "Stora Torget, gångtunneln och Resecentrum",
]
# (category code, what the walkers saw, place in words, made a report)
OBSERVATIONS = [
    ("klotter", "Nytt klotter på elskåpet", "Elskåpet vid torget", True),
    ("belysning", "Två lampor släckta i gångtunneln", "Gångtunneln", True),
    ("ungdomar_oro", "En grupp yngre ungdomar ute sent, pratade med dem", "Resecentrum", False),
    ("krossad_ruta", "Krossad ruta i busskuren", "Busskuren vid Resecentrum", True),
    ("nedskrapning", "Mycket glas och skräp efter helgen", "Torget", False),
    ("mopedbuskorning", "Mopeder i hög fart över torget", "Stora Torget", True),
]


def _samordnare(municipality) -> Viewer:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="samordnare").first()
    return Viewer(municipality=municipality, roles=frozenset({Role.SAMORDNARE}), user=user)


def load_demo_nightwalk(municipality) -> bool:
    """Loads the group and its year once (inside the municipality's scope); False when it is
    already there."""
    if NightWalkGroup.objects.filter(municipality=municipality, name=GROUP).exists():
        return False
    viewer = _samordnare(municipality)
    owner = Organisation.objects.get(municipality=municipality, name="Säkerhetsavdelningen")
    programme = demo_programme(
        municipality=municipality, kind=ProgrammeKind.NATTVANDRING, owner=owner
    )
    today = timezone.localdate()
    group = services.group_create(
        viewer=viewer,
        programme=programme,
        association=Organisation.objects.get(municipality=municipality, name=ASSOCIATION),
        name=GROUP,
        contact_email="fredag@nattvandrarna-koping.example",
        agreement_on=today - timedelta(days=380),
        rate_sek=Decimal(600),
    )
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    rng = random.Random(19)
    # Fridays of the past year, with a break in July and one evening in six not walked.
    friday = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    days = [friday - timedelta(weeks=w) for w in range(52)]
    days = [d for d in days if d.month != 7 and rng.random() > 1 / 6]
    observations = iter(OBSERVATIONS * 2)
    to_report = []
    for n, day in enumerate(sorted(days)):
        found = []
        if n % 7 == 3:
            code, text, place, report = next(observations, OBSERVATIONS[0])
            found.append(services.ObservationInput(categories[code].pk, text, place))
        log, _ = services.log_record(
            group=group,
            client_uuid=uuid.UUID(int=rng.getrandbits(128)),
            walked_on=day,
            walkers=rng.choice((2, 3, 3, 4, 4, 5, 6)),
            route=ROUTES[n % len(ROUTES)] if n % 5 else None,
            route_text=ROUTE_TEXTS[n % len(ROUTE_TEXTS)],
            concern_reported=n % 13 == 6,
            observations=found,
        )
        if found and report:
            to_report.extend(log.observations.all())
    for observation in to_report[:4]:
        services.observation_to_report(viewer=viewer, observation=observation)
    # The coming Fridays: the first two have their two adults, the third needs one more.
    for weeks, signups in ((1, (2, 1)), (2, (2,)), (3, (1,)), (4, ())):
        evening = services.evening_plan(
            viewer=viewer,
            group=group,
            walk_on=friday + timedelta(weeks=weeks),
            starts_at=time(21, 0),
            meeting_place="Stora Torget",
        )
        for adults in signups:
            services.signup_add(group=group, evening=evening, adults=adults)
    return True
