"""Lists, the API and exports read area ids and names, never area outlines: an outline is
GeoJSON of up to ~100 kB, and a list of 1,000 reports once read 140 MB of them per call.
Guarded three ways: no SELECT names the geometry column, the bytes the database returns stay
small beside a 1 MB outline, and the number of queries does not grow with the rows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from tests.helpers import make_organisation, make_report, viewer_for
from trygg.core.models import Organisation, Role
from trygg.geo.models import Area
from trygg.reports import services


def _big_outline(lon=15.99, lat=59.51, d=0.05, points=40_000):
    """A closed ring of many vertices around the test point: about 1 MB of GeoJSON."""
    import math

    ring = [
        [lon + d * math.cos(2 * math.pi * i / points), lat + d * math.sin(2 * math.pi * i / points)]
        for i in range(points)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@pytest.fixture
def area(koping):
    with scopes_disabled():
        return Area.objects.create(
            municipality=koping,
            name="Centrum",
            kind="stadsdel",
            geometry=_big_outline(),
            min_lon=15.94,
            min_lat=59.46,
            max_lon=16.04,
            max_lat=59.56,
        )


def _reports(koping, area, n):
    for _ in range(n):
        make_report(koping).areas.add(area)


@pytest.fixture
def police_key(users, koping):
    police = make_organisation(koping, "Polisen", kind=Organisation.Kind.POLIS)
    admin = viewer_for(users[Role.ADMINISTRATOR], koping)
    with scope(municipality=koping):
        return services.api_key_create(viewer=admin, organisation=police, name="Polisen")[1]


@pytest.fixture
def analyst(users):
    client = Client()
    client.force_login(users[Role.SAMORDNARE])
    return client


def _selects(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().startswith("SELECT")]


def _bytes_returned(selects) -> int:
    """What the database sends back for these SELECTs, as the length of every value."""
    total = 0
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute(sql)
            total += sum(len(str(v)) for row in cursor.fetchall() for v in row if v is not None)
    return total


def _api_list(koping, police_key, analyst, report_uuid):
    return Client(HTTP_X_API_KEY=police_key).get("/api/reports")


def _api_detail(koping, police_key, analyst, report_uuid):
    return Client(HTTP_X_API_KEY=police_key).get(f"/api/reports/{report_uuid}")


def _csv(koping, police_key, analyst, report_uuid):
    return analyst.get("/rapporter/export.csv")


def _xlsx(koping, police_key, analyst, report_uuid):
    return analyst.get("/rapporter/export.xlsx")


def _list_page(koping, police_key, analyst, report_uuid):
    return analyst.get("/rapporter/")


def _detail_page(koping, police_key, analyst, report_uuid):
    from trygg.reports.models import Report

    with scopes_disabled():
        pk = Report.objects.get(uuid=report_uuid).pk
    return analyst.get(f"/rapporter/{pk}/")


READS = [_api_list, _api_detail, _csv, _xlsx, _list_page, _detail_page]


@pytest.mark.parametrize("read", READS, ids=lambda f: f.__name__.strip("_"))
def test_read_never_selects_an_area_outline(koping, area, police_key, analyst, read):
    _reports(koping, area, 3)
    with scopes_disabled():
        report_uuid = area.reports.first().uuid
    with CaptureQueriesContext(connection) as ctx:
        response = read(koping, police_key, analyst, report_uuid)
    assert response.status_code == 200
    selects = _selects(ctx)
    assert [sql for sql in selects if "geometry" in sql] == []
    # Three reports and their area's name, beside an outline of a megabyte.
    assert _bytes_returned(selects) < 50_000


@pytest.mark.parametrize("read", READS, ids=lambda f: f.__name__.strip("_"))
def test_read_takes_as_many_queries_for_three_reports_as_for_one(
    koping, area, police_key, analyst, read
):
    counts = []
    for n in (1, 2):  # 1 report, then 3 in all
        _reports(koping, area, n)
        with scopes_disabled():
            report_uuid = area.reports.first().uuid
        # A warm-up request, so sessions and caches filled once are not counted.
        read(koping, police_key, analyst, report_uuid)
        with CaptureQueriesContext(connection) as ctx:
            assert read(koping, police_key, analyst, report_uuid).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_api_list_names_each_reports_areas(koping, area, police_key):
    _reports(koping, area, 2)
    items = Client(HTTP_X_API_KEY=police_key).get("/api/reports").json()["items"]
    assert [i["areas"] for i in items] == [["Centrum"], ["Centrum"]]
