"""The demo's trygghetsvandring in central Köping: planned from the EST-gruppen's decision on
the medborgarlöfte's focus area (a tryggare centrum kvällstid), walked with residents, the
municipality, associations, the housing company, politicians and the police, 24 observations
with scores and generated photos, six findings with owners (Trafikverket by name), one of
them the åtgärdsplan's measure at Stora Torget, and a re-walk planned about ten months on.

The walk is planned through the planning service; observations, findings and the re-walk's
link to the first walk are written as rows, as the field and follow-up parts' services are
not there to call yet. The route is a line drawn south of Stora Torget towards Resecentrum (the
demo's central cluster): it follows no street, and no street is named. The photos are drawn
shapes (lamp posts, bushes, scribbles), no people and no real place."""

import random
from datetime import date, datetime, time, timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from trygg.core.viewer import Viewer
from trygg.geo.h3cells import cells_for_point
from trygg.locale_sv import day_start
from trygg.strategy.models import Measure
from trygg.walks.models import Finding, Observation, ObservationPhoto, Walk
from trygg.walks.services import planning

from .councils import workday_before

TITLE = "Trygghetsvandring i centrum"
# A loop from Stora Torget south towards Resecentrum and back (lon, lat), kept inside Köping
# centrala (Resecentrum itself is in the next RegSO): drawn, not a street.
ROUTE = [
    (15.9925, 59.5139),
    (15.9940, 59.5133),
    (15.9950, 59.5127),
    (15.9945, 59.5122),
    (15.9933, 59.5122),
    (15.9922, 59.5126),
    (15.9915, 59.5133),
    (15.9918, 59.5140),
    (15.9925, 59.5139),
]
ROUTE_TEXT = (
    "Samling på Stora Torget. En slinga söder om torget i riktning mot Resecentrum, förbi "
    "gångtunneln, och tillbaka till torget. Knappt en kilometer, en dryg timme med stopp."
)
COUNTS = {
    "boende": 7,
    "kommunen": 3,
    "foreningar": 2,
    "bostadsbolag": 1,
    "politiker": 2,
    "polis": 1,
}

# (checklist item, score 0–3, where along the route 0–1, text, photo drawn or None)
OBSERVATIONS = [
    ("belysning", 0, 0.02, "Två lampor ur funktion på torgets norra sida.", "lampa"),
    ("nedskrapning", 1, 0.03, "Klotter på elskåpet vid torget.", "klotter"),
    ("sikt", 2, 0.05, "Bra överblick över torget från uteserveringen.", None),
    ("manniskor", 1, 0.07, "Folktomt efter att butikerna stängt.", None),
    ("kansla", 1, 0.09, "Flera boende undviker torget efter klockan nio.", None),
    ("belysning", 1, 0.14, "Ojämn belysning, mörka partier mellan lamporna.", "lampa"),
    ("vegetation", 1, 0.2, "Häcken skymmer sikten mot gångvägen.", "buske"),
    ("gangvagar", 2, 0.25, "Gångvägen är bred och jämn.", None),
    ("skyltning", 1, 0.3, "Ingen skylt till Resecentrum från torget.", "skylt"),
    ("vegetation", 0, 0.36, "Buskarna växer in över gångvägen och skymmer.", "buske"),
    ("nedskrapning", 1, 0.42, "Skräp och krossat glas vid återvinningsstationen.", "skrap"),
    ("kollektivtrafik", 1, 0.48, "Väderskyddet vid hållplatsen saknar belysning.", "lampa"),
    ("kollektivtrafik", 2, 0.5, "Tidtabellen är lätt att läsa och aktuell.", None),
    ("belysning", 0, 0.55, "Gångtunneln mot Resecentrum är mörk, armaturer trasiga.", "tunnel"),
    ("kansla", 0, 0.56, "Otryggt att gå genom gångtunneln ensam kvällstid.", "tunnel"),
    ("sikt", 0, 0.57, "Man ser inte ut ur tunneln förrän man är nästan framme.", None),
    ("nedskrapning", 1, 0.58, "Klotter i gångtunneln.", "klotter"),
    ("manniskor", 2, 0.64, "Många går här mot Resecentrum när tågen kommer.", None),
    ("skyltning", 2, 0.7, "Tydlig skyltning tillbaka till torget.", None),
    ("gangvagar", 1, 0.76, "Trottoarkanten saknar nedfart för rullstol och barnvagn.", None),
    ("belysning", 2, 0.82, "Ny belysning fungerar bra på den här sträckan.", None),
    ("vegetation", 2, 0.88, "Nyklippt, god sikt.", None),
    ("kansla", 2, 0.94, "Känns tryggt nära bostäderna, fönster mot gångvägen.", None),
    ("manniskor", 1, 0.98, "Unga samlas vid torget på kvällen, inget stök när vi var där.", None),
]

