"""Loads the demo municipality Köping (and its neighbour Arboga), and Ludvika on real
statistics (trygg/demo/ludvika.py). Idempotent: a second run
changes nothing. Refused when TRYGG_ENV=production."""

import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scope, scopes_disabled

from trygg.core.models import Membership, Municipality, Organisation, Role
from trygg.core.viewer import operator_viewer
from trygg.geo.models import Area
from trygg.geo.services import areas_import

DATA = Path(__file__).resolve().parents[2] / "data"
DEMO_PASSWORD = "demo"

MUNICIPALITIES = [
    # name, kommunkod, county, slug, population (SCB, 1 Nov 2024)
    ("Köping", "1983", "19", "koping", 25806),
    ("Arboga", "1984", "19", "arboga", 13991),
]

KOPING_ORGANISATIONS = [
    ("Säkerhetsavdelningen", Organisation.Kind.FORVALTNING),
    ("Kommunstyrelseförvaltningen", Organisation.Kind.FORVALTNING),
    ("Barn- och utbildningsförvaltningen", Organisation.Kind.FORVALTNING),
    ("Socialförvaltningen", Organisation.Kind.FORVALTNING),
    ("Kultur- och fritidsförvaltningen", Organisation.Kind.FORVALTNING),
    ("Tekniska förvaltningen", Organisation.Kind.FORVALTNING),
    ("Köpingebostäder AB", Organisation.Kind.KOMMUNALT_BOLAG),
    ("Polisen, lokalpolisområde Köping", Organisation.Kind.POLIS),
    ("Räddningstjänsten Mälardalen (RTMD)", Organisation.Kind.RADDNINGSTJANST),
    ("Väktarbolaget i Köping", Organisation.Kind.VAKTARBOLAG),
    ("Nattvandrarna i Köping", Organisation.Kind.FORENING),
    ("Länsstyrelsen Västmanland", Organisation.Kind.LANSSTYRELSE),
]

# username, first, last, organisation, role
DEMO_USERS = [
    ("admin", "Ada", "Administratör", "Säkerhetsavdelningen", Role.ADMINISTRATOR),
    ("samordnare", "Sara", "Samordnare", "Säkerhetsavdelningen", Role.SAMORDNARE),
    ("analytiker", "Anders", "Analytiker", "Säkerhetsavdelningen", Role.ANALYTIKER),
    ("rapportor", "Rami", "Rapportör", "Tekniska förvaltningen", Role.RAPPORTOR),
    ("polis", "Petra", "Polis", "Polisen, lokalpolisområde Köping", Role.POLIS),
    ("radsledamot", "Rolf", "Rådsledamot", "Kommunstyrelseförvaltningen", Role.RADSLEDAMOT),
    ("valfard", "Vera", "Välfärdshandläggare", "Socialförvaltningen", Role.VALFARD),
]

AREA_FILES = [
    ("koping", "koping-kommungrans.geojson", Area.Kind.KOMMUNGRANS, "kommunnamn"),
    ("koping", "koping-regso.geojson", Area.Kind.STADSDEL, "regso"),
    ("koping", "koping-deso.geojson", Area.Kind.DESO, "deso"),
    ("koping", "koping-tatorter.geojson", Area.Kind.TATORT, "tatort"),
    ("koping", "koping-kommundelar.geojson", Area.Kind.KOMMUNDEL, "namn"),
    ("arboga", "arboga-kommungrans.geojson", Area.Kind.KOMMUNGRANS, "kommunnamn"),
]


