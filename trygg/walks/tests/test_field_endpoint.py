"""Field mode's JSON endpoint and page: what a phone sends arrives once, redacted, with clean
photos; late, off-area and expired-link cases are kept as the issue's bad-input list says."""

import io
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from tests.helpers import make_member
from trygg.core.models import Role
from trygg.walks.models import Observation, ObservationPhoto, Walk

from .field_helpers import CENTRE, OUTSIDE, item, jpeg_with_gps, make_walk, png


@pytest.fixture
def walk(koping, users):
    return make_walk(koping, users[Role.SAMORDNARE])


def endpoint(walk):
    return reverse("walks:field_link_json", args=[walk.join_token])


def upload(data: bytes, name="IMG_1.png"):
    file = io.BytesIO(data)
    file.name = name
    return file


def send(client, walk, *, client_uuid=None, photos=(), **fields):
    data = {
        "client_uuid": str(client_uuid or uuid.uuid4()),
        "recorded_at": timezone.now().isoformat(),
        "lat": str(CENTRE[0]),
        "lon": str(CENTRE[1]),
        "item": str(item(walk, "belysning").pk),
        "score": "1",
        "text": "Trasig lampa i gångtunneln",
        **fields,
    }
    if photos:
        data["photos"] = [upload(p) for p in photos]
    return client.post(endpoint(walk), data)


def observations(walk):
    with scopes_disabled():
        return list(Observation.objects.filter(walk=walk))


def test_a_new_observation_is_received_with_a_receipt_its_cell_and_its_photos(client, walk):
    response = send(client, walk, photos=[png(), png((0, 0, 200))])

    assert response.status_code == 201
    body = response.json()
    [stored] = observations(walk)
    assert body["state"] == "mottagen"
    assert body["id"] == stored.pk
    assert body["outside_area"] is False and body["late"] is False
    assert stored.via_join_link is True and stored.recorded_by is None
    assert stored.h3_9 is not None
    assert stored.score == 1 and stored.item.code == "belysning"
    with scopes_disabled():
        assert ObservationPhoto.objects.filter(observation=stored).count() == 2


def test_a_repeated_sync_after_a_lost_reply_returns_the_same_receipt_and_stores_nothing_new(
    client, walk
):
    key = uuid.uuid4()
    first = send(client, walk, client_uuid=key, photos=[png()])
    again = send(client, walk, client_uuid=key, photos=[png()], text="Annan text")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(observations(walk)) == 1
    with scopes_disabled():
        assert ObservationPhoto.objects.filter(observation__walk=walk).count() == 1


def test_the_same_client_uuid_on_another_walk_is_another_observation(client, walk, users):
    other = make_walk(walk.municipality, users[Role.SAMORDNARE], title="Kolsva")
    key = uuid.uuid4()
    assert send(client, walk, client_uuid=key).status_code == 201
    assert send(client, other, client_uuid=key).status_code == 201


def test_text_is_redacted_before_it_is_stored(client, walk):
    send(
        client,
        walk,
        text="Ring mig på 070-123 45 67, bil ABC 123 står här",
        place_text="vid nr 5, mejla anna@example.se",
    )

    [stored] = observations(walk)
    assert stored.text == (
        "Plats: vid nr 5, mejla [e-postadress borttagen]\n"
        "Ring mig på [telefonnummer borttaget], bil [registreringsnummer borttaget] står här"
    )


def test_photos_are_re_encoded_without_exif(client, walk):
    send(client, walk, photos=[jpeg_with_gps()])

    with scopes_disabled():
        [photo] = ObservationPhoto.objects.filter(observation__walk=walk)
    with photo.image.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
    assert photo.thumbnail and (photo.width, photo.height) == (80, 60)


def test_a_file_that_is_not_an_image_is_refused_in_swedish_and_nothing_is_stored(client, walk):
    response = send(client, walk, photos=[b"%PDF-1.7 inte en bild"])

    assert response.status_code == 400
    assert response.json()["errors"]["photos"] == [
        {"message": "Filen är ingen bild som kan läsas (JPEG, PNG, WebP eller HEIC)."}
    ]
    assert observations(walk) == []


def test_a_point_outside_the_walks_area_is_kept_and_flagged(client, walk):
    response = send(client, walk, lat=str(OUTSIDE[0]), lon=str(OUTSIDE[1]))

    assert response.status_code == 201 and response.json()["outside_area"] is True
    [stored] = observations(walk)
    assert stored.outside_area is True


def test_an_observation_without_a_position_belongs_to_the_walks_area(client, walk):
    response = send(client, walk, lat="", lon="", place_text="Busstorget")

    assert response.status_code == 201
    [stored] = observations(walk)
    assert (stored.lat, stored.h3_9, stored.outside_area) == (None, None, False)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"score": "4"}, "score", "Poängen ska vara mellan 0 och 3."),
        ({"lon": ""}, "lat", "Ange både latitud och longitud, eller ingen av dem."),
        (
            {"lat": "123", "lon": "15"},
            "lat",
            "Positionen är inte en plats på jorden (latitud −90–90, longitud −180–180).",
        ),
        (
            {"item": "", "score": "", "text": ""},
            "__all__",
            "Observationen är tom. Välj en punkt i checklistan, skriv något eller ta ett foto.",
        ),
    ],
)
def test_bad_fields_are_refused_with_swedish_messages(client, walk, fields, field, message):
    response = send(client, walk, **fields)

    assert response.status_code == 400
    assert response.json()["errors"][field] == [{"message": message}]
    assert observations(walk) == []