# (title, item, owner organisation or None, owner name, proposal, days to the deadline,
#  status, the owner's answer or "", observation numbers, the measure's title or "")
FINDINGS = [
    (
        "Trasig belysning och klotter på torgets norra sida",
        "belysning",
        "Tekniska förvaltningen",
        "Tekniska förvaltningen",
        "Byt trasiga armaturer och sanera klotter inom ett dygn.",
        30,
        Finding.Status.KLAR,
        "Armaturerna är utbytta och klotter saneras nu inom ett dygn, som en åtgärd i "
        "åtgärdsplanen.",
        (0, 1, 5),
        "Klotter saneras inom ett dygn",
    ),
    (
        "Mörk gångtunnel mot Resecentrum",
        "belysning",
        None,
        "Trafikverket",
        "Byt trasiga armaturer i gångtunneln och se över belysningen vid in- och utgångarna.",
        60,
        Finding.Status.ATGARDAS,
        "Tunneln ingår i vårt underhåll. Armaturerna byts i samband med nästa "
        "underhållsetapp; vi återkommer med datum.",
        (13, 14, 15, 16),
        "",
    ),
    (
        "Buskar skymmer gångvägen mot Resecentrum",
        "vegetation",
        "Tekniska förvaltningen",
        "Tekniska förvaltningen",
        "Klipp ned buskarna längs gångvägen till knähöjd.",
        30,
        Finding.Status.KLAR,
        "Buskarna är nedklippta och ingår nu i den ordinarie skötseln.",
        (6, 9),
        "",
    ),
    (
        "Skräp och krossat glas vid återvinningsstationen",
        "nedskrapning",
        "Köpingebostäder AB",
        "Köpingebostäder AB",
        "Tätare tömning och städning efter helger.",
        30,
        Finding.Status.KLAR,
        "Vi städar runt stationen varje måndag morgon.",
        (10,),
        "",
    ),
    (
        "Väderskyddet vid hållplatsen saknar belysning",
        "kollektivtrafik",
        "Tekniska förvaltningen",
        "Tekniska förvaltningen",
        "Sätt belysning i väderskyddet.",
        45,
        Finding.Status.KLAR,
        "",
        (11,),
        "",
    ),
    (
        "Ingen skylt till Resecentrum från torget",
        "skyltning",
        "Tekniska förvaltningen",
        "Tekniska förvaltningen",
        "Sätt upp vägvisning från torget till Resecentrum.",
        45,
        Finding.Status.KLAR,
        "",
        (8,),
        "",
    ),
]


def _point(rng: random.Random, at: float) -> tuple[float, float]:
    """A point near the route, `at` of the way along it (by vertex), within ~20 m."""
    legs = len(ROUTE) - 1
    n = min(int(at * legs), legs - 1)
    t = at * legs - n
    (lon0, lat0), (lon1, lat1) = ROUTE[n], ROUTE[n + 1]
    lon = lon0 + (lon1 - lon0) * t + rng.uniform(-0.0003, 0.0003)
    lat = lat0 + (lat1 - lat0) * t + rng.uniform(-0.00015, 0.00015)
    return round(lat, 6), round(lon, 6)


def _photo(kind: str, rng: random.Random) -> bytes:
    """A simple drawn picture: an evening sky, ground and the thing the observation is about."""
    image = Image.new("RGB", (480, 360), (38, 52, 84))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 250, 480, 360), fill=(92, 96, 90))
    if kind == "lampa":
        for x in (120, 330):
            draw.rectangle((x, 80, x + 8, 250), fill=(60, 60, 60))
            lit = kind == "lampa" and x == 330
            draw.ellipse((x - 18, 60, x + 26, 96), fill=(250, 226, 140) if lit else (70, 70, 70))
    elif kind == "buske":
        for x in range(40, 460, 70):
            r = rng.randint(40, 70)
            draw.ellipse((x - r, 250 - 2 * r, x + r, 260), fill=(40, 92 + rng.randint(0, 40), 50))
        draw.rectangle((0, 300, 480, 330), fill=(150, 150, 140))
    elif kind == "tunnel":
        draw.rectangle((0, 0, 480, 360), fill=(70, 70, 74))
        draw.ellipse((140, 90, 340, 330), fill=(12, 12, 16))
        draw.rectangle((140, 210, 340, 360), fill=(12, 12, 16))
        draw.rectangle((0, 330, 480, 360), fill=(92, 96, 90))
    elif kind == "skylt":
        draw.rectangle((236, 110, 244, 250), fill=(90, 90, 90))
        draw.rectangle((200, 80, 300, 120), fill=(30, 90, 160))
    elif kind == "skrap":
        for _ in range(40):
            x, y = rng.randint(20, 460), rng.randint(260, 350)
            draw.rectangle((x, y, x + rng.randint(4, 14), y + 5), fill=(200, 200, 190))
        draw.rectangle((300, 160, 440, 260), fill=(40, 110, 60))
    if kind == "klotter":
        draw.rectangle((100, 100, 380, 250), fill=(150, 150, 150))
        for _ in range(6):
            points = [(rng.randint(110, 370), rng.randint(110, 240)) for _ in range(5)]
            draw.line(points, fill=(rng.randint(150, 255), 40, rng.randint(40, 200)), width=5)
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _thumbnail(data: bytes) -> bytes:
    image = Image.open(BytesIO(data))
    image.thumbnail((160, 120))
    out = BytesIO()
    image.save(out, "JPEG", quality=75)
    return out.getvalue()


