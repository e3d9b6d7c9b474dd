"""Writes for nattvandring: the samordnare registers a group with its association's
agreement, plans evenings and keeps the group's secret link; walkers sign up and the leader
logs the evening through that link (no account: the token is the key, checked by the view);
the samordnare turns an observation into a report with one action.

Free text from the phone is refused, not redacted, when the PII scan finds anything: the
leader is there to rewrite it, and a name once stored has to be found and removed again."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.models import Organisation
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.dialog.textscan import scan
from trygg.geo.h3cells import cells_for_point
from trygg.reports.models import Category, Report
from trygg.reports.services.intake import ReportInput, report_create

from .. import nightwalk_events as events
from ..models import (
    NightWalkEvening,
    NightWalkGroup,
    NightWalkLog,
    NightWalkObservation,
    NightWalkSignup,
    Programme,
    ProgrammeKind,
)
from ..models.nightwalk import new_link_token

MANAGE = "programmes.manage_nightwalks"
MIN_WALKERS = 2
MAX_WALKERS = 60
MAX_SIGNUP_ADULTS = 20
MAX_OBSERVATIONS = 10
MAX_ROUTE_POINTS = 3000
MAX_NOTE = 2000
# A nickname is kept only until the evening is over and a week has passed (retention).
SIGNUP_NAME_DAYS = 7
# Route cells are filled in along each segment at about this spacing, so a drawn route of a
# few clicks still covers every H3 cell (≈ 170 m across at resolution 9) it crosses.
STEP_DEGREES = 0.0005

TOO_FEW = (
    "En nattvandring kräver minst två vuxna. Med färre än två går ni inte – kvällen loggas inte."
)
NO_ROUTE = (
    "Rita rutten på kartan, spela in den med GPS eller skriv vilka områden och gator ni gick."
)
BAD_ROUTE = "Rutten kunde inte läsas. Rita den igen eller skriv områden och gator."
DAY_LOGGED = "Kvällen {day} är redan loggad för gruppen."
FUTURE = "Datumet ligger i framtiden. Logga kvällen när ni har gått."
NICKNAME = "Skriv bara ett förnamn eller smeknamn: ett ord med bokstäver, högst 30 tecken."


def _anonymous(municipality) -> Viewer:
    # A leader or walker has no account: the audit row names the municipality only.
    return Viewer(municipality=municipality, roles=frozenset())


def _clean(text: str | None) -> str:
    return strip_control_characters(text or "").strip()


def _refuse_personal_data(errors: dict, field: str, text: str) -> None:
    if text:
        found = scan(text)
        if not found.clean:
            errors.setdefault(field, []).append(found.reason())


@transaction.atomic
def group_create(
    *,
    viewer: Viewer,
    programme: Programme | None,
    association: Organisation | None,
    name: str,
    agreement_on: date | None,
    rate_sek: Decimal | None,
    contact_email: str = "",
    contact_phone: str = "",
) -> NightWalkGroup:
    """A group of the association, under a nattvandring programme, with the agreement the
    compensation is computed from."""
    require(viewer, MANAGE)
    own(viewer, programme, association)
    errors: dict[str, list[str]] = {}
    name = _clean(name)
    if not name:
        errors["name"] = ["Ange gruppens namn."]
    if programme is None or programme.kind != ProgrammeKind.NATTVANDRING:
        errors["programme"] = ["Välj ett program för nattvandring."]
    if association is None:
        errors["association"] = ["Välj föreningen som överenskommelsen är tecknad med."]
    elif association.kind != Organisation.Kind.FORENING:
        errors["association"] = [
            "Nattvandring drivs av en förening: välj en organisation av typen förening."
        ]
    if agreement_on is None:
        errors["agreement_on"] = ["Ange när överenskommelsen tecknades."]
    if rate_sek is None or rate_sek < 0:
        errors["rate_sek"] = ["Ange ersättningen per kväll i kronor (0 eller mer)."]
    if errors:
        raise ValidationError(errors)
    group = NightWalkGroup(
        municipality=viewer.municipality,
        programme=programme,
        association=association,
        name=name,
        contact_email=_clean(contact_email),
        contact_phone=_clean(contact_phone),
        agreement_on=agreement_on,
        rate_sek=rate_sek,
    )
    group.validate_constraints()
    group.save()
    audit(viewer, events.GROUP_CREATED, group, summary=f"Nattvandringsgrupp: {name}")
    return group


@transaction.atomic
def link_revoke(*, viewer: Viewer, group: NightWalkGroup) -> NightWalkGroup:
    """The link stops working at once: a phone that has it can neither sign up nor log."""
    require(viewer, MANAGE)
    own(viewer, group)
    if group.link_revoked_at is None:
        group.link_revoked_at = timezone.now()
        group.save(update_fields=["link_revoked_at"])
        audit(viewer, events.LINK_REVOKED, group, summary="Nattvandringslänk återkallad")
    return group


@transaction.atomic
def link_renew(*, viewer: Viewer, group: NightWalkGroup) -> NightWalkGroup:
    """A new secret replaces the old one, which stops working."""
    require(viewer, MANAGE)
    own(viewer, group)
    group.link_token = new_link_token()
    group.link_revoked_at = None
    group.save(update_fields=["link_token", "link_revoked_at"])
    audit(viewer, events.LINK_RENEWED, group, summary="Ny nattvandringslänk")
    return group


@transaction.atomic
def evening_plan(
    *,
    viewer: Viewer,
    group: NightWalkGroup,
    walk_on: date | None,
    starts_at: time | None,
    meeting_place: str = "",
) -> NightWalkEvening:
    require(viewer, MANAGE)
    own(viewer, group)
    errors: dict[str, list[str]] = {}
    if walk_on is None:
        errors["walk_on"] = ["Ange datum för kvällen."]
    elif walk_on < timezone.localdate():
        errors["walk_on"] = ["Datumet har passerat. Planera en kommande kväll."]
    if starts_at is None:
        errors["starts_at"] = ["Ange när ni samlas."]
    meeting_place = _clean(meeting_place)
    _refuse_personal_data(errors, "meeting_place", meeting_place)
    if errors:
        raise ValidationError(errors)
    evening = NightWalkEvening(
        municipality_id=group.municipality_id,
        group=group,
        walk_on=walk_on,
        starts_at=starts_at,
        meeting_place=meeting_place[:200],
    )
    evening.validate_constraints()
    evening.save()
    audit(
        viewer,
        events.EVENING_PLANNED,
        evening,
        summary=f"Nattvandring planerad {walk_on:%Y-%m-%d}",
        group=group.pk,
    )
    return evening


@transaction.atomic
def signup_add(
    *, group: NightWalkGroup, evening: NightWalkEvening, adults: int | None, nickname: str = ""
) -> NightWalkSignup:
    """A walker (or a few together) signs up through the group's link; the caller checked
    the link. At most a first name or a nickname is kept, and only for a week after."""
    errors: dict[str, list[str]] = {}
    if evening.group_id != group.pk:
        raise ValidationError({"evening": ["Kvällen hör inte till gruppen."]})
    if evening.cancelled_at is not None or evening.walk_on < timezone.localdate():
        errors["evening"] = ["Kvällen tar inte emot anmälningar."]
    if adults is None or not 1 <= adults <= MAX_SIGNUP_ADULTS:
        errors["adults"] = [f"Ange hur många vuxna ni är (1–{MAX_SIGNUP_ADULTS})."]
    nickname = _clean(nickname)
    if nickname and (len(nickname) > 30 or not nickname.replace("-", "").isalpha()):
        errors["nickname"] = [NICKNAME]
    if errors:
        raise ValidationError(errors)
    signup = NightWalkSignup.objects.create(
        municipality_id=group.municipality_id, evening=evening, adults=adults, nickname=nickname
    )
    # The nickname is not in the audit row: it is the one piece of personal data here.
    audit(
        _anonymous(group.municipality),
        events.SIGNUP_ADDED,
        signup,
        summary="Anmälan till nattvandring",
        evening=evening.pk,
        adults=adults,
    )
    return signup


@dataclass(frozen=True)
class ObservationInput:
    category_id: int | None
    text: str = ""
    place_text: str = ""
    lat: float | None = None
    lon: float | None = None
    slot: int = 0  # the form's slot it came from, so an error lands beside it


def _route(route) -> list[list[float]]:
    if not route:
        return []
    if not isinstance(route, list) or len(route) > MAX_ROUTE_POINTS:
        raise ValueError
    points = []
    for point in route:
        lat, lon = float(point[0]), float(point[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError
        points.append([round(lat, 6), round(lon, 6)])
    return points


def route_cells(route: list[list[float]]) -> list[int]:
    """The resolution-9 H3 cells the route passes, in order of first visit."""
    cells: dict[int, None] = {}
    for (lat1, lon1), (lat2, lon2) in zip(route, route[1:] or route, strict=False):
        steps = max(1, int(max(abs(lat2 - lat1), abs(lon2 - lon1)) / STEP_DEGREES))
        for i in range(steps + 1):
            t = i / steps
            cells[cells_for_point(lat1 + (lat2 - lat1) * t, lon1 + (lon2 - lon1) * t)[9]] = None
    return list(cells)


def _observations(group, items: list[ObservationInput], errors: dict) -> list[tuple]:
    if len(items) > MAX_OBSERVATIONS:
        errors.setdefault("__all__", []).append(
            f"Högst {MAX_OBSERVATIONS} observationer per kväll."
        )
        return []
    categories = {
        c.pk: c
        for c in Category.objects.filter(
            municipality_id=group.municipality_id,
            pk__in=[i.category_id for i in items if i.category_id],
            active=True,
        )
    }
    out = []
    for n, item in enumerate(items, start=1):
        n = item.slot or n
        field = f"obs{n}"
        text, place = _clean(item.text), _clean(item.place_text)
        category = categories.get(item.category_id)
        if category is None:
            errors.setdefault(f"{field}_category", []).append(
                f"Observation {n}: välj en kategori ur listan."
            )
        if len(text) > 1000 or len(place) > 200:
            errors.setdefault(f"{field}_text", []).append(
                f"Observation {n}: högst 1000 tecken text och 200 tecken plats."
            )
        _refuse_personal_data(errors, f"{field}_text", text)
        _refuse_personal_data(errors, f"{field}_place", place)
        if (item.lat is None) != (item.lon is None):
            errors.setdefault(f"{field}_place", []).append(
                f"Observation {n}: ange både latitud och longitud, eller ingen av dem."
            )
        out.append((category, text, place, item.lat, item.lon))
    return out


def log_record(
    *,
    group: NightWalkGroup,
    client_uuid: uuid.UUID,
    walked_on: date | None,
    walkers: int | None,
    route=None,
    route_text: str = "",
    concern_reported: bool = False,
    note: str = "",
    observations: list[ObservationInput] = (),
) -> tuple[NightWalkLog, bool]:
    """Stores the evening's log with its observations and returns it with True, or the log
    already stored under this client UUID with False (a queued log sent twice is stored
    once). The caller has checked the group's link."""
    existing = NightWalkLog.objects.filter(group=group, client_uuid=client_uuid).first()
    if existing is not None:
        return existing, False
    errors: dict[str, list[str]] = {}
    if walked_on is None:
        errors["walked_on"] = ["Ange vilken kväll ni gick."]
    elif walked_on > timezone.localdate():
        errors["walked_on"] = [FUTURE]
    if walkers is None or walkers < MIN_WALKERS:
        errors["walkers"] = [TOO_FEW]
    elif walkers > MAX_WALKERS:
        errors["walkers"] = [f"Ange antalet vuxna som gick (2–{MAX_WALKERS})."]
    try:
        points = _route(route)
    except (TypeError, ValueError, IndexError):
        points = []
        errors["route"] = [BAD_ROUTE]
    route_text, note = _clean(route_text), _clean(note)
    if not points and not route_text and "route" not in errors:
        errors["route_text"] = [NO_ROUTE]
    if len(route_text) > 500:
        errors.setdefault("route_text", []).append("Skriv områden och gator på högst 500 tecken.")
    if len(note) > MAX_NOTE:
        errors.setdefault("note", []).append(f"Övrigt får vara högst {MAX_NOTE} tecken.")
    _refuse_personal_data(errors, "route_text", route_text)
    _refuse_personal_data(errors, "note", note)
    rows = _observations(group, list(observations), errors)
    if not errors and NightWalkLog.objects.filter(group=group, walked_on=walked_on).exists():
        errors["walked_on"] = [DAY_LOGGED.format(day=f"{walked_on:%Y-%m-%d}")]
    if errors:
        raise ValidationError(errors)
    log = NightWalkLog(
        municipality_id=group.municipality_id,
        group=group,
        evening=NightWalkEvening.objects.filter(group=group, walk_on=walked_on).first(),
        client_uuid=client_uuid,
        walked_on=walked_on,
        walkers=walkers,
        route=points,
        route_cells=route_cells(points) if points else [],
        route_text=route_text,
        concern_reported=bool(concern_reported),
        note=note,
    )
    try:
        with transaction.atomic():
            log.save()
            NightWalkObservation.objects.bulk_create(
                NightWalkObservation(
                    municipality_id=group.municipality_id,
                    log=log,
                    category=category,
                    text=text,
                    place_text=place,
                    lat=lat,
                    lon=lon,
                )
                for category, text, place, lat, lon in rows
            )
            audit(
                _anonymous(group.municipality),
                events.LOG_RECEIVED,
                log,
                summary="Nattvandring loggad",
                group=group.pk,
                walkers=walkers,
                observations=len(rows),
                concern_reported=log.concern_reported,
            )
    except IntegrityError:
        # A concurrent retry of the same UUID stored it first: that one is the receipt.
        stored = NightWalkLog.objects.filter(group=group, client_uuid=client_uuid).first()
        if stored is not None:
            return stored, False
        day = f"{walked_on:%Y-%m-%d}"
        raise ValidationError({"walked_on": [DAY_LOGGED.format(day=day)]}) from None
    return log, True


