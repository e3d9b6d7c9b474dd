"""Grannsamverkan: areas with their kontaktombud, and area messages from the police or the
municipality to the ombud of the chosen areas (e-mail, SMS, and always a web page).

A message never carries an exact address: a burglary told to a whole area with its street
and number points at one household. The text is scanned for street addresses and the
personal identifiers of the dialog scan, and refused with the reason."""

import json
import logging
import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.jobs import job_enqueue
from trygg.core.kernel import audit, own, require
from trygg.core.mail import absolute_url, mail_send
from trygg.core.models import Role
from trygg.core.text import strip_control_characters
from trygg.core.viewer import Viewer
from trygg.dialog.textscan import scan
from trygg.geo.models import Area
from trygg.geo.services import areas_import
from trygg.reports.services.placement import reports_place_in_area

from .. import sms
from ..models import AreaMessage, Delivery, NeighbourhoodArea, Ombud, Programme, ProgrammeKind

log = logging.getLogger(__name__)

MANAGE = "programmes.manage_neighbourhood"
SEND = "programmes.send_area_message"
# Retention (gallring): an ombud's contact is kept 90 days after they step down (a message
# sent meanwhile can still be traced), a message and its delivery log two years (the
# annual follow-up looks back one year, the next one compares with it).
OMBUD_KEEP_DAYS = 90
MESSAGE_KEEP_DAYS = 730
# Deliveries are committed with the progress (the heartbeat) 20 at a time.
PROGRESS_EVERY = 20
MAX_SUBJECT = 120
MAX_BODY = 2000

# Street names end in one of these ("Storgatan", "Ringvägen", "Kvarnbacken"); followed by a
# number they are an exact address. "lgh 1102", "port 3" and "nr 12" point at a door too.
_STREET = (
    r"[A-ZÅÄÖa-zåäöé-]+(?:gatan|gata|vägen|väg|gränd|gränden|stigen|stig|backen|backe|"
    r"torget|torg|allén|allé|platsen|plan|leden|esplanaden|vägen|kajen|parken|slingan|"
    r"stråket|ringen|tået|gårdsvägen)"
)
_ADDRESS = re.compile(rf"\b{_STREET}\s+\d+[A-Za-z]?\b", re.IGNORECASE)
_DOOR = re.compile(
    r"\b(?:lgh|lägenhet|lägenhetsnummer|port|uppgång|nr|nummer|husnummer)\.?\s*\d+",
    re.IGNORECASE,
)

NO_AREAS = "Välj minst ett grannsamverkansområde att skicka till."
ADDRESS_FOUND = (
    "Texten innehåller en exakt adress ({found}). Skriv gatan eller kvarteret utan nummer, "
    "så att inget enskilt hushåll pekas ut."
)


def _text(value: str) -> str:
    return strip_control_characters((value or "").strip())


def address_in(text: str) -> str:
    """The first exact address (street and number, or a door number) in `text`, or ""."""
    match = _ADDRESS.search(text) or _DOOR.search(text)
    return match.group(0) if match else ""


def message_problems(text: str) -> list[str]:
    """Why the text may not be sent, in Swedish; empty when it may."""
    problems = []
    found = address_in(text)
    if found:
        problems.append(ADDRESS_FOUND.format(found=found))
    # A police message names streets and places in capitals all the time, so the name-like
    # pattern would refuse most of them; the identifiers are what must never go out.
    identifiers = scan(text, names=False)
    if not identifiers.clean:
        problems.append(identifiers.reason())
    return problems


# --- Areas --------------------------------------------------------------------------------


def _polygon_feature(name: str, geometry) -> bytes:
    if isinstance(geometry, str):
        try:
            geometry = json.loads(geometry)
        except ValueError:
            raise ValidationError(
                {"drawn": "Det ritade området kunde inte läsas. Rita det igen."}
            ) from None
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError({"drawn": "Rita området med minst tre punkter."})
    feature = {"type": "Feature", "properties": {"name": name}, "geometry": geometry}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def _single_feature(name: str, raw: bytes) -> bytes:
    """The uploaded file's one polygon, renamed to the grannsamverkan area."""
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError({"upload": "Filen är inte GeoJSON."}) from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and doc.get("type") in ("Polygon", "MultiPolygon"):
        features = [{"type": "Feature", "properties": {}, "geometry": doc}]
    if not isinstance(features, list) or len(features) != 1:
        raise ValidationError({"upload": "Filen ska innehålla exakt ett område (en polygon)."})
    feature = dict(features[0])
    feature["properties"] = {"name": name}
    out = {"type": "FeatureCollection", "features": [feature]}
    if isinstance(doc, dict) and "crs" in doc:
        out["crs"] = doc["crs"]
    return json.dumps(out).encode()