def _observations(walk: Walk, items: dict, recorded: datetime, rng: random.Random):
    made = []
    for n, (code, score, at, text, photo) in enumerate(OBSERVATIONS):
        lat, lon = _point(rng, at)
        observation = Observation.objects.create(
            municipality=walk.municipality,
            walk=walk,
            lat=lat,
            lon=lon,
            h3_9=cells_for_point(lat, lon)[9],
            item=items[code],
            score=score,
            text=text,
            recorded_at=recorded + timedelta(minutes=3 * n + rng.randint(0, 2)),
            recorded_by=walk.leader if n % 3 == 0 else None,
            via_join_link=n % 3 != 0,
            review=Observation.Review.GODKAND,
        )
        if photo:
            data = _photo(photo, rng)
            stored = ObservationPhoto(
                municipality=walk.municipality,
                observation=observation,
                width=480,
                height=360,
                # Drawn pictures show no one: all may be public.
                public_ok=True,
            )
            stored.image.save("foto.jpg", ContentFile(data), save=False)
            stored.thumbnail.save("tumnagel.jpg", ContentFile(_thumbnail(data)), save=False)
            stored.save()
        made.append(observation)
    return made


def _findings(walk: Walk, items: dict, observations: list, orgs: dict, walked: date):
    measures = list(Measure.objects.filter(municipality=walk.municipality))
    for title, code, org, owner, proposal, days, status, answer, numbers, measure in FINDINGS:
        finding = Finding.objects.create(
            municipality=walk.municipality,
            walk=walk,
            title=title,
            item=items[code],
            owner_organisation=orgs.get(org) if org else None,
            owner_name=owner,
            owner_email="" if org else "trafikverket@example.se",
            proposal=proposal,
            deadline=walked + timedelta(days=days),
            status=status,
            measure=next((m for m in measures if measure and m.title.startswith(measure)), None),
            owner_asked_at=day_start(walked + timedelta(days=2)),
            owner_answer=answer,
            owner_answered_at=day_start(walked + timedelta(days=days - 5)) if answer else None,
        )
        finding.observations.set([observations[n] for n in numbers])


def load_demo_walk(*, viewer: Viewer, day0: date, meetings: dict, orgs: dict, areas: dict):
    """The completed walk and its planned re-walk; returns the completed walk."""
    est = meetings["est-300"]
    decision = est.decisions.order_by("number").first()
    area = areas["Köping centrala"]
    template = planning.template_default(viewer=viewer)
    walked = workday_before(day0, 260)
    common = {
        "viewer": viewer,
        "area": area,
        "template": template,
        "leader": viewer.user,
        "route": {"type": "LineString", "coordinates": [list(p) for p in ROUTE]},
        "meeting_point": "Stora Torget",
        "route_description": ROUTE_TEXT,
        "starts_at": time(19, 0),
        "invited_organisations": [
            orgs[name]
            for name in (
                "Tekniska förvaltningen",
                "Köpingebostäder AB",
                "Polisen, lokalpolisområde Köping",
                "Nattvandrarna i Köping",
            )
        ],
        "forum": est.forum,
    }
    walk = planning.walk_plan(
        title=TITLE,
        purpose="Lägesbilden visar klotter och otrygghet kring Stora Torget och Resecentrum "
        "kvällstid; vandringen ska visa var och varför, med de boendes ögon.",
        decision=decision,
        pre_meeting_on=walked - timedelta(days=9),
        walk_on=walked,
        participant_counts=COUNTS,
        **common,
    )
    rng = random.Random(1983)
    items = {i.code: i for i in template.items.all()}
    recorded = day_start(walked) + timedelta(hours=19, minutes=10)
    observations = _observations(walk, items, recorded, rng)
    _findings(walk, items, observations, orgs, walked)
    walk.status = Walk.Status.AVSLUTAD
    walk.closed_at = day_start(walked + timedelta(days=21))
    walk.protocol_public_text = (
        "Sexton deltagare gick en slinga från Stora Torget i riktning mot Resecentrum. Sex "
        "brister lämnades till ansvariga; fem är åtgärdade och belysningen i gångtunneln mot "
        "Resecentrum återstår."
    )
    walk.save(update_fields=["status", "closed_at", "protocol_public_text"])
    rewalk = planning.walk_plan(
        title=f"{TITLE}, ny vandring",
        purpose="Samma slinga tio månader senare: har bristerna åtgärdats, och känns det tryggare?",
        walk_on=walked + timedelta(days=300),
        pre_meeting_on=walked + timedelta(days=290),
        participant_counts={"boende": 6, "kommunen": 2, "polis": 1},
        **common,
    )
    # The re-walk's own service belongs to the follow-up part; the link is the row's.
    Walk.objects.filter(pk=rewalk.pk).update(previous_walk=walk)
    return walk