def _evening_time(log: NightWalkLog) -> datetime:
    starts = log.evening.starts_at if log.evening is not None else time(21, 0)
    return timezone.make_aware(datetime.combine(log.walked_on, starts))


@transaction.atomic
def observation_to_report(*, viewer: Viewer, observation: NightWalkObservation) -> Report:
    """A report in the workflow for the observation, at its point or the place typed (else
    the route's areas); the link is kept so it is never reported twice."""
    require(viewer, MANAGE)
    own(viewer, observation)
    observation = (
        NightWalkObservation.objects.select_for_update(of=("self",))
        .select_related("log__group", "log__evening", "category")
        .get(pk=observation.pk)
    )
    if observation.report_id is not None:
        raise ValidationError("Observationen är redan en rapport.")
    log = observation.log
    point = observation.lat is not None
    place = observation.place_text or log.route_text or log.group.name
    data = ReportInput(
        category=observation.category,
        # An evening logged the same day before its start time (a leader logging at dusk)
        # would otherwise be an incident in the future.
        occurred_at=min(_evening_time(log), log.received_at, timezone.now()),
        kind=Report.Kind.HANDELSE,
        lat=observation.lat,
        lon=observation.lon,
        precision=Report.Precision.PUNKT if point else Report.Precision.ADRESS,
        place_name="" if point else place[:200],
        description=f"Nattvandring {log.group.name} {log.walked_on:%Y-%m-%d}: "
        f"{observation.text or observation.category.name}",
        organisation=log.group.association,
    )
    report, _ = report_create(viewer=viewer, data=data)
    observation.report = report
    observation.save(update_fields=["report"])
    audit(
        viewer,
        events.OBSERVATION_TO_REPORT,
        observation,
        summary="Nattvandringsobservation blev rapport",
        log=log.pk,
        report=report.pk,
        category=observation.category.code,
    )
    return report


@transaction.atomic
def signups_prune(*, municipality, today: date | None = None) -> int:
    """Blanks the nicknames of sign-ups for evenings more than a week past; the counts stay."""
    today = today or timezone.localdate()
    pruned = (
        NightWalkSignup.objects.filter(
            municipality=municipality,
            evening__walk_on__lt=today - timedelta(days=SIGNUP_NAME_DAYS),
        )
        .exclude(nickname="")
        .update(nickname="")
    )
    if pruned:
        audit(
            _anonymous(municipality),
            events.SIGNUPS_PRUNED,
            summary=f"{pruned} namn i nattvandringsanmälningar gallrade",
            count=pruned,
        )
    return pruned
