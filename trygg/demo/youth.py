"""The demo's youth activities (G4) and parent support (G7) in Köping: ten fictional
activities by fictional organisers, all labelled as demo data, with a year of sessions, and
two parent-support offers with a year of events and some coming ones.

Activities, offers and events go through the services; the year of sessions (about 1,000
with their counts) is written in bulk, because a service call with its audit row per session
would make the demo build take many seconds for rows nobody edits."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from trygg.core.models import Organisation, Role
from trygg.core.viewer import Viewer
from trygg.geo.selectors import area_list
from trygg.programmes.models import (
    Activity,
    ActivitySession,
    ParentEvent,
    ProgrammeKind,
    SessionCount,
)
from trygg.programmes.models.youth import YouthAgeBand, YouthSex
from trygg.programmes.selectors.parents import evaluation_survey_choices
from trygg.programmes.services import parents as parent_services
from trygg.programmes.services import youth as youth_services
from trygg.reports.models import Category
from trygg.reports.services.categories import category_update

from .programmes import DEMO_LABEL, demo_programme

ORGANISERS = (
    "Fritidsgården Bryggan",
    "IK Strömmen",
    "Kulturföreningen Ljuset",
    "Schackklubben Löparen",
    "Dansstudion Takt",
)
# name, organiser, weekdays, start, end, ages, cost, accessibility
ACTIVITIES = (
    ("Öppen fritidsgård", 0, "0134", time(15), time(21), (13, 17), 0, "Ramp och hiss"),
    ("Fredagskväll för unga", 0, "4", time(19), time(23), (13, 19), 0, "Ramp"),
    ("Fotboll för alla", 1, "13", time(17), time(18, 30), (8, 12), 200, ""),
    ("Innebandy kvällstid", 1, "2", time(18), time(20), (13, 17), 200, "Anpassad grupp finns"),
    ("Spontanidrott i hallen", 1, "5", time(13), time(16), (10, 19), 0, "Ramp"),
    ("Teatergruppen", 2, "1", time(16), time(18), (10, 15), 300, "Hörslinga"),
    ("Musikstudion", 2, "23", time(16), time(20), (13, 25), 0, "Hörslinga"),
    ("Schack för nybörjare", 3, "2", time(17), time(19), (7, 15), 0, "Ramp och hiss"),
    ("Läxhjälp och fika", 3, "03", time(15), time(17), (10, 16), 0, ""),
    ("Street dance", 4, "6", time(14), time(16), (9, 19), 400, ""),
)
YOUTH_CATEGORIES = ("ungdomar", "ungdomar_oro", "grupperingar", "mopedbuskorning")


def load_demo_youth(koping) -> bool:
    """Loads the demo once (inside Köping's scope); False when it is already there."""
    if Activity.objects.filter(municipality=koping).exists():
        return False
    viewer = Viewer(municipality=koping, roles=frozenset({Role.SAMORDNARE, Role.ADMINISTRATOR}))
    owner = Organisation.objects.filter(municipality=koping, kind="forvaltning").first()
    orgs = [
        Organisation.objects.get_or_create(
            municipality=koping,
            name=f"{name} {DEMO_LABEL}",
            defaults={"kind": Organisation.Kind.FORENING},
        )[0]
        for name in ORGANISERS
    ]
    for category in Category.objects.filter(municipality=koping, code__in=YOUTH_CATEGORIES):
        category_update(
            viewer=viewer,
            category=category,
            name=category.name,
            sensitivity=category.sensitivity,
            retention_days=category.retention_days,
            citizen=category.citizen,
            active=category.active,
            youth_related=True,
        )
    _activities(koping, viewer, owner, orgs)
    _parents(koping, viewer, owner, orgs)
    return True


def _activities(koping, viewer, owner, orgs):
    programme = demo_programme(
        municipality=koping, kind=ProgrammeKind.UNGDOMSAKTIVITETER, owner=owner
    )
    desos = list(area_list(municipality=koping, kind="deso").order_by("code"))
    today = timezone.localdate()
    start = today - timedelta(days=365)
    rng = random.Random(19)
    sessions, counts = [], []
    for i, (name, org, days, begins, ends, (lo, hi), cost, access) in enumerate(ACTIVITIES):
        activity = youth_services.activity_create(
            viewer=viewer,
            programme=programme,
            name=name,
            description=f"Fiktiv aktivitet för demonstrationen {DEMO_LABEL}.",
            organiser=orgs[org],
            area=desos[(i * 3) % len(desos)] if desos else None,
            place_name=f"{ORGANISERS[org]}s lokal",
            weekdays=days,
            starts_at=begins,
            ends_at=ends,
            age_min=lo,
            age_max=hi,
            cost_sek=cost,
            accessibility=access,
            season_start=start,
        )
        bands = [
            b
            for b in YouthAgeBand.values
            if int(b.split("-")[1]) >= lo and int(b.split("-")[0]) <= hi
        ]
        day = start
        while day < today:
            if str(day.weekday()) in days:
                session = ActivitySession(municipality=koping, activity=activity, held_on=day)
                split = [(b, s, rng.randint(0, 6)) for b in bands for s in YouthSex.values]
                session.participants = sum(n for *_k, n in split)
                sessions.append(session)
                counts.append(split)
            day += timedelta(days=1)
    ActivitySession.objects.bulk_create(sessions, batch_size=500)
    SessionCount.objects.bulk_create(
        (
            SessionCount(municipality=koping, session=s, age_band=b, sex=x, count=n)
            for s, split in zip(sessions, counts, strict=True)
            for b, x, n in split
            if n
        ),
        batch_size=1000,
    )


def _parents(koping, viewer, owner, orgs):
    programme = demo_programme(municipality=koping, kind=ProgrammeKind.FORALDRASTOD, owner=owner)
    lectures = parent_services.parent_offer_create(
        viewer=viewer,
        programme=programme,
        name=f"Föräldrakvällar om tonåren {DEMO_LABEL}",
        evidence="provas",
        organiser=owner,
        description="Föreläsningar för föräldrar till barn i högstadiet (fiktivt exempel).",
    )
    group = parent_services.parent_offer_create(
        viewer=viewer,
        programme=programme,
        name=f"Föräldragrupp 3–12 år {DEMO_LABEL}",
        evidence="okand",
        organiser=orgs[0],
        description="Gruppträffar för föräldrar (fiktivt exempel).",
    )
    surveys = list(evaluation_survey_choices(viewer=viewer)[:1])
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    rng = random.Random(7)
    topics = ("Skärmtid", "Sömn och skola", "Kompisar och grupptryck", "Alkohol och droger")
    for month in range(-11, 3):
        day = today + timedelta(days=30 * month + 3)
        held = month < 0
        for offer, kind, hour in ((lectures, "forelasning", 18), (group, "grupptraff", 17)):
            starts = datetime.combine(day, time(hour), tzinfo=tz)
            parent_services.parent_event_create(
                viewer=viewer,
                offer=offer,
                kind=kind,
                title=f"{topics[(month + 11) % len(topics)]} {DEMO_LABEL}",
                description="",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Stadsbiblioteket" if kind == "forelasning" else ORGANISERS[0],
                participants=rng.randint(8, 40) if held else None,
                survey=surveys[0] if surveys and month == -1 else None,
                cancelled=False,
            )
    return ParentEvent.objects.filter(municipality=koping).count()
