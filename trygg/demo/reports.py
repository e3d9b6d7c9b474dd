"""A year of realistic demo reports for Köping: clustered in space (a few real places that
draw trouble) and time (evenings, weekends, seasons), from the organisations that report in
real life, plus the real Police events for Köping. Deterministic (seeded), loaded once.

One pattern is put in on purpose, so the demo's åtgärdsplan has a measure whose effect the
reports can show (trygg/demo/cycle.py): from EFFECT_DAYS before loading, half of the graffiti
at Stora Torget is not reported, as after a municipality starts removing graffiti within a
day and lights the square. The difference-in-differences on the measure's page computes the
effect from these reports at page time; nothing about it is stored."""

import math
import random
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from trygg.core.models import Municipality, Organisation
from trygg.geo.h3cells import cells_for_point
from trygg.geo.selectors import area_index
from trygg.locale_sv import STOCKHOLM
from trygg.reports import privacy
from trygg.reports.imports import police_events_store
from trygg.reports.models import Category, Report, ReportEvent
from trygg.reports.polisen import municipality_matches, parse_feed

DATA = Path(__file__).resolve().parent / "data"
DEMO_PREFIX = "demo-"
N_REPORTS = 4200

# Places in Köping where reports cluster: (name, lat, lon, spread in metres, weight).
HOTSPOTS = [
    ("Stora Torget", 59.5139, 15.9925, 120, 5),
    ("Resecentrum", 59.5097, 15.9967, 150, 4),
    ("Karlbergsskolan", 59.5185, 15.9850, 120, 3),
    ("Nibblesbacke centrum", 59.5262, 15.9740, 180, 3),
    ("Östanås", 59.5050, 16.0180, 200, 2),
    ("Hamnen", 59.5035, 16.0010, 200, 2),
    ("Kolsva centrum", 59.6010, 15.8420, 200, 1),
]
BACKGROUND = (59.5140, 15.9930, 1800)  # spread over the town

# The demo measure's effect (see the module docstring): category, hot spot, days before
# loading that the measure started, and the share of its reports that no longer occur.
EFFECT_CATEGORY = "klotter"
EFFECT_HOTSPOT = "Stora Torget"
EFFECT_DAYS = 270
EFFECT_REDUCTION = 0.5

# (category code, weight, summer factor, night factor, cost range SEK or None, reporter kind)
MIX = [
    ("klotter", 22, 1.4, 1.2, (800, 12000), "tekniska"),
    ("krossad_ruta", 10, 1.1, 1.5, (2500, 18000), "bostader"),
    ("annan_skadegorelse", 8, 1.2, 1.4, (500, 25000), "tekniska"),
    ("brand_container", 5, 1.3, 1.6, (3000, 40000), "rtmd"),
    ("anlagd_brand", 2, 1.2, 1.8, (5000, 90000), "rtmd"),
    ("stold", 6, 1.0, 1.0, None, "vakt"),
    ("inbrott", 3, 0.9, 1.6, (2000, 30000), "vakt"),
    ("ordningsstorning", 8, 1.3, 1.8, None, "vakt"),
    ("hot_vald", 3, 1.1, 1.8, None, "vakt"),
    ("narkotika", 3, 1.1, 1.5, None, "vakt"),
    ("grupperingar", 5, 1.4, 1.7, None, "fritid"),
    ("mopedbuskorning", 4, 2.2, 1.3, None, "fritid"),
    ("belysning", 6, 0.4, 1.0, (300, 4000), "tekniska"),
    ("nedskrapning", 6, 1.5, 0.8, (200, 3000), "tekniska"),
    ("otrygg_passage", 4, 0.8, 1.2, None, "medborgare"),
    ("vegetation", 2, 1.8, 0.6, (500, 6000), "tekniska"),
]
ORGS = {
    "tekniska": "Tekniska förvaltningen",
    "bostader": "Köpingebostäder AB",
    "rtmd": "Räddningstjänsten Mälardalen (RTMD)",
    "vakt": "Väktarbolaget i Köping",
    "fritid": "Kultur- och fritidsförvaltningen",
}
TEXTS = {
    "klotter": ["Klotter på fasaden", "Nytt klotter på busskuren", "Taggar på elskåp"],
    "krossad_ruta": ["Krossad ruta i entrén", "Fönster krossat under natten"],
    "annan_skadegorelse": ["Sönderslagen parkbänk", "Skadad lekutrustning"],
    "brand_container": ["Brand i soprum", "Containerbrand, släckt av RTMD"],
    "anlagd_brand": ["Anlagd brand i papperskorg", "Brand i förråd, misstänkt anlagd"],
    "stold": ["Stöld av cykel", "Stöld ur bod"],
    "inbrott": ["Inbrott i förråd", "Inbrottsförsök i källare"],
    "ordningsstorning": ["Stökigt sällskap, störde boende", "Hög musik och bråk sent"],
    "hot_vald": ["Hot mot personal", "Bråk mellan två personer"],
    "narkotika": ["Misstänkt langning", "Sprutor hittade"],
    "grupperingar": ["Grupp ungdomar samlas kvällstid", "Oro bland unga vid skolan"],
    "mopedbuskorning": ["Mopeder kör på gångvägen", "Buskörning på torget"],
    "belysning": ["Trasig gatubelysning", "Mörk gångtunnel, lampor ur funktion"],
    "nedskrapning": ["Mycket skräp efter helgen", "Nedskräpning vid återvinningen"],
    "otrygg_passage": ["Otrygg gångtunnel", "Mörk och ensam passage"],
    "vegetation": ["Buskar skymmer gångvägen", "Igenvuxen stig"],
}


