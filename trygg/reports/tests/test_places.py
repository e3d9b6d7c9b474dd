"""Typed places land on the map (issue 15): an address of the register gets its point
(precision adress), a named place its areas and no point (precision område); a name that
matches nothing or several places is said so on the form, and sending again keeps the text.
The same for the staff form, the citizen form and Open311's address_string."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_area
from trygg.core.models import Role
from trygg.core.viewer import operator_viewer
from trygg.geo.gazetteer.services import address_register_replace
from trygg.geo.h3cells import cells_for_point
from trygg.reports.models import Report

from .test_citizen_report import _submit

ADDRESSES = (
    "gata;nummer;bokstav;postort;lat;lon\n"
    "Storgatan;3;;Köping;59.5140;15.9926\n"
    "Glasgatan;7;;Köping;59.5150;15.9950\n"
    "Glasgatan;7;;Kolsva;59.6000;15.8400\n"
)


@pytest.fixture
def gazetteer(koping):
    district = make_area(koping, "Nibblesbacke", lon=15.99, lat=59.51, d=0.02)
    with scope(municipality=koping):
        address_register_replace(viewer=operator_viewer(koping), raw=ADDRESSES, fmt="csv")
    return district


def _staff(client, place, **extra):
    data = {
        "category": category(extra.pop("municipality"), "klotter").pk,
        "kind": "handelse",
        "lat": "",
        "lon": "",
        "place_name": place,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "Klotter",
        "youth_involved": "unknown",
    }
    data.update(extra)
    return client.post(reverse("reports:create"), data)


def _stored():
    with scopes_disabled():
        report = Report.objects.get()
        return report, sorted(report.areas.values_list("name", flat=True))


def test_a_staff_report_at_an_address_gets_the_address_point_and_cells(
    client, users, koping, gazetteer
):
    client.force_login(users[Role.RAPPORTOR])
    response = _staff(client, "Storgatan 3", municipality=koping)
    assert response.status_code == 302
    report, areas = _stored()
    cells = cells_for_point(59.514, 15.9926)
    assert (report.precision, report.lat, report.lon) == ("adress", 59.514, 15.9926)
    assert (report.h3_r7, report.h3_r9) == (cells[7], cells[9])
    assert areas == ["Nibblesbacke"]
    assert report.place_name == "Storgatan 3"
    page = client.get(response.url).content.decode()
    assert "Den ligger på adressen Storgatan 3, Köping." in page


def test_a_staff_report_at_a_named_place_counts_there_without_an_invented_point(
    client, users, koping, gazetteer
):
    client.force_login(users[Role.RAPPORTOR])
    response = _staff(client, "nibblesbacke", municipality=koping)
    assert response.status_code == 302
    report, areas = _stored()
    assert (report.precision, report.lat, report.lon, report.h3_r9) == (
        "omrade",
        None,
        None,
        None,
    )
    assert areas == ["Nibblesbacke"]


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("Atlantis", "Vi hittar ingen adress eller plats som heter ”Atlantis”."),
        (
            "Glasgatan 7",
            "”Glasgatan 7” kan vara flera platser: Glasgatan 7, Köping, Glasgatan 7, Kolsva.",
        ),
    ],
)
def test_an_unknown_or_ambiguous_place_is_said_on_the_form_and_sending_again_keeps_the_text(
    client, users, koping, gazetteer, place, message
):
    client.force_login(users[Role.RAPPORTOR])
    first = _staff(client, place, municipality=koping)
    page = first.content.decode()
    assert first.status_code == 200
    assert message in page
    assert f'value="{place}"' in page  # the text is kept …
    assert f'name="place_checked" value="{place}"' in page
    again = _staff(client, place, municipality=koping, place_checked=place)
    assert again.status_code == 302  # … and stored as text only when sent again
    report, areas = _stored()
    assert (report.precision, report.lat, report.place_name, areas) == ("adress", None, place, [])


def test_a_point_given_with_the_text_is_kept_whatever_the_text_says(
    client, users, koping, gazetteer
):
    client.force_login(users[Role.RAPPORTOR])
    response = _staff(client, "Atlantis", municipality=koping, lat="59.52", lon="15.99")
    assert response.status_code == 302
    report, _areas = _stored()
    assert (report.precision, report.lat) == ("punkt", 59.52)


def test_without_a_gazetteer_the_form_stores_the_text_at_once(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    assert _staff(client, "Karlbergsskolan", municipality=koping).status_code == 302


def test_a_citizen_who_types_a_district_gets_a_report_in_that_district(client, koping, gazetteer):
    response = _submit(client, koping, place_name="Nibblesbacke")
    assert response.status_code == 302
    report, areas = _stored()
    assert (report.precision, report.lat, areas) == ("omrade", None, ["Nibblesbacke"])


def test_a_citizen_is_told_when_the_place_is_unknown(client, koping, gazetteer):
    response = _submit(client, koping, place_name="Atlantis")
    assert response.status_code == 200
    assert "Vi hittar ingen adress eller plats som heter ”Atlantis”." in response.content.decode()
    with scopes_disabled():
        assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("address", "precision", "lat", "areas"),
    [
        ("Storgatan 3, Köping", "adress", 59.514, ["Nibblesbacke"]),
        ("Nibblesbacke", "omrade", None, ["Nibblesbacke"]),
        ("Glasgatan 7", "adress", None, []),  # two towns: kept as text
        ("Atlantis 1", "adress", None, []),
    ],
)
def test_open311_requests_with_only_an_address_string_are_placed(
    client, koping, gazetteer, address, precision, lat, areas
):
    response = client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "1983",
            "service_code": "belysning",
            "address_string": address,
            "description": "Lampan är trasig",
        },
    )
    assert response.status_code == 201, response.content
    report, stored_areas = _stored()
    assert (report.precision, report.lat, stored_areas) == (precision, lat, areas)


def test_the_staff_autocomplete_answers_with_the_municipalitys_names_only(
    client, users, koping, arboga, gazetteer
):
    make_area(arboga, "Nibbleby", lon=15.84, lat=59.39)
    client.force_login(users[Role.RAPPORTOR])
    answer = client.get(reverse("geo:place_search"), {"q": "nibb"}).json()
    assert answer == {"results": [{"label": "Nibblesbacke", "kind": "Stadsdel"}]}
    answer = client.get(reverse("geo:place_search"), {"q": "storgatan 3"}).json()
    assert answer == {"results": [{"label": "Storgatan 3, Köping", "kind": "adress"}]}
    client.logout()
    assert client.get(reverse("geo:place_search"), {"q": "nibb"}).status_code == 302


def test_the_public_autocomplete_is_rate_limited(client, koping, gazetteer):
    from trygg.public.views import PLACE_SEARCH_LIMIT

    url = reverse("public:place_search", args=[koping.slug])
    for _ in range(PLACE_SEARCH_LIMIT):
        assert client.get(url, {"q": "gl"}).status_code == 200
    refused = client.get(url, {"q": "gl"})
    assert refused.status_code == 429
    assert refused.json()["error"] == "För många sökningar på kort tid. Vänta en stund."


def test_the_public_autocomplete_suggests_addresses_of_a_street(client, koping, gazetteer):
    url = reverse("public:place_search", args=[koping.slug])
    assert client.get(url, {"q": "Glasgatan 7"}).json()["results"] == [
        {"label": "Glasgatan 7, Köping", "kind": "adress"},
        {"label": "Glasgatan 7, Kolsva", "kind": "adress"},
    ]


def test_the_lagesbild_counts_an_area_report_in_its_district_and_an_address_as_a_point(
    client, users, koping, gazetteer
):
    from tests.helpers import viewer_for
    from trygg.lagesbild.selectors import picture_for_period

    client.force_login(users[Role.RAPPORTOR])
    _staff(client, "Nibblesbacke", municipality=koping)
    _staff(client, "Storgatan 3", municipality=koping)
    today = timezone.localdate()
    with scope(municipality=koping):
        picture = picture_for_period(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), start=today, end=today
        )
    assert [(row.name, row.current) for row in picture.areas] == [("Nibblesbacke", 2)]
    # Only the address is a point for the hot spots; the district's report is not.
    assert (picture.points_used, picture.without_point) == (1, 1)


def test_a_citizen_report_with_a_photo_keeps_an_unknown_place_as_text_at_once(
    client, koping, gazetteer
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "JPEG")
    photo = SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")
    # Sending the form back would lose the photo: the text is stored as it is.
    response = _submit(client, koping, place_name="Atlantis", photo=photo)
    assert response.status_code == 302
    report, areas = _stored()
    assert (report.place_name, report.lat, areas) == ("Atlantis", None, [])
