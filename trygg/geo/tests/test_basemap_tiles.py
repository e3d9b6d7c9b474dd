"""The offline basemap is served in HTTP ranges (RFC 9110), per municipality."""

import pytest
from django.urls import reverse
from django_scopes import scope

from tests.helpers import body_of
from trygg.core.viewer import operator_viewer
from trygg.geo.basemap import basemap_store

# 1,000 bytes whose values say where they are, so a wrong slice shows.
CONTENT = bytes(i % 251 for i in range(1000))


@pytest.fixture
def stored(koping, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    source = tmp_path / "built.pmtiles"
    source.write_bytes(CONTENT)
    with scope(municipality=koping):
        basemap = basemap_store(
            viewer=operator_viewer(koping), built=source, attribution="x", layers=["roads"],
            max_zoom=14,
        )  # fmt: skip
    return basemap


def _url(slug, etag):
    return reverse("geo:basemap_tiles", args=[slug, etag])


@pytest.mark.parametrize(
    ("range_header", "status", "content_range", "body"),
    [
        (None, 200, None, CONTENT),
        ("bytes=0-99", 206, "bytes 0-99/1000", CONTENT[:100]),
        ("bytes=100-199", 206, "bytes 100-199/1000", CONTENT[100:200]),
        ("bytes=990-2000", 206, "bytes 990-999/1000", CONTENT[990:]),
        ("bytes=-10", 206, "bytes 990-999/1000", CONTENT[-10:]),
        ("bytes=-5000", 206, "bytes 0-999/1000", CONTENT),
        ("bytes=500-", 206, "bytes 500-999/1000", CONTENT[500:]),
        ("bytes=999-999", 206, "bytes 999-999/1000", CONTENT[999:]),
        # More than one range: RFC 9110 lets the server send the whole file instead.
        ("bytes=0-9,20-29", 200, None, CONTENT),
        # Not a byte range we understand: ignored, the whole file.
        ("items=0-9", 200, None, CONTENT),
        ("bytes=abc", 200, None, CONTENT),
        ("bytes=20-10", 200, None, CONTENT),
        ("bytes=1000-", 416, "bytes */1000", b""),
        ("bytes=5000-6000", 416, "bytes */1000", b""),
        ("bytes=-0", 416, "bytes */1000", b""),
    ],
)
def test_basemap_range_requests_are_answered_by_the_rfc(
    client, stored, range_header, status, content_range, body
):
    headers = {"HTTP_RANGE": range_header} if range_header else {}
    response = client.get(_url("koping", stored.offline_etag), **headers)
    assert response.status_code == status
    assert response.get("Content-Range") == content_range
    assert body_of(response) == body
    assert response["ETag"] == f'"{stored.offline_etag}"'
    assert response["Accept-Ranges"] == "bytes"
    if status == 206:
        assert response["Content-Length"] == str(len(body))


def test_a_cached_basemap_is_answered_not_modified(client, stored):
    response = client.get(
        _url("koping", stored.offline_etag), HTTP_IF_NONE_MATCH=f'"{stored.offline_etag}"'
    )
    assert (response.status_code, body_of(response)) == (304, b"")


def test_a_range_of_an_older_copy_gets_the_whole_new_file(client, stored):
    response = client.get(
        _url("koping", stored.offline_etag), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"'
    )
    assert (response.status_code, body_of(response)) == (200, CONTENT)


def test_another_municipalitys_address_for_the_basemap_is_not_found(client, stored, arboga):
    assert client.get(_url("arboga", stored.offline_etag)).status_code == 404
    assert client.get(_url("ingen-sadan", stored.offline_etag)).status_code == 404


def test_a_replaced_basemap_is_gone_from_its_old_address_and_from_disk(
    client, stored, koping, tmp_path, django_capture_on_commit_callbacks
):
    old_file = tmp_path / "media" / stored.offline_file
    source = tmp_path / "rebuilt.pmtiles"
    source.write_bytes(CONTENT[::-1])
    with scope(municipality=koping), django_capture_on_commit_callbacks(execute=True):
        new = basemap_store(
            viewer=operator_viewer(koping), built=source, attribution="x", layers=["roads"],
            max_zoom=14,
        )  # fmt: skip
    assert client.get(_url("koping", stored.offline_etag)).status_code == 404
    assert body_of(client.get(_url("koping", new.offline_etag))) == CONTENT[::-1]
    assert not old_file.exists()
