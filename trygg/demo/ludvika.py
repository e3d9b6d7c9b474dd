"""The second demo municipality, Ludvika (2085, Dalarna), on real statistics: its DeSO 2025
areas with the districts and boundary dissolved from them by RegSO code, SCB's population per
DeSO, the Police's crime file per DeSO (Ludvika's own) and BRÅ's indicators for Dalarna (the
shared source). Kept apart from the Köping demo so either can change without the other."""

import json
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django_scopes import scope, scopes_disabled
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from trygg.core.models import Membership, Municipality, Organisation, Role
from trygg.core.viewer import Viewer, operator_viewer
from trygg.geo.models import Area
from trygg.geo.services import areas_import
from trygg.strategy import crimestats, desostats, selectors, services

DATA = Path(__file__).resolve().parent / "data" / "ludvika"
KOMMUNKOD = "2085"
DATASET = "bra-kommunindikatorer-dalarna"
USERNAME = "ludvika"
PASSWORD = "demo"


def _collection(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def ludvika_areas() -> dict[str, bytes]:
    """GeoJSON per area kind: the 18 DeSOs, the 10 districts (one per RegSO, named after its
    DeSOs without their number: "Grängesberg 1–3" → "Grängesberg") and the boundary."""
    desos = json.loads((DATA / "deso-2025-ludvika.geojson").read_text(encoding="utf-8"))
    by_regso: dict[str, list] = {}
    names: dict[str, str] = {}
    for feature in desos["features"]:
        props = feature["properties"]
        by_regso.setdefault(props["regsokod"], []).append(shape(feature["geometry"]))
        names[props["regsokod"]] = re.sub(r" \d+$", "", props["namn"])
    districts = [
        {
            "type": "Feature",
            "properties": {"namn": names[code], "regsokod": code},
            "geometry": mapping(unary_union(geoms)),
        }
        for code, geoms in sorted(by_regso.items())
    ]
    boundary = unary_union([shape(f["geometry"]) for f in desos["features"]])
    return {
        Area.Kind.KOMMUNGRANS: _collection(
            [{"type": "Feature", "properties": {"namn": "Ludvika"}, "geometry": mapping(boundary)}]
        ),
        Area.Kind.STADSDEL: _collection(districts),
        Area.Kind.DESO: json.dumps(desos).encode(),
    }


def load_demo_ludvika() -> Municipality:
    """Ludvika with its samordnare `ludvika`/`demo`; each part is skipped when present, so a
    second run changes nothing."""
    # Setting up a tenant and its user crosses municipalities by nature.
    with scopes_disabled():
        ludvika, _ = Municipality.objects.get_or_create(
            kommunkod=KOMMUNKOD,
            defaults={
                "name": "Ludvika",
                "county_code": "20",
                "slug": "ludvika",
                "population": 26584,  # SCB, 1 Nov 2024
            },
        )
        org, _ = Organisation.objects.get_or_create(
            municipality=ludvika,
            name="Ludvika kommun, trygghet och säkerhet",
            defaults={"kind": Organisation.Kind.FORVALTNING},
        )
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is None:
            user = User(
                username=USERNAME,
                first_name="Lena",
                last_name="Samordnare",
                email="ludvika@ludvika.example",
            )
            # The demo password is short on purpose; validators apply to real accounts only.
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=org, role=Role.SAMORDNARE, defaults={"municipality": ludvika}
        )
    with scope(municipality=ludvika):
        if not Area.objects.filter(municipality=ludvika).exists():
            operator = operator_viewer(ludvika)
            for kind, raw in ludvika_areas().items():
                areas_import(
                    viewer=operator,
                    raw=raw,
                    kind=kind,
                    name_property="namn",
                    code_property="desokod" if kind == Area.Kind.DESO else "regsokod",
                )
        if not selectors.official_dataset_loaded(dataset=DATASET):
            rows, _errors = crimestats.parse_indicators(
                (DATA / "bra-anmalda-brott-dalarna.csv").read_bytes()
            )
            services.official_statistics_load(dataset=DATASET, rows=rows)
            population, _errors = desostats.parse_deso_population(
                (DATA / "scb-befolkning-deso-ludvika.csv").read_bytes()
            )
            services.deso_population_load(population=population)
        # The Police send the file to the samordnare, who imports it.
        samordnare = Viewer(municipality=ludvika, roles=frozenset({Role.SAMORDNARE}))
        if not selectors.deso_crime_years(viewer=samordnare):
            counts, _errors = desostats.parse_police_deso(
                (DATA / "polisen-brottsstatistik-deso-ludvika.csv").read_bytes(),
                kommunkod=KOMMUNKOD,
            )
            services.deso_crime_import(viewer=samordnare, counts=counts)
    return ludvika
