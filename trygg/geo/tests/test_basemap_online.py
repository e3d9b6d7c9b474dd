"""An online basemap chosen by an administrator: a validated tile URL, an attribution, and a
CSP that grows by exactly that origin, on map pages, only while it is chosen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.geo.basemap import basemap_config, basemap_set
from trygg.geo.models import Basemap

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
LANTMATERIET = (
    "https://minkarta.lantmateriet.se/map/topowebbcache/?layer=topowebb&style=default"
    "&tilematrixset=3857&Service=WMTS&Request=GetTile&Version=1.0.0&Format=image%2Fpng"
    "&TileMatrix={z}&TileCol={x}&TileRow={y}"
)


def _set(users, municipality, **fields):
    viewer = viewer_for(users[Role.ADMINISTRATOR], municipality)
    with scope(municipality=municipality):
        return basemap_set(viewer=viewer, **fields)


@pytest.mark.parametrize(
    ("url", "attribution", "errors"),
    [
        (OSM, "© OpenStreetMap-bidragsgivare", None),
        (LANTMATERIET, "© Lantmäteriet", None),
        ("http://127.0.0.1:8123/{z}/{x}/{y}.png", "Test", None),  # http outside production
        ("ftp://example.org/{z}/{x}/{y}.png", "x", {"tile_url": [
            "Adressen ska börja med https:// och ha ett värdnamn."]}),
        ("https:///{z}/{x}/{y}.png", "x", {"tile_url": [
            "Adressen ska börja med https:// och ha ett värdnamn."]}),
        ("https://user:pw@example.org/{z}/{x}/{y}.png", "x", {"tile_url": [
            "Adressen får inte innehålla användarnamn eller lösenord."]}),
        ("https://example.org/{z}/{x}.png", "x", {"tile_url": [
            "Adressen ska ha platshållarna {z}, {x} och {y} för kartrutorna; {y} saknas."]}),
        (OSM, "  ", {"attribution": [
            "Ange kartans källa, t.ex. © OpenStreetMap-bidragsgivare."]}),
    ],
)  # fmt: skip
def test_an_online_basemap_needs_a_tile_url_template_and_its_source(
    users, koping, url, attribution, errors
):
    if errors is None:
        _set(users, koping, source="online", tile_url=url, attribution=attribution)
        assert basemap_config(koping) == {
            "source": "online", "tiles": url, "attribution": attribution.strip(),
        }  # fmt: skip
    else:
        with pytest.raises(ValidationError) as refused:
            _set(users, koping, source="online", tile_url=url, attribution=attribution)
        assert refused.value.message_dict == errors
        assert basemap_config(koping) == {"source": "ingen"}


def test_the_offline_basemap_cannot_be_chosen_before_one_is_built(users, koping):
    with pytest.raises(ValidationError) as refused:
        _set(users, koping, source="offline")
    assert refused.value.message_dict == {
        "source": [
            "Det finns ingen egen bakgrundskarta ännu; den byggs med manage.py basemap_build."
        ]
    }


def test_a_https_tile_url_is_required_in_production(users, koping, settings):
    settings.PRODUCTION = True
    with pytest.raises(ValidationError):
        _set(users, koping, source="online", tile_url="http://example.org/{z}/{x}/{y}.png",
             attribution="x")  # fmt: skip


def _img_src(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("img-src"))
    return directive.split()[1:]


def test_the_csp_allows_the_tile_origin_on_map_pages_only_while_it_is_chosen(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    map_page, other_page = reverse("reports:map"), reverse("geo:area_list")
    assert _img_src(client.get(map_page)) == ["'self'", "data:"]

    _set(users, koping, source="online", tile_url=OSM, attribution="© OpenStreetMap")
    assert _img_src(client.get(map_page)) == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert _img_src(client.get(other_page)) == ["'self'", "data:"]
    assert "connect-src 'self'" in client.get(map_page)["Content-Security-Policy"]

    _set(users, koping, source="ingen")
    assert _img_src(client.get(map_page)) == ["'self'", "data:"]


def test_the_citizen_form_draws_its_own_municipalitys_basemap(client, users, koping, arboga):
    _set(users, koping, source="online", tile_url=OSM, attribution="© OpenStreetMap")
    koping_form = client.get(reverse("public:report", args=["koping"]))
    arboga_form = client.get(reverse("public:report", args=["arboga"]))
    assert "https://tile.openstreetmap.org" in _img_src(koping_form)
    assert _img_src(arboga_form) == ["'self'", "data:"]


def test_an_administrator_chooses_the_basemap_on_its_page(client, users, koping):
    client.force_login(users[Role.ADMINISTRATOR])
    url = reverse("geo:basemap_settings")
    response = client.post(url, {"source": "online", "tile_url": OSM, "attribution": "© OSM"})
    assert response.status_code == 302
    with scopes_disabled():
        basemap = Basemap.objects.get(municipality=koping)
        assert (basemap.source, basemap.tile_url, basemap.attribution) == ("online", OSM, "© OSM")
        event = AuditEvent.objects.get(event="geo.basemap_changed")
    assert event.data["origin"] == "https://tile.openstreetmap.org"

    refused = client.post(url, {"source": "online", "tile_url": "https://x.org/a.png",
                                "attribution": "x"})  # fmt: skip
    assert refused.status_code == 200
    missing = (
        "Adressen ska ha platshållarna {z}, {x} och {y} för kartrutorna; {z}, {x}, {y} saknas."
    )
    assert refused.context["form"].errors == {"tile_url": [missing]}


@pytest.mark.parametrize("role", [Role.ANALYTIKER, Role.RAPPORTOR, Role.POLIS, Role.RADSLEDAMOT])
def test_only_administrators_and_coordinators_choose_the_basemap(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("geo:basemap_settings")).status_code == 403
