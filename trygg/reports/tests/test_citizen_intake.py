"""One citizen intake, two channels: the public form and Open311's POST get the same limits,
the same unverified mark, the same retry key and the same redaction (services/citizen.py).
Every table runs on both channels, through their real pages."""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import altcha_solve, category, make_area
from trygg.reports import idempotency
from trygg.reports.models import Report, ReportEvent
from trygg.reports.services.citizen import BAD_EMAIL, TOO_MANY, UNVERIFIED_MARK

FORM, OPEN311 = "formuläret", "Open311"
CHANNELS = (FORM, OPEN311)
TEXT = "Klotter på elskåpet vid skolan."
PLACE = "Karlbergsskolan"


@dataclass(frozen=True)
class Outcome:
    status: int
    code: str | None = None  # the tracking code answered with
    message: str = ""  # the Swedish error shown


class Sender:
    created, retried = 0, 0  # the status of a new report and of an answered retry

    def __init__(self, koping):
        self.koping = koping
        # One incident time per sender, so a retry sends exactly what the first one did.
        self.when = timezone.localtime() - timedelta(hours=1)


class FormSender(Sender):
    created = retried = 302

    def send(self, *, proof=False, key=None, text=TEXT, place=PLACE, email="", lat=None, lon=None):
        url = reverse("public:report", args=[self.koping.slug])
        client = Client()
        data = {
            "category": category(self.koping, "klotter").pk,
            "place_name": place,
            "occurred_at": self.when.strftime("%Y-%m-%dT%H:%M"),
            "description": text,
            "contact_email": email,
            "altcha": "",
        }
        if proof:
            page = client.get(url).content.decode()
            found = re.search(r'id="altcha-challenge"[^>]*>(.*?)</script>', page, re.S)
            data["altcha"] = altcha_solve(json.loads(found.group(1)))
        if key is not None:
            data["client_uuid"] = str(key)
        if lat is not None:
            data.update(lat=lat, lon=lon)
        response = client.post(url, data)
        if response.status_code == 302:
            return Outcome(302, response["Location"].split("/arende/")[1].split("/")[0])
        errors = response.context["form"].errors
        return Outcome(
            response.status_code, None, " ".join(m for ms in errors.values() for m in ms)
        )


class Open311Sender(Sender):
    created, retried = 201, 200

    def send(self, *, proof=False, key=None, text=TEXT, place=PLACE, email="", lat=None, lon=None):
        client = Client()
        data = {
            "jurisdiction_id": "1983",
            "service_code": "klotter",
            "address_string": place,
            "description": text,
            "email": email,
        }
        if proof:
            data["altcha"] = altcha_solve(client.get("/open311/v2/challenge.json").json())
        if lat is not None:
            data.update(lat=lat, long=lon)
        headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": str(key)}
        response = client.post("/open311/v2/requests.json", data, **headers)
        (body,) = response.json()
        if response.status_code in (200, 201):
            return Outcome(response.status_code, body["service_request_id"])
        return Outcome(response.status_code, None, body["description"])


SENDERS = {FORM: FormSender, OPEN311: Open311Sender}
REFUSED = {FORM: 200, OPEN311: 400}  # a mistake: the form again, or Open311's 400


def _reports() -> list[Report]:
    with scopes_disabled():
        return list(Report.objects.order_by("pk"))


def _report(code: str) -> Report:
    with scopes_disabled():
        return Report.objects.get(tracking_code=code)


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(("proof", "limit"), [(False, 3), (True, 20)])
def test_a_citizen_may_send_as_many_reports_an_hour_on_either_channel(
    koping, channel, proof, limit
):
    sender = SENDERS[channel](koping)
    outcomes = [sender.send(proof=proof, text=f"Klotter nummer {i}.") for i in range(limit + 1)]
    assert [o.status for o in outcomes] == [sender.created] * limit + [429]
    assert outcomes[-1] == Outcome(429, None, TOO_MANY)
    assert len(_reports()) == limit


