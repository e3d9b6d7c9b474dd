"""Helpers for the citizen-loop tests: the public form posted as a browser would."""

from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from tests.helpers import altcha_solution, category
from trygg.reports.models import Report


def jpeg_with_gps(size=(800, 600)) -> bytes:
    """A phone photo: camera make and a GPS position in its EXIF block."""
    img = Image.new("RGB", size, (40, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "Telefon AB"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 30.0, 50.0), 3: "E", 4: (15.0, 59.0, 33.0)}  # GPS IFD
    out = BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def submit(client, municipality, **overrides):
    """Posts the citizen form; returns the response."""
    url = reverse("public:report", args=[municipality.slug])
    page = client.get(url).content.decode()
    data = {
        "category": category(municipality, "klotter").pk,
        "place_name": "Karlbergsskolan",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "Klotter på skolans gavel",
        "altcha": altcha_solution(page),
    }
    data.update(overrides)
    return client.post(url, data)


def submitted(client, municipality, **overrides) -> Report:
    """Posts the citizen form and returns the stored report."""
    response = submit(client, municipality, **overrides)
    assert response.status_code == 302, response.content.decode()[:2000]
    code = response["Location"].rstrip("/").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    with scopes_disabled():
        return Report.objects.get(municipality=municipality, tracking_code=code)