def test_an_item_of_another_checklist_is_refused(client, walk, users):
    from trygg.walks.models import ChecklistItem, ChecklistTemplate

    with scopes_disabled():
        other = ChecklistTemplate.objects.create(municipality=walk.municipality, name="Annan")
        foreign = ChecklistItem.objects.create(
            municipality=walk.municipality, template=other, code="x", label="Annan punkt"
        )
    response = send(client, walk, item=str(foreign.pk))

    assert response.status_code == 400
    assert response.json()["errors"]["item"] == [
        {"message": "Punkten finns inte i vandringens checklista."}
    ]


def test_drafts_arriving_after_the_walk_is_closed_go_into_its_review_as_late(client, walk):
    with scopes_disabled():
        Walk.objects.filter(pk=walk.pk).update(
            status=Walk.Status.AVSLUTAD, closed_at=timezone.now()
        )
    response = send(client, walk)

    assert response.status_code == 201 and response.json()["late"] is True
    [stored] = observations(walk)
    assert (stored.late, stored.review) == (True, Observation.Review.NY)


def test_an_expired_link_still_accepts_what_was_recorded_before_it_expired(client, walk):
    expired = timezone.now() - timedelta(hours=1)
    with scopes_disabled():
        Walk.objects.filter(pk=walk.pk).update(join_expires_at=expired)
    before = send(client, walk, recorded_at=(expired - timedelta(minutes=5)).isoformat())
    after = send(client, walk, recorded_at=(expired + timedelta(minutes=5)).isoformat())

    assert before.status_code == 201
    assert after.status_code == 403
    assert after.json()["message"].startswith("Deltagarlänken har gått ut")
    assert len(observations(walk)) == 1


@pytest.mark.parametrize(
    ("update", "heading_text"),
    [
        ({"join_expires_at": timezone.now() - timedelta(days=1)}, "Deltagarlänken har gått ut"),
        ({"join_revoked_at": timezone.now()}, "Deltagarlänken är återkallad"),
        ({"status": Walk.Status.INSTALLD}, "Vandringen är inställd"),
    ],
)
def test_a_link_that_no_longer_opens_the_walk_shows_a_clear_page(
    client, walk, update, heading_text
):
    with scopes_disabled():
        Walk.objects.filter(pk=walk.pk).update(**update)
    page = client.get(reverse("walks:field_link", args=[walk.join_token]))

    assert page.status_code == 410
    assert heading_text in page.content.decode()
    assert "Deltagarlänken fungerar inte längre" in page.content.decode()


def test_a_revoked_link_refuses_the_phones_queue_with_a_message_it_keeps(client, walk):
    with scopes_disabled():
        Walk.objects.filter(pk=walk.pk).update(join_revoked_at=timezone.now())
    response = send(client, walk)

    assert response.status_code == 403
    assert response.json() == {
        "message": "Deltagarlänken är återkallad. Be den som leder vandringen om en ny länk."
    }


def test_a_wrong_token_is_404_for_the_page_and_the_endpoint(client, walk):
    assert client.get(reverse("walks:field_link", args=["x" * 22])).status_code == 404
    assert client.post(reverse("walks:field_link_json", args=["x" * 22]), {}).status_code == 404


def test_without_javascript_the_page_posts_one_observation_and_lists_the_phones_own(
    client, walk, users
):
    url = reverse("walks:field_link", args=[walk.join_token])
    page = client.get(url)
    assert page.status_code == 200
    assert 'capture="environment"' in page.content.decode()

    response = client.post(
        url,
        {
            "item": str(item(walk, "sikt").pk),
            "score": "2",
            "text": "Buskarna skymmer",
            "photos": [upload(png())],
        },
        follow=True,
    )

    assert response.redirect_chain == [(url, 302)]
    text = response.content.decode()
    assert "Observationen är mottagen." in text
    assert "Sikt och överblick · 2" in text
    # Another phone (another session) does not see it.
    from django.test import Client

    assert "Sikt och överblick · 2" not in Client().get(url).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 403),
        (Role.SAMORDNARE, 201),
        (Role.ANALYTIKER, 201),
        (Role.RAPPORTOR, 201),
        (Role.POLIS, 201),
        (Role.RADSLEDAMOT, 403),
    ],
)
def test_staff_record_through_the_walks_own_endpoint_with_walks_record(
    client, walk, users, role, status
):
    client.force_login(users[role])
    response = client.post(
        reverse("walks:field_json", args=[walk.pk]),
        {"client_uuid": str(uuid.uuid4()), "text": "Mörkt vid cykelstället"},
    )

    assert response.status_code == status
    if status == 201:
        [stored] = observations(walk)
        assert (stored.recorded_by, stored.via_join_link) == (users[role], False)


def test_staff_endpoint_signed_out_is_401_and_another_municipalitys_walk_is_404(
    client, walk, arboga_org
):
    url = reverse("walks:field_json", args=[walk.pk])
    assert client.post(url, {"client_uuid": str(uuid.uuid4()), "text": "x"}).status_code == 401
    client.force_login(make_member("arboga_samordnare", arboga_org, Role.SAMORDNARE))
    assert client.post(url, {"client_uuid": str(uuid.uuid4()), "text": "x"}).status_code == 404
    assert client.get(reverse("walks:field", args=[walk.pk])).status_code == 404
    assert observations(walk) == []
