"""The demo's grannsamverkan in Köping: two areas drawn around demo places (Nibblesbacke and
Östanås, two of the demo report clusters), each compared with the stadsdel around another
demo place, with fictional kontaktombud (labelled demo data, e-mail at example.org, mobile
numbers from PTS's range for fiction, 070-174 06 05–99), and a year of area messages from
the police and the municipality. Written through the services; only the sending is marked
done, since the demo's messages were "sent" before the demo existed."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from trygg.core.models import Municipality, Organisation, Role
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.geo.selectors import areas_at_point
from trygg.programmes.models import AreaMessage, Delivery, NeighbourhoodArea, ProgrammeKind
from trygg.programmes.services import neighbourhood as services

from .programmes import DEMO_LABEL, demo_programme

# A drawn area becomes a place name in the gazetteer, so it is never named as a district is
# ("Nibblesbacke" would then be two places for a citizen who types it).
# (name, centre lat, lon, half side in degrees, place whose stadsdel is the comparison,
#  start, signs, households in/out, ombud)
AREAS = [
    (
        "Grannsamverkan Nibblesbacke",
        59.5262,
        15.9740,
        0.004,
        (59.5185, 15.9850),
        date(2025, 3, 1),
        6,
        (84, 31),
        [
            ("Demo-ombud Nibblesbacke 1", "ombud.nibblesbacke1@example.org", "070-174 06 05"),
            ("Demo-ombud Nibblesbacke 2", "ombud.nibblesbacke2@example.org", ""),
        ],
    ),
    (
        "Grannsamverkan Östanås",
        59.5050,
        16.0180,
        0.004,
        (59.5035, 16.0010),
        date(2025, 5, 1),
        4,
        (52, 40),
        [("Demo-ombud Östanås 1", "ombud.ostanas1@example.org", "070-174 06 06")],
    ),
]

# (days ago, from the police?, subject, body, areas by index); no address in any of them.
MESSAGES = [
    (
        350,
        True,
        "Inbrott i villor",
        "Flera inbrott i villor de senaste nätterna i området. Lås dörrar och fönster, och "
        "hör av er till polisen om ni ser något.",
    ),
    (
        300,
        False,
        "Årsmöte i grannsamverkan",
        "Välkomna till årsmöte för grannsamverkan. Kallelse och dagordning kommer från ombuden.",
    ),
    (
        250,
        True,
        "Falska hantverkare",
        "Personer utger sig för att vara hantverkare och ber att få komma in. Släpp inte in "
        "okända.",
    ),
    (
        200,
        True,
        "Stölder ur bilar",
        "Flera bilar har brutits upp i området. Lämna inga värdesaker synliga i bilen.",
    ),
    (
        150,
        False,
        "Nya skyltar",
        "Kommunen sätter upp nya skyltar om grannsamverkan i området nästa vecka.",
    ),
    (
        100,
        True,
        "Semestertider",
        "Hjälp varandra under semestern: töm brevlådor och håll koll på grannens hus.",
    ),
    (
        60,
        True,
        "Cykelstölder",
        "Cyklar har stulits från gårdar i området. Lås fast cykeln i något fast.",
    ),
    (
        20,
        False,
        "Mörka kvällar",
        "Byt trasig belysning vid entréer och häckar nu när kvällarna blir mörka.",
    ),
]


def load_demo_neighbourhood(municipality: Municipality) -> bool:
    """Creates the demo's areas and messages once; False when they are already there."""
    if NeighbourhoodArea.objects.filter(municipality=municipality).exists():
        return False
    with transaction.atomic():
        owner = Organisation.objects.get(municipality=municipality, name="Säkerhetsavdelningen")
        programme = demo_programme(
            municipality=municipality, kind=ProgrammeKind.GRANNSAMVERKAN, owner=owner
        )
        users = get_user_model().objects
        staff = Viewer(
            municipality=municipality,
            roles=frozenset({Role.SAMORDNARE}),
            user=users.filter(username="samordnare").first(),
        )
        police = Viewer(
            municipality=municipality,
            roles=frozenset({Role.POLIS}),
            user=users.filter(username="polis").first(),
        )
        areas = []
        for name, lat, lon, d, compare_at, start, signs, (inside, outside), ombud in AREAS:
            ring = [
                [lon - d, lat - d],
                [lon + d, lat - d],
                [lon + d, lat + d],
                [lon - d * 1.4, lat + d * 0.6],
                [lon - d, lat - d],
            ]
            comparison = next(
                (
                    a
                    for a in areas_at_point(
                        municipality=municipality, lat=compare_at[0], lon=compare_at[1]
                    )
                    if a.kind == Area.Kind.STADSDEL
                ),
                None,
            )
            area = services.neighbourhood_area_save(
                viewer=staff,
                programme=programme,
                name=name,
                drawn={"type": "Polygon", "coordinates": [ring]},
                comparison_area=comparison,
                started_on=start,
                signs_up=signs,
                last_annual_meeting=start + timedelta(days=365),
                households_in=inside,
                households_out=outside,
            )
            for person, email, phone in ombud:
                services.ombud_add(
                    viewer=staff, area=area, name=f"{person} {DEMO_LABEL}", email=email, phone=phone
                )
            areas.append(area)
        now = timezone.now()
        for n, (days, from_police, subject, body) in enumerate(MESSAGES):
            targets = areas if n % 3 == 0 else [areas[n % 2]]
            message = services.area_message_send(
                viewer=police if from_police else staff, areas=targets, subject=subject, body=body
            )
            sent_at = now - timedelta(days=days)
            Delivery.objects.filter(message=message).update(status="skickad", sent_at=sent_at)
            AreaMessage.objects.filter(pk=message.pk).update(
                status=AreaMessage.Status.KLAR,
                processed=message.total,
                created_at=sent_at,
                started_at=sent_at,
                finished_at=sent_at,
            )
    return True