def _point(rng, lat, lon, metres):
    r = abs(rng.gauss(0, metres))
    a = rng.uniform(0, 2 * math.pi)
    return (
        lat + r * math.cos(a) / 111_320,
        lon + r * math.sin(a) / (111_320 * math.cos(math.radians(lat))),
    )


def _when(rng, start, days, summer_factor, night_factor):
    while True:
        day = start + timedelta(days=rng.randrange(days))
        season = 1 + (summer_factor - 1) * max(0.0, math.cos((day.month - 7) / 12 * 2 * math.pi))
        weekend = 1.5 if day.weekday() >= 4 else 1.0
        # A modest rise over the two years, as many municipalities have seen.
        trend = 0.8 + 0.4 * (day - start).days / days
        if rng.random() < season * weekend * trend / (2.2 * 1.5 * 1.2):
            break
    hour = rng.choices(
        range(24),
        weights=[
            night_factor * 3
            if h in (22, 23, 0, 1, 2)
            else 2
            if 17 <= h <= 21
            else 1
            if 7 <= h <= 16
            else 0.6
            for h in range(24)
        ],
    )[0]
    local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=STOCKHOLM)
    return local


@transaction.atomic
def load_demo_reports(municipality: Municipality, *, seed: int = 1983) -> int:
    """Creates the demo reports once (N_REPORTS drawn, less the graffiti the demo measure
    prevented); returns how many were created."""
    if Report.objects.filter(
        municipality=municipality, external_id__startswith=DEMO_PREFIX
    ).exists():
        return 0
    rng = random.Random(seed)
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    orgs = {
        key: Organisation.objects.filter(municipality=municipality, name=name).first()
        for key, name in ORGS.items()
    }
    index = area_index(municipality)
    now = timezone.now()
    # Two years, so that "the same period last year" has something to compare with.
    start = (now - timedelta(days=730)).astimezone(STOCKHOLM).date()
    weights = [w for _, w, *_ in MIX]
    spot_weights = [w for *_, w in HOTSPOTS]
    effect_from = now - timedelta(days=EFFECT_DAYS)
    reports = []
    points = []
    for n in range(N_REPORTS):
        code, _w, summer, night, costs, who = rng.choices(MIX, weights=weights)[0]
        if rng.random() < 0.6:
            name, lat, lon, spread, _ = rng.choices(HOTSPOTS, weights=spot_weights)[0]
        else:
            name, (lat, lon, spread) = "", BACKGROUND
        for _ in range(20):
            plat, plon = _point(rng, lat, lon, spread)
            if index.inside_municipality(plat, plon) is not False:
                break
        occurred = _when(rng, start, 730, summer, night)
        if occurred > now:
            occurred = now - timedelta(hours=rng.randrange(1, 48))
        if (
            code == EFFECT_CATEGORY
            and name == EFFECT_HOTSPOT
            and occurred >= effect_from
            and rng.random() < EFFECT_REDUCTION
        ):
            continue
        age_days = (now - occurred).days
        status = (
            Report.Status.AVSLUTAD
            if age_days > 30 and rng.random() < 0.85
            else rng.choice([Report.Status.NY, Report.Status.BEDOMD, Report.Status.ATGARDAS])
        )
        category = categories[code]
        text = rng.choice(TEXTS[code]) + (f" vid {name}" if name else "")
        cells = cells_for_point(plat, plon)
        source = Report.Source.MEDBORGARE if who == "medborgare" else Report.Source.PERSONAL
        reports.append(
            Report(
                municipality=municipality,
                kind=Report.Kind.OTRYGGHET
                if code in ("otrygg_passage", "belysning", "grupperingar")
                else Report.Kind.HANDELSE,
                category=category,
                occurred_at=occurred,
                reported_at=occurred + timedelta(minutes=rng.randrange(5, 600)),
                lat=plat,
                lon=plon,
                precision=Report.Precision.PUNKT,
                place_name=name,
                h3_r7=cells[7],
                h3_r8=cells[8],
                h3_r9=cells[9],
                description=text,
                **privacy.redacted_report_text(description=text, place_name=name),
                source=source,
                organisation=orgs.get(who),
                cost_sek=Decimal(rng.randrange(*costs)) if costs and rng.random() < 0.8 else None,
                people_count=rng.choice([None, 1, 2, 3, 5]) if who in ("vakt", "fritid") else None,
                youth_involved=rng.random() < 0.6
                if code in ("grupperingar", "mopedbuskorning", "klotter")
                else None,
                sensitivity=category.sensitivity,
                status=status,
                status_changed_at=occurred + timedelta(days=rng.randrange(1, 20))
                if status != Report.Status.NY
                else None,
                assigned_organisation=orgs.get("tekniska")
                if code in ("klotter", "belysning", "nedskrapning")
                else None,
                external_id=f"{DEMO_PREFIX}{n}",
                tracking_code=f"DEMO{n:06d}" if source == Report.Source.MEDBORGARE else None,
            )
        )
        points.append((plat, plon))
    Report.objects.bulk_create(reports, batch_size=500)
    area_ids = index.area_ids_for_points([p[0] for p in points], [p[1] for p in points])
    through = Report.areas.through
    through.objects.bulk_create(
        [
            through(report_id=r.pk, area_id=a)
            for r, ids in zip(reports, area_ids, strict=True)
            for a in ids
        ],
        batch_size=2000,
    )
    ReportEvent.objects.bulk_create(
        [
            ReportEvent(
                municipality=municipality,
                report=r,
                kind=ReportEvent.Kind.CREATED,
                actor_label="Demodata",
            )
            for r in reports
        ],
        batch_size=2000,
    )
    return len(reports)


def load_demo_police_events(municipality: Municipality) -> int:
    events, _errors = parse_feed((DATA / "polisen-koping.json").read_bytes())
    mine = [e for e in events if municipality_matches(e, municipality.name)]
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    police = Organisation.objects.filter(municipality=municipality, kind="polis").first()
    created, _updated, _skipped = police_events_store(
        municipality=municipality, events=mine, categories=categories, organisation=police
    )
    return created


def demo_reports_loaded_at(municipality: Municipality):
    """When the demo reports were generated (their dates count back from then), or None."""
    return (
        ReportEvent.objects.filter(
            municipality=municipality,
            kind=ReportEvent.Kind.CREATED,
            actor_label="Demodata",
        )
        .order_by("pk")
        .values_list("at", flat=True)
        .first()
    )
