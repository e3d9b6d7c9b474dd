"""Area messages (issue 19, item 7): refused without areas or with an exact address or a
personal identifier, sent by the task worker by e-mail and through the SMS gateway with
progress and failures per recipient, and always readable by the ombud's link."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from trygg.core.models import AuditEvent, Role
from trygg.programmes import sms
from trygg.programmes.models import AreaMessage, Delivery
from trygg.programmes.neighbourhood_tasks import send_area_message
from trygg.programmes.services.neighbourhood import address_in, message_problems

from .neighbourhood_helpers import make_neighbourhood, send

MEMORY = "trygg.programmes.sms.MemoryGateway"


class RefusingGateway:
    """The operator refuses one number: that delivery fails, the others go out."""

    def send(self, *, to, text):
        if to.endswith("99"):
            raise sms.SmsError("Operatören tog inte emot numret.")
        sms.MemoryGateway.outbox.append((to, text))


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.MemoryGateway.outbox.clear()


@pytest.fixture
def two_areas(koping):
    return [
        make_neighbourhood(
            koping,
            "Karlsdal",
            ombud=[("Demo Ombud A", "a@example.org", "+46701234501")],
        ),
        make_neighbourhood(
            koping,
            "Ullvi",
            lon=16.05,
            ombud=[
                ("Demo Ombud B", "b@example.org", ""),
                ("Demo Ombud C", "", "+46701234599"),
            ],
        ),
    ]


def _run(message):
    send_area_message.call(message.pk)
    with scopes_disabled():
        message.refresh_from_db()
    return message


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Inbrott på Storgatan 12 i natt.", "Storgatan 12"),
        ("Bil skadad vid Ringvägen 3B.", "Ringvägen 3B"),
        ("Dörren till lgh 1102 bänd.", "lgh 1102"),
        ("Inbrott i villor kring Storgatan i natt.", ""),
        ("Vecka 12 har varit lugn.", ""),
    ],
)
def test_an_exact_address_is_found_and_a_street_alone_is_not(text, found):
    assert address_in(text) == found


def test_a_personal_identifier_is_a_reason_to_refuse():
    assert message_problems("Ring 070-123 45 67 om ni ser något.") == [
        "Texten innehåller ett telefonnummer. Skriv om den utan personuppgifter."
    ]


def test_a_message_without_areas_is_refused(koping, users):
    with pytest.raises(ValidationError) as error:
        send(koping, users[Role.POLIS], [])
    assert error.value.message_dict["areas"] == [
        "Välj minst ett grannsamverkansområde att skicka till."
    ]


def test_a_message_with_an_address_is_refused_with_the_reason(koping, users, two_areas):
    with pytest.raises(ValidationError) as error:
        send(koping, users[Role.POLIS], two_areas, body="Inbrott på Storgatan 12 i natt.")
    assert error.value.message_dict["body"] == [
        "Texten innehåller en exakt adress (Storgatan 12). Skriv gatan eller kvarteret utan "
        "nummer, så att inget enskilt hushåll pekas ut."
    ]
    with scopes_disabled():
        assert AreaMessage.objects.count() == 0


def test_the_form_keeps_what_was_typed_and_says_why(client, koping, users, two_areas):
    client.force_login(users[Role.POLIS])
    body = "Inbrott på Storgatan 12 i natt."
    response = client.post(
        reverse("programmes:neighbourhood_message_create"),
        {"areas": [two_areas[0].pk], "subject": "Inbrott", "body": body},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "exakt adress (Storgatan 12)" in page
    assert body in page


def test_the_form_without_areas_says_so(client, koping, users, two_areas):
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("programmes:neighbourhood_message_create"),
        {"subject": "Inbrott", "body": "Var uppmärksamma."},
    )
    assert "Välj minst ett grannsamverkansområde att skicka till." in response.content.decode()


@override_settings(SMS_BACKEND=MEMORY, SITE_URL="https://trygg.example")
def test_every_ombud_gets_mail_and_sms_with_the_link(koping, users, two_areas):
    message = _run(send(koping, users[Role.POLIS], two_areas))
    link = f"https://trygg.example/program/grannsamverkan/m/{message.token}/"
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(link in m.body and "Var uppmärksamma i kväll." in m.body for m in mail.outbox)
    assert mail.outbox[0].subject == "Grannsamverkan: Inbrottsvåg"
    assert sorted(to for to, _ in sms.MemoryGateway.outbox) == ["+46701234501", "+46701234599"]
    assert all(link in text for _, text in sms.MemoryGateway.outbox)
    assert (message.status, message.processed, message.total) == ("klar", 4, 4)
    assert message.sender == AreaMessage.Sender.POLIS


@override_settings(SMS_BACKEND=f"{__name__}.RefusingGateway")
def test_a_failed_delivery_is_shown_with_its_reason(client, koping, users, two_areas):
    message = _run(send(koping, users[Role.POLIS], two_areas))
    with scopes_disabled():
        statuses = sorted(Delivery.objects.values_list("channel", "status", "error"))
    assert statuses == [
        ("epost", "skickad", ""),
        ("epost", "skickad", ""),
        ("sms", "misslyckad", "Operatören tog inte emot numret."),
        ("sms", "skickad", ""),
    ]
    assert message.status == "klar"
    assert message.message == "1 av 4 utskick misslyckades."
    client.force_login(users[Role.POLIS])
    page = client.get(reverse("programmes:neighbourhood_message", args=[message.pk]))
    html = page.content.decode()
    assert "Operatören tog inte emot numret." in html
    assert "Demo Ombud C" not in html  # the police see the outcome, not the register
    assert "Försök igen med de misslyckade" in html


@override_settings(SMS_BACKEND=f"{__name__}.RefusingGateway")
def test_the_failed_ones_can_be_tried_again(client, koping, users, two_areas):
    message = _run(send(koping, users[Role.POLIS], two_areas))
    client.force_login(users[Role.POLIS])
    with override_settings(SMS_BACKEND=MEMORY):
        client.post(reverse("programmes:neighbourhood_message_retry", args=[message.pk]))
        message = _run(message)
    assert sms.MemoryGateway.outbox[-1][0] == "+46701234599"
    assert (message.status, message.processed, message.message) == ("klar", 4, "")


def test_the_ombud_page_opens_by_the_link_without_login(client, koping, users, two_areas):
    message = send(koping, users[Role.SAMORDNARE], two_areas)
    response = client.get(reverse("programmes:neighbourhood_message_public", args=[message.token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Inbrottsvåg" in page and "Var uppmärksamma i kväll." in page
    assert "Karlsdal, Ullvi" in page
    assert response["Cache-Control"] == "private, no-store"
    assert message.sender == AreaMessage.Sender.KOMMUN


def test_a_guessed_link_finds_nothing(client, koping, users, two_areas):
    send(koping, users[Role.SAMORDNARE], two_areas)
    url = reverse("programmes:neighbourhood_message_public", args=["x" * 22])
    assert client.get(url).status_code == 404


def test_the_status_endpoint_reports_progress(client, koping, users, two_areas):
    message = send(koping, users[Role.POLIS], two_areas)
    client.force_login(users[Role.POLIS])
    url = reverse("programmes:neighbourhood_message_status", args=[message.pk])
    assert client.get(url).json()["state"] == "pagar"
    _run(message)
    data = client.get(url).json()
    assert (data["state"], data["processed"], data["total"]) == ("klar", 4, 4)


def test_sending_is_audited_without_personal_data(koping, users, two_areas):
    message = send(koping, users[Role.POLIS], two_areas)
    with scope(municipality=koping):
        event = AuditEvent.objects.get(event="programmes.area_message_sent")
    assert event.data["areas"] == [two_areas[0].pk, two_areas[1].pk]
    assert event.data["deliveries"] == 4
    assert "example.org" not in str(event.data) and str(message.pk) == event.object_id