def _geo_area(viewer: Viewer, *, name: str, existing, drawn, upload) -> Area:
    """The map area: one chosen from the municipality's areas, or a new own area (drawn or
    uploaded) with the reports already inside it placed in it."""
    if existing is not None:
        own(viewer, existing)
        return existing
    if drawn:
        raw = _polygon_feature(name, drawn)
    elif upload:
        raw = _single_feature(name, upload)
    else:
        raise ValidationError(
            {
                "existing": "Välj ett befintligt område, rita området på kartan eller ladda upp "
                "en GeoJSON-fil."
            }
        )
    try:
        areas_import(viewer=viewer, raw=raw, kind=Area.Kind.EGEN, name_property="name")
    except ValidationError as exc:
        raise ValidationError({"drawn" if drawn else "upload": exc.messages}) from None
    area = Area.objects.get(municipality=viewer.municipality, kind=Area.Kind.EGEN, name=name)
    reports_place_in_area(area=area)
    return area


@transaction.atomic
def neighbourhood_area_save(
    *,
    viewer: Viewer,
    area: NeighbourhoodArea | None = None,
    programme: Programme,
    name: str,
    started_on: date,
    existing: Area | None = None,
    drawn=None,
    upload: bytes | None = None,
    comparison_area: Area | None = None,
    signs_up: int = 0,
    last_annual_meeting: date | None = None,
    households_in: int = 0,
    households_out: int = 0,
) -> NeighbourhoodArea:
    """Creates or edits a grannsamverkan area. Editing without a new geometry keeps the
    area's map area."""
    require(viewer, MANAGE)
    own(viewer, area, programme, comparison_area)
    name = _text(name)
    if not name:
        raise ValidationError({"name": "Ge området ett namn."})
    if programme.kind != ProgrammeKind.GRANNSAMVERKAN:
        raise ValidationError({"programme": "Välj ett program av typen grannsamverkan."})
    clash = NeighbourhoodArea.objects.filter(municipality=viewer.municipality, name=name)
    if area is not None:
        clash = clash.exclude(pk=area.pk)
    if clash.exists():
        raise ValidationError({"name": "Det finns redan ett grannsamverkansområde med namnet."})
    if started_on and started_on > timezone.localdate():
        raise ValidationError({"started_on": "Startdatum kan inte ligga i framtiden."})
    if last_annual_meeting and last_annual_meeting > timezone.localdate():
        raise ValidationError({"last_annual_meeting": "Årsmötet kan inte ligga i framtiden."})
    keep = area is not None and existing is None and not drawn and not upload
    geo_area = (
        area.area
        if keep
        else _geo_area(viewer, name=name, existing=existing, drawn=drawn, upload=upload)
    )
    if comparison_area is not None and comparison_area.pk == geo_area.pk:
        raise ValidationError(
            {"comparison_area": "Jämförelseområdet måste vara ett annat område än det egna."}
        )
    values = {
        "programme": programme,
        "name": name,
        "area": geo_area,
        "comparison_area": comparison_area,
        "started_on": started_on,
        "signs_up": signs_up or 0,
        "last_annual_meeting": last_annual_meeting,
        "households_in": households_in or 0,
        "households_out": households_out or 0,
    }
    if area is None:
        area = NeighbourhoodArea.objects.create(municipality=viewer.municipality, **values)
        audit(
            viewer,
            "programmes.neighbourhood_area_saved",
            area,
            summary="Grannsamverkansområde skapat",
        )
        return area
    for key, value in values.items():
        setattr(area, key, value)
    area.save(update_fields=[*values, "updated_at"])
    audit(
        viewer, "programmes.neighbourhood_area_saved", area, summary="Grannsamverkansområde ändrat"
    )
    return area