class Command(BaseCommand):
    help = "Lägger upp demokommunen Köping (och grannen Arboga) med demoanvändare."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demodata laddas aldrig när TRYGG_ENV=production.")
        # Setting up tenants crosses municipalities by nature.
        with scopes_disabled(), transaction.atomic():
            municipalities = {row[3]: self._municipality(*row) for row in MUNICIPALITIES}
            orgs = {
                name: Organisation.objects.get_or_create(
                    municipality=municipalities["koping"], name=name, defaults={"kind": kind}
                )[0]
                for name, kind in KOPING_ORGANISATIONS
            }
            arboga_org = Organisation.objects.get_or_create(
                municipality=municipalities["arboga"],
                name="Arboga kommun, säkerhet",
                defaults={"kind": Organisation.Kind.FORVALTNING},
            )[0]
            for username, first, last, org_name, role in DEMO_USERS:
                user = self._user(username, first, last)
                Membership.objects.get_or_create(
                    user=user,
                    organisation=orgs[org_name],
                    role=role,
                    defaults={"municipality": municipalities["koping"]},
                )
            # The demo administrator also works in Arboga, to show switching municipality.
            Membership.objects.get_or_create(
                user=get_user_model().objects.get(username="admin"),
                organisation=arboga_org,
                role=Role.ADMINISTRATOR,
                defaults={"municipality": municipalities["arboga"]},
            )
        for slug, filename, kind, name_property in AREA_FILES:
            municipality = municipalities[slug]
            with scope(municipality=municipality):
                if Area.objects.filter(municipality=municipality, kind=kind).exists():
                    continue
                areas_import(
                    viewer=operator_viewer(municipality),
                    raw=(DATA / filename).read_bytes(),
                    kind=kind,
                    name_property=name_property,
                )
        self._gazetteer(municipalities["koping"])
        self._extend(municipalities)
        self._ludvika()
        self._county(municipalities)
        self.stdout.write(self.style.SUCCESS("Demokommunen Köping är klar."))
        self.stdout.write("Demoanvändare (lösenord för alla: demo):")
        for username, _first, _last, org_name, role in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {Role(role).label} – {org_name}")

    def _gazetteer(self, koping):
        """Köping's gazetteer beyond its areas: the street and place names seen in Police
        notices, as suggestions (no address register: the demo invents no coordinates)."""
        from trygg.geo.gazetteer.services import place_names_import
        from trygg.geo.models import PlaceName

        with scope(municipality=koping):
            if PlaceName.objects.filter(municipality=koping).exists():
                return
            place_names_import(
                viewer=operator_viewer(koping),
                raw=(DATA / "koping-platsnamn.csv").read_bytes(),
                source="Polisens notiser",
            )

    def _extend(self, municipalities):
        """Demo data of the apps that build on the foundation."""
        from trygg.demo.reports import load_demo_police_events, load_demo_reports

        koping = municipalities["koping"]
        with scope(municipality=koping):
            Organisation.objects.filter(
                municipality=koping, name="Tekniska förvaltningen", email=""
            ).update(email="tekniska@koping.example")
            made = load_demo_reports(koping)
            police = load_demo_police_events(koping)
            from trygg.demo.lagesbild import load_demo_meetings

            load_demo_meetings(koping)
            from trygg.demo.cycle import load_demo_cycle

            # The strategic cycle, after the meetings it follows on (its own transaction).
            with transaction.atomic():
                cycle = load_demo_cycle(koping)
            from trygg.demo.dialog import load_demo_dialog

            # The dialogue links to the cycle's lägesbild, measures and promise.
            with transaction.atomic():
                started = time.perf_counter()
                dialog = load_demo_dialog(koping)
                dialog_seconds = time.perf_counter() - started
            from trygg.demo.programmes import load_demo_programmes

            # The register's programmes, after the organisations they are owned by.
            with transaction.atomic():
                programmes = load_demo_programmes(koping)
            from trygg.demo.youth import load_demo_youth

            # Youth activities and parent support use the cycle's departments and the
            # dialogue's surveys (their evaluation).
            with transaction.atomic():
                started = time.perf_counter()
                if load_demo_youth(koping):
                    self.stdout.write(
                        "Aktiviteter för unga med ett års tillfällen och föräldrastöd laddade "
                        f"({time.perf_counter() - started:.1f} s)."
                    )
            from trygg.demo.neighbourhood import load_demo_neighbourhood

            neighbourhood = load_demo_neighbourhood(koping)
        if programmes:
            self.stdout.write(f"{programmes} program med logik, partner och indikatorer laddade.")
        if cycle:
            self.stdout.write(
                "Strategisk lägesbild, åtgärdsplan, problembilder och medborgarlöfte laddade."
            )
        if dialog:
            self.stdout.write(
                "Medborgardialog med enkäter, fokusgrupper och ”ni sa – vi gör” laddad "
                f"({dialog_seconds:.1f} s)."
            )
        from trygg.demo.nightwalk import load_demo_nightwalk

        with scope(municipality=koping), transaction.atomic():
            if load_demo_nightwalk(koping):
                self.stdout.write("Nattvandring med ett års loggade kvällar laddad (demodata).")
        from trygg.demo.support import load_demo_support

        with scope(municipality=koping), transaction.atomic():
            if load_demo_support(koping):
                self.stdout.write(
                    "Stöd till kvinnojour, SSPF och samverkan med polisen om unga laddade "
                    "(demodata)."
                )
        if neighbourhood:
            self.stdout.write(
                "Grannsamverkan med två områden, ombud och ett års meddelanden laddad."
            )
        from trygg.demo.welfare import load_demo_welfare

        with scope(municipality=koping), transaction.atomic():
            if load_demo_welfare(koping):
                self.stdout.write("Välfärdsbrott: analyser, kontrollplan och ärenden laddade.")
        from trygg.demo.basemap import load_demo_basemap

        if load_demo_basemap(koping):
            self.stdout.write(
                "Bakgrundskartan för Köping är byggd (SCB:s och Lantmäteriets lager)."
            )
        if made or police:
            self.stdout.write(f"{made} demorapporter och {police} av polisens händelser laddade.")

    def _county(self, municipalities):
        """Västmanlands län: Köping and Arboga publish to it, the county user reads."""
        from trygg.demo.county import USERNAME, load_demo_county

        # The county and its user are not tenant rows; each publication runs in its own
        # municipality's scope (load_demo_county).
        published = load_demo_county(
            [municipalities["koping"], municipalities["arboga"]], DEMO_PASSWORD
        )
        self.stdout.write(
            f"Västmanlands län är klart ({published} nya publiceringar): {USERNAME} "
            "(lösenord demo) är länsstyrelsens användare."
        )

    def _ludvika(self):
        """The second demo municipality, on the Police's DeSO file and BRÅ's Dalarna figures."""
        from trygg.demo.ludvika import USERNAME, load_demo_ludvika

        load_demo_ludvika()
        self.stdout.write(
            f"Demokommunen Ludvika är klar: {USERNAME} (lösenord demo) är säkerhetssamordnare."
        )

    @staticmethod
    def _municipality(name, kommunkod, county, slug, population):
        municipality, _ = Municipality.objects.get_or_create(
            kommunkod=kommunkod,
            defaults={"name": name, "county_code": county, "slug": slug, "population": population},
        )
        return municipality

    @staticmethod
    def _user(username, first, last):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@koping.example",
            )
            # The demo password is short on purpose; validators apply to real accounts only.
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user