def test_both_channels_count_against_one_limit(koping):
    form, open311 = FormSender(koping), Open311Sender(koping)
    sent = [form.send(text="Ett."), open311.send(text="Två."), form.send(text="Tre.")]
    assert [o.status for o in sent] == [302, 201, 302]
    assert open311.send(text="Fyra.") == Outcome(429, None, TOO_MANY)
    assert form.send(text="Fem.") == Outcome(429, None, TOO_MANY)
    assert len(_reports()) == 3


@pytest.mark.parametrize("channel", CHANNELS)
def test_refused_reports_do_not_count_against_the_limit(koping, channel):
    sender = SENDERS[channel](koping)
    for _ in range(3):
        assert sender.send(email="inte-en-adress").status == REFUSED[channel]
    assert [sender.send(text=f"Rapport {i}.").status for i in range(3)] == [sender.created] * 3


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(
    ("proof", "history"),
    [
        (False, [(ReportEvent.Kind.CREATED, ""), (ReportEvent.Kind.COMMENT, UNVERIFIED_MARK)]),
        (True, [(ReportEvent.Kind.CREATED, "")]),
    ],
)
def test_a_report_without_proof_of_work_is_marked_unverified_on_either_channel(
    koping, channel, proof, history
):
    outcome = SENDERS[channel](koping).send(proof=proof)
    report = _report(outcome.code)
    with scopes_disabled():
        assert [(e.kind, e.text) for e in report.events.all()] == history
    assert (
        report.source == {FORM: Report.Source.MEDBORGARE, OPEN311: Report.Source.OPEN311}[channel]
    )


def test_an_open311_solution_counts_once(koping):
    client = Client()
    solution = altcha_solve(client.get("/open311/v2/challenge.json").json())
    codes = []
    for place in ("Torget", "Stationen"):
        response = client.post(
            "/open311/v2/requests.json",
            {"jurisdiction_id": "1983", "service_code": "klotter", "address_string": place}
            | {"description": TEXT, "altcha": solution},
        )
        codes.append(response.json()[0]["service_request_id"])
    with scopes_disabled():
        marked = [_report(c).events.filter(text=UNVERIFIED_MARK).exists() for c in codes]
    assert marked == [False, True]


def test_the_open311_challenge_is_served_in_xml_too(koping):
    response = Client().get("/open311/v2/challenge.xml")
    root = ET.fromstring(response.content)
    assert root.tag == "challenge"
    assert sorted(child.tag for child in root) == [
        "algorithm",
        "challenge",
        "maxNumber",
        "salt",
        "signature",
    ]


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("proof", [False, True])
def test_a_retry_with_the_same_key_gives_the_same_report(koping, channel, proof):
    sender = SENDERS[channel](koping)
    key = uuid.uuid4()
    first = sender.send(key=key, proof=proof)
    # The retry of an app or a reloaded page need not solve the challenge again.
    again = sender.send(key=key)
    assert (first.status, again.status) == (sender.created, sender.retried)
    assert again.code == first.code
    (report,) = _reports()
    assert report.uuid == key


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_retry_at_the_limit_still_gets_its_receipt(koping, channel):
    sender = SENDERS[channel](koping)
    keys = [uuid.uuid4() for _ in range(3)]
    firsts = [sender.send(key=k, text=f"Rapport {i}.") for i, k in enumerate(keys)]
    assert sender.send(key=uuid.uuid4(), text="En fjärde.") == Outcome(429, None, TOO_MANY)
    again = sender.send(key=keys[2], text="Rapport 2.")
    assert again == Outcome(sender.retried, firsts[2].code)
    assert len(_reports()) == 3


@pytest.mark.parametrize(
    ("first", "second", "same_text", "message"),
    [
        (FORM, FORM, False, idempotency.FORM_MESSAGE),
        (OPEN311, OPEN311, False, idempotency.KEY_CHANGED),
        (FORM, OPEN311, True, idempotency.KEY_OTHER_CHANNEL),
        (OPEN311, FORM, True, idempotency.FORM_MESSAGE),
    ],
)
def test_a_key_reused_for_another_report_is_refused_in_swedish(
    koping, first, second, same_text, message
):
    key = uuid.uuid4()
    original = SENDERS[first](koping).send(key=key)
    again = SENDERS[second](koping).send(key=key, text=TEXT if same_text else "Något annat.")
    assert again == Outcome(409, None, message)
    assert [r.tracking_code for r in _reports()] == [original.code]


KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324"


@pytest.mark.parametrize(
    ("first_key", "second_key", "reports"),
    [
        ("app-7-rapport-42", "app-7-rapport-42", 1),
        ('"app-7-rapport-42"', "app-7-rapport-42", 1),  # a structured header's quoted string
        ("app-7-rapport-42", "app-7-rapport-43", 2),
        (KEY, KEY.upper(), 1),
        (KEY, "{" + KEY + "}", 1),
        (None, None, 2),  # no key: every POST is a new report, as GeoReport v2 has it
    ],
)
def test_an_open311_key_may_be_any_short_text(koping, first_key, second_key, reports):
    sender = Open311Sender(koping)
    first, second = sender.send(key=first_key), sender.send(key=second_key)
    assert len(_reports()) == reports
    assert (second.code == first.code) == (reports == 1)


@pytest.mark.parametrize("key", ["", '""', "x" * 256, "nyckel-å", "flik\tflik"])
def test_a_bad_open311_key_is_refused_in_swedish(koping, key):
    assert Open311Sender(koping).send(key=key) == Outcome(400, None, idempotency.KEY_INVALID)
    assert _reports() == []


@pytest.mark.parametrize(
    ("description", "place", "description_redacted", "place_redacted", "found"),
    [
        (
            "Jag heter Anna 19811218-9876.",
            PLACE,
            "Jag heter Anna [personnummer borttaget].",
            PLACE,
            {"personnummer": 1},
        ),
        (
            "Ring mig på 070-123 45 67.",
            "Torget",
            "Ring mig på [telefonnummer borttaget].",
            "Torget",
            {"telefon": 1},
        ),
        (
            "Skriv till anna.ek@example.se om du vill veta mer.",
            "Torget",
            "Skriv till [e-postadress borttagen] om du vill veta mer.",
            "Torget",
            {"epost": 1},
        ),
        (
            "Bilen ABC 123 stod på gräset.",
            "Parkeringen",
            "Bilen [registreringsnummer borttaget] stod på gräset.",
            "Parkeringen",
            {"regnummer": 1},
        ),
        (
            "Klotter på porten.",
            "Hos Anna, 070-123 45 67",
            "Klotter på porten.",
            "Hos Anna, [telefonnummer borttaget]",
            {"telefon": 1},
        ),
    ],
)
def test_personal_data_is_redacted_the_same_on_both_channels(
    koping, description, place, description_redacted, place_redacted, found
):
    for channel in CHANNELS:
        report = _report(SENDERS[channel](koping).send(text=description, place=place).code)
        stored = (report.description_redacted, report.place_name_redacted)
        assert (channel, *stored, report.personal_data_found) == (
            channel,
            description_redacted,
            place_redacted,
            found,
        )
        assert (report.description, report.place_name) == (description, place)


ABROAD = "Platsen ligger utanför Sverige. Kontrollera latitud och longitud."
OUTSIDE = "Platsen ligger utanför Köpings kommungräns. Rapportera till den kommun där det hände."


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "inte-en-adress"}, BAD_EMAIL),
        ({"email": "anna@"}, BAD_EMAIL),
        # Valid to Django's check, too long for the column: was a database error.
        ({"email": "anna@" + ".".join(["a" * 50] * 5) + ".se"}, BAD_EMAIL),
        ({"text": "Lång. " * 1000}, "Beskrivningen får vara högst 5000 tecken."),
        ({"lat": 59.3938, "lon": 15.8383}, OUTSIDE),  # Arboga
        ({"lat": 48.85, "lon": 2.35}, ABROAD),  # Paris
    ],
)
def test_a_mistake_gets_the_same_swedish_message_on_both_channels(koping, channel, fields, message):
    make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.1)
    assert SENDERS[channel](koping).send(**fields) == Outcome(REFUSED[channel], None, message)
    assert _reports() == []