@transaction.atomic
def ombud_add(
    *, viewer: Viewer, area: NeighbourhoodArea, name: str, email: str = "", phone: str = ""
) -> Ombud:
    """Adds a kontaktombud with at least one way to reach them (e-mail or mobile number)."""
    require(viewer, MANAGE)
    own(viewer, area)
    name, email, phone = _text(name), _text(email).lower(), _text(phone)
    errors = {}
    if not name:
        errors["name"] = "Skriv ombudets namn."
    if not email and not phone:
        errors["email"] = "Ange e-post eller mobilnummer, så att ombudet kan nås."
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        errors["email"] = "E-postadressen ser inte ut som en e-postadress."
    number = ""
    if phone:
        number = sms.normalise_number(phone) or ""
        if not number:
            errors["phone"] = "Skriv ett svenskt mobilnummer, till exempel 070-123 45 67."
    if errors:
        raise ValidationError(errors)
    ombud = Ombud.objects.create(
        municipality=viewer.municipality, area=area, name=name, email=email, phone=number
    )
    # The audit row names the area and the ombud's id, never the name or the contact.
    audit(viewer, "programmes.ombud_added", ombud, summary="Kontaktombud tillagt", area=area.pk)
    return ombud


@transaction.atomic
def ombud_end(*, viewer: Viewer, ombud: Ombud) -> Ombud:
    """The ombud steps down: no more messages, contact deleted after OMBUD_KEEP_DAYS."""
    require(viewer, MANAGE)
    own(viewer, ombud)
    if ombud.ended_on is None:
        ombud.ended_on = timezone.localdate()
        ombud.save(update_fields=["ended_on"])
        audit(viewer, "programmes.ombud_ended", ombud, summary="Kontaktombud avslutat")
    return ombud


# --- Area messages ------------------------------------------------------------------------


@transaction.atomic
def area_message_send(
    *, viewer: Viewer, areas: list[NeighbourhoodArea], subject: str, body: str
) -> AreaMessage:
    """Stores the message with one delivery per active ombud and channel, and queues the
    sending. Refused without areas, or with an address or a personal identifier in it."""
    require(viewer, SEND)
    own(viewer, *areas)
    subject, body = _text(subject), _text(body)
    errors: dict[str, list[str]] = {}
    if not areas:
        errors["areas"] = [NO_AREAS]
    if not subject:
        errors["subject"] = ["Skriv en rubrik."]
    elif len(subject) > MAX_SUBJECT:
        errors["subject"] = [f"Rubriken får vara högst {MAX_SUBJECT} tecken."]
    if not body:
        errors["body"] = ["Skriv meddelandet."]
    elif len(body) > MAX_BODY:
        errors["body"] = [f"Meddelandet får vara högst {MAX_BODY} tecken."]
    for field, text in (("subject", subject), ("body", body)):
        if text and field not in errors:
            problems = message_problems(text)
            if problems:
                errors[field] = problems
    if errors:
        raise ValidationError(errors)
    police = Role.POLIS in viewer.roles
    sender = AreaMessage.Sender.POLIS if police else AreaMessage.Sender.KOMMUN
    message = AreaMessage.objects.create(
        municipality=viewer.municipality,
        sender=sender,
        subject=subject,
        body=body,
        created_by=viewer.user,
    )
    message.areas.set(areas)
    ombud = Ombud.objects.filter(
        municipality=viewer.municipality, area__in=areas, ended_on__isnull=True
    ).order_by("pk")
    deliveries = []
    for person in ombud:
        for channel, contact in (
            (Delivery.Channel.EPOST, person.email),
            (Delivery.Channel.SMS, person.phone),
        ):
            if contact:
                deliveries.append(
                    Delivery(
                        municipality=viewer.municipality,
                        message=message,
                        ombud=person,
                        area_id=person.area_id,
                        channel=channel,
                    )
                )
    Delivery.objects.bulk_create(deliveries)
    message.total = len(deliveries)
    message.save(update_fields=["total"])
    audit(
        viewer,
        "programmes.area_message_sent",
        message,
        summary=f"Områdesmeddelande till {len(areas)} områden",
        areas=[a.pk for a in areas],
        deliveries=len(deliveries),
    )
    from ..neighbourhood_tasks import send_area_message

    job_enqueue(message, send_area_message)
    return message


def _progress(job: AreaMessage, /, **fields) -> None:
    # Every progress save is the worker's heartbeat (core.jobs).
    fields["heartbeat_at"] = timezone.now()
    for key, value in fields.items():
        setattr(job, key, value)
    job.save(update_fields=[*fields])


