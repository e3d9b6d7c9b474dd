"""The request-size cap answers 413 before any view reads the body, in the client's format."""

import io

import pytest
from django.conf import settings as live_settings
from django.urls import reverse

from trygg.reports import images

MB = 1024 * 1024


@pytest.mark.parametrize(
    "path, content_type, expected",
    [
        ("/logga-in/", "text/html; charset=utf-8", "Det du skickade är för stort"),
        ("/kommun/koping/rapportera/", "text/html; charset=utf-8", "högst 25 MB"),
        (
            "/api/reports",
            "application/json",
            '{"detail": "Förfrågan är för stor; högst 25 MB tas emot."}',
        ),
        (
            "/open311/v2/requests.json",
            "application/json",
            '[{"code": 413, "description": "Förfrågan är för stor; högst 25 MB tas emot."}]',
        ),
        (
            "/open311/v2/requests.xml",
            "text/xml; charset=utf-8",
            "<errors><error><code>413</code><description>Förfrågan är för stor; högst 25 MB tas "
            "emot.</description></error></errors>",
        ),
    ],
)
def test_a_body_declared_over_the_cap_is_refused_unread(client, db, path, content_type, expected):
    body = io.BytesIO(b"x" * 100)
    response = client.generic(
        "POST",
        path,
        b"",
        CONTENT_TYPE="application/octet-stream",
        CONTENT_LENGTH=str(25 * MB + 1),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert response["Content-Type"] == content_type
    assert expected in response.content.decode()
    assert body.tell() == 0


def test_a_body_just_under_the_cap_reaches_the_view(client, db, settings):
    settings.MAX_REQUEST_MB = 1
    response = client.post(
        reverse("core:login"),
        {"username": "ingen", "password": "fel", "fyllnad": "x" * (MB - 1000)},
    )
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in response.content.decode()


def _chunked(client, body: io.BytesIO):
    return client.generic(
        "POST",
        reverse("core:login"),
        b"",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": body, "wsgi.input_terminated": True},
    )


def test_a_chunked_body_over_the_cap_is_refused_after_reading_at_most_the_cap(client, db, settings):
    settings.MAX_REQUEST_MB = 1
    body = io.BytesIO(b"username=" + b"x" * (3 * MB))
    response = _chunked(client, body)
    assert response.status_code == 413
    assert body.tell() <= MB + 64 * 1024


def test_a_chunked_body_under_the_cap_is_read_as_a_form(client, db):
    response = _chunked(client, io.BytesIO(b"username=ingen&password=fel"))
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in response.content.decode()


def test_photo_and_import_limits_fit_under_the_default_cap():
    cap = live_settings.MAX_REQUEST_MB * MB
    assert live_settings.MAX_REQUEST_MB == 25
    # A form with a photo or an import file carries a few KB besides the file.
    assert images.MAX_BYTES + MB <= cap
    assert live_settings.IMPORT_MAX_MB * MB + MB <= cap
