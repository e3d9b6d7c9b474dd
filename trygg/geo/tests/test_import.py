import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_area, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.core.viewer import operator_viewer
from trygg.geo.models import Area
from trygg.geo.selectors import areas_at_point
from trygg.geo.services import area_delete, areas_import

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "geo"
CENTRAL_KOPING = (59.5140, 15.9926)


def _import(municipality, raw, kind="stadsdel", **kw):
    with scope(municipality=municipality):
        return areas_import(viewer=operator_viewer(municipality), raw=raw, kind=kind, **kw)


def _sweref_boundary() -> bytes:
    shared = SHARED / "koping-1983-from-deso-sweref99tm.geojson"
    if shared.exists():
        return shared.read_bytes()
    # Without ../shared, reproject the vendored WGS 84 copy: same polygon, same check.
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    doc = json.loads((DEMO / "koping-kommungrans.geojson").read_bytes())
    for f in doc["features"]:
        f["geometry"]["coordinates"] = [
            [list(t.transform(x, y)) for x, y in ring] for ring in f["geometry"]["coordinates"]
        ]
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
    return json.dumps(doc).encode()


def test_central_koping_is_assigned_after_sweref_import(koping):
    result = _import(koping, _sweref_boundary(), kind="kommungrans")
    assert result.crs == "EPSG:3006"
    _import(koping, (DEMO / "koping-regso.geojson").read_bytes(), name_property="regso")
    _import(koping, (DEMO / "koping-deso.geojson").read_bytes(), kind="deso", name_property="deso")
    with scope(municipality=koping):
        found = {
            (a.kind, a.name)
            for a in areas_at_point(
                municipality=koping, lat=CENTRAL_KOPING[0], lon=CENTRAL_KOPING[1]
            )
        }
        boundary = Area.objects.get(kind="kommungrans")
    assert found == {
        ("kommungrans", "Köping"),
        ("stadsdel", "Köping centrala"),
        ("deso", "1983C1050"),
    }
    assert boundary.area_km2 == pytest.approx(647.6, rel=0.01)


def test_point_in_arboga_is_not_in_koping(koping):
    _import(koping, (DEMO / "koping-kommungrans.geojson").read_bytes(), kind="kommungrans")
    with scope(municipality=koping):
        assert areas_at_point(municipality=koping, lat=59.3939, lon=15.8386) == []


def test_reimport_replaces_instead_of_duplicating(koping):
    raw = (DEMO / "koping-regso.geojson").read_bytes()
    first = _import(koping, raw, name_property="regso")
    second = _import(koping, raw, name_property="regso")
    assert (first.created, second.created, second.updated) == (9, 0, 9)
    with scope(municipality=koping):
        assert Area.objects.count() == 9


def _bad(koping, raw, **kw):
    with pytest.raises(ValidationError) as error:
        _import(koping, raw, **kw)
    with scope(municipality=koping):
        assert Area.objects.count() == 0
    return " ".join(error.value.messages)


def test_invalid_json_is_refused(koping):
    assert "inte giltig JSON" in _bad(koping, b"{not json")


def test_non_geojson_is_refused(koping):
    assert "inte GeoJSON" in _bad(koping, b"[1, 2]")


def test_unknown_crs_is_refused(koping):
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
        "features": [],
    }
    assert "Okänt koordinatsystem: EPSG:3857" in _bad(koping, json.dumps(doc))


def _collection(*geometries):
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"name": f"Område {i}"}, "geometry": g}
                for i, g in enumerate(geometries)
            ],
        }
    )


def test_polygon_outside_sweden_is_refused_and_nothing_is_stored(koping):
    good = {
        "type": "Polygon",
        "coordinates": [[[15.9, 59.5], [16.0, 59.5], [16.0, 59.6], [15.9, 59.5]]],
    }
    paris = {
        "type": "Polygon",
        "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]],
    }
    message = _bad(koping, _collection(good, paris))
    assert "Objekt 2 (Område 1): området ligger utanför Sverige" in message


def test_swapped_lat_lon_is_caught_as_outside_sweden(koping):
    swapped = {
        "type": "Polygon",
        "coordinates": [[[59.5, 15.9], [59.5, 16.0], [59.6, 16.0], [59.5, 15.9]]],
    }
    assert "utanför Sverige" in _bad(koping, _collection(swapped))


def test_self_intersecting_polygon_is_refused(koping):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[15.9, 59.5], [16.0, 59.6], [16.0, 59.5], [15.9, 59.6], [15.9, 59.5]]],
    }
    assert "ogiltig geometri" in _bad(koping, _collection(bowtie))


def test_points_cannot_become_areas(koping):
    point = {"type": "Point", "coordinates": [15.99, 59.51]}
    assert "bara Polygon och MultiPolygon" in _bad(koping, _collection(point))


def test_district_outside_the_boundary_is_refused(koping):
    _import(koping, (DEMO / "koping-kommungrans.geojson").read_bytes(), kind="kommungrans")
    far = {
        "type": "Polygon",
        "coordinates": [[[18.0, 59.3], [18.1, 59.3], [18.1, 59.4], [18.0, 59.3]]],
    }
    with pytest.raises(ValidationError) as error:
        _import(koping, _collection(far))
    assert "helt utanför kommungränsen" in " ".join(error.value.messages)


def test_upload_in_the_app(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    with open(DEMO / "koping-regso.geojson", "rb") as fh:
        response = client.post(
            reverse("geo:area_import"),
            {"file": fh, "kind": "stadsdel", "name_property": "regso"},
            follow=True,
        )
    assert "9 områden importerades (9 nya, 0 uppdaterade)." in response.content.decode()
    assert AuditEvent.objects.filter(event="geo.area_imported", municipality=koping).count() == 1


def test_upload_error_is_shown_in_swedish(client, users, koping):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users[Role.SAMORDNARE])
    upload = SimpleUploadedFile("x.geojson", b"{broken", content_type="application/geo+json")
    response = client.post(reverse("geo:area_import"), {"file": upload, "kind": "stadsdel"})
    assert response.status_code == 200
    assert "Filen är inte giltig JSON" in response.content.decode()


def test_management_command_imports_sweref(koping, capsys, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "grans.geojson"
    path.write_bytes(_sweref_boundary())
    call_command("import_areas", str(path), kommunkod="1983", typ="kommungrans")
    assert "1 områden importerade till Köping" in capsys.readouterr().out


def test_deleting_an_area_is_audited_with_its_kind_and_code(users, koping):
    area = make_area(koping, "Norra")
    pk = area.pk
    with scope(municipality=koping):
        area_delete(viewer=viewer_for(users[Role.SAMORDNARE], koping), area=area)
        event = AuditEvent.objects.get(event="geo.area_deleted")
        assert not Area.objects.filter(pk=pk).exists()
    assert (event.object_id, event.data) == (str(pk), {"kind": "stadsdel", "code": ""})


def test_another_municipalitys_area_cannot_be_deleted(users, koping, arboga):
    theirs = make_area(arboga, "Arboga centrum")
    with scope(municipality=koping), pytest.raises(ValidationError):
        area_delete(viewer=viewer_for(users[Role.SAMORDNARE], koping), area=theirs)
    with scope(municipality=arboga):
        assert Area.objects.filter(pk=theirs.pk).exists()