def _sms_text(message: AreaMessage, link: str) -> str:
    return f"Grannsamverkan, {message.get_sender_display().lower()}: {message.subject}. Läs: {link}"


def _deliver(message: AreaMessage, delivery: Delivery, gateway, link: str) -> None:
    person = delivery.ombud
    try:
        if person is None or person.ended_on is not None:
            raise ValueError("Ombudet har slutat.")
        if delivery.channel == Delivery.Channel.EPOST:
            mail_send(
                template="programmes/neighbourhood_message_mail",
                context={"message": message, "link": link},
                to=[person.email],
            )
        else:
            gateway.send(to=person.phone, text=_sms_text(message, link))
    except Exception as exc:  # noqa: BLE001 - every failure is kept per recipient
        # The delivery's id is enough to look again; the contact stays out of the log.
        log.warning("area message %s delivery %s failed", message.pk, delivery.pk)
        reason = str(exc) if isinstance(exc, sms.SmsError | ValueError) else ""
        delivery.status = Delivery.Status.MISSLYCKAD
        delivery.error = (reason or "Kunde inte skickas.")[:300]
    else:
        delivery.status, delivery.sent_at = Delivery.Status.SKICKAD, timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at"])


def area_message_deliver(message: AreaMessage) -> None:
    """Run by the task worker on a claimed message: tries every waiting delivery once, keeps
    the reason of each failure, and finishes the job (failed only if nothing went out)."""
    if message.status != AreaMessage.Status.KOR:
        return
    link = absolute_url("programmes:neighbourhood_message_public", message.token)
    gateway = sms.gateway()
    done = message.deliveries.exclude(status=Delivery.Status.VANTAR).count()
    pending = list(message.deliveries.filter(status=Delivery.Status.VANTAR).select_related("ombud"))
    for first in range(0, len(pending), PROGRESS_EVERY):
        # One commit per chunk with its progress: a commit per delivery cost more than the
        # send itself (bench_area_message); a worker lost mid-chunk resends at most a chunk.
        with transaction.atomic():
            for delivery in pending[first : first + PROGRESS_EVERY]:
                _deliver(message, delivery, gateway, link)
                done += 1
            _progress(message, processed=done)
    message.processed = done
    failed = message.deliveries.filter(status=Delivery.Status.MISSLYCKAD).count()
    everything_failed = message.total and failed == message.total
    _progress(
        message,
        status=AreaMessage.Status.MISSLYCKAD if everything_failed else AreaMessage.Status.KLAR,
        message=f"{failed} av {message.total} utskick misslyckades." if failed else "",
        processed=done,
        finished_at=timezone.now(),
    )


@transaction.atomic
def area_message_retry(*, viewer: Viewer, message: AreaMessage) -> AreaMessage:
    """Tries the failed deliveries again (a full mailbox, a gateway that was down)."""
    require(viewer, SEND)
    own(viewer, message)
    if message.running:
        raise ValidationError("Meddelandet skickas fortfarande.")
    failed = message.deliveries.filter(status=Delivery.Status.MISSLYCKAD)
    n = failed.update(status=Delivery.Status.VANTAR, error="")
    if not n:
        raise ValidationError("Inga misslyckade utskick att försöka igen.")
    message.processed = message.total - n
    message.finished_at = None
    message.message = ""
    message.save(update_fields=["processed", "finished_at", "message"])
    audit(viewer, "programmes.area_message_retried", message, summary="Nytt försök", deliveries=n)
    from ..neighbourhood_tasks import send_area_message

    job_enqueue(message, send_area_message)
    return message


def neighbourhood_retention(*, today: date | None = None) -> dict[str, int]:
    """The daily gallring across municipalities: ombud who stepped down OMBUD_KEEP_DAYS ago
    and messages (with their delivery log) older than MESSAGE_KEEP_DAYS are deleted."""
    today = today or timezone.localdate()
    ombud, _ = Ombud._base_manager.filter(
        ended_on__lt=today - timedelta(days=OMBUD_KEEP_DAYS)
    ).delete()
    cutoff = timezone.now() - timedelta(days=MESSAGE_KEEP_DAYS)
    _n, by_model = AreaMessage._base_manager.filter(created_at__lt=cutoff).delete()
    return {"ombud": ombud, "messages": by_model.get(AreaMessage._meta.label, 0)}
