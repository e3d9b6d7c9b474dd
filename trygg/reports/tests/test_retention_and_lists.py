from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import body_of, make_area, make_report
from trygg.core.models import AuditEvent, Role
from trygg.reports.models import Report
from trygg.reports.tasks import purge_expired_reports


def test_retention_deletes_only_reports_past_their_categorys_period(koping, arboga):
    now = timezone.now()
    old_litter = make_report(koping, "nedskrapning", when=now - timedelta(days=1100))  # 3 years
    young_litter = make_report(koping, "nedskrapning", when=now - timedelta(days=1000))
    old_graffiti = make_report(koping, "klotter", when=now - timedelta(days=1100))  # 5 years
    ancient = make_report(arboga, "klotter", when=now - timedelta(days=1900), lat=59.39, lon=15.84)
    assert purge_expired_reports.call() == 2
    with scopes_disabled():
        left = set(Report.objects.values_list("pk", flat=True))
    assert left == {young_litter.pk, old_graffiti.pk}
    assert old_litter.pk not in left and ancient.pk not in left
    assert AuditEvent.objects.filter(summary__startswith="Gallring: 1 rapporter").count() == 2


def _list_queries(client, n):
    for _ in range(n):
        make_report(client.koping)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_report_list_has_no_n_plus_one(client, users, koping):
    make_area(koping, "Centrum")
    client.force_login(users[Role.SAMORDNARE])
    client.koping = koping
    one = _list_queries(client, 1)
    three = _list_queries(client, 2)
    assert one == three


def test_csv_export_respects_redaction_and_is_audited(client, users, koping):
    make_report(
        koping,
        description="Ring 070-123 45 67",
        description_redacted="Ring [telefonnummer borttaget]",
    )
    client.force_login(users[Role.ANALYTIKER])
    body = body_of(client.get(reverse("reports:export", args=["csv"]))).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("nr;typ;kategori")
    assert "[telefonnummer borttaget]" in body and "070-123" not in body
    assert AuditEvent.objects.filter(event="reports.exported").count() == 1


def test_xlsx_export_opens(client, users, koping):
    from io import BytesIO

    from openpyxl import load_workbook

    make_report(koping, cost_sek=1500)
    client.force_login(users[Role.SAMORDNARE])
    response = client.get(reverse("reports:export", args=["xlsx"]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "nr" and len(rows) == 2
    assert rows[1][14] == 1500


def test_filters_narrow_the_list(client, users, koping):
    centrum = make_area(koping, "Centrum")
    inside = make_report(koping, "klotter")
    with scope(municipality=koping):
        inside.areas.add(centrum)
    make_report(koping, "belysning")
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("reports:list"), {"omrade": centrum.pk}).content.decode()
    assert "1 rapport" in page
    bad = client.get(reverse("reports:list"), {"fran": "2026-13-01"}).content.decode()
    assert "är inte ett datum" in bad


def test_map_gives_hexagons_zoomed_out_and_points_zoomed_in(client, users, koping):
    make_report(koping)
    make_report(koping, lat=59.5142, lon=15.9929)
    make_report(koping, lat=None, lon=None, place_name="Torget", precision="adress")
    client.force_login(users[Role.ANALYTIKER])
    url = reverse("reports:map_data")
    far = client.get(url, {"bbox": "15.8,59.4,16.2,59.6", "zoom": "11"}).json()
    assert far["mode"] == "hexagons"
    assert sum(f["properties"]["count"] for f in far["features"]) == 2
    assert far["without_point"] == 1
    near = client.get(url, {"bbox": "15.98,59.51,16.0,59.52", "zoom": "17"}).json()
    assert near["mode"] == "points" and len(near["features"]) == 2
    assert client.get(url, {"bbox": "x"}).status_code == 400


def test_saved_filter_round_trip(client, users, koping):
    client.force_login(users[Role.ANALYTIKER])
    client.post(reverse("reports:filter_save"), {"name": "Klotter i år", "q": "klotter"})
    page = client.get(reverse("reports:list")).content.decode()
    assert "Klotter i år" in page and "?q=klotter" in page


def test_map_opens_on_the_last_twelve_months_and_can_show_all_years(client, users, koping):
    from datetime import timedelta

    from django.utils import timezone

    make_report(koping)
    make_report(koping, when=timezone.now() - timedelta(days=800))
    client.force_login(users[Role.ANALYTIKER])
    since = timezone.localdate() - timedelta(days=364)
    page = client.get(reverse("reports:map")).content.decode()
    assert f'data-query="fran={since.isoformat()}"' in page
    assert "de senaste tolv månaderna" in page and "alla=1" in page
    url = reverse("reports:map_data")
    bbox = {"bbox": "15.8,59.4,16.2,59.6", "zoom": "11"}
    recent = client.get(url, {**bbox, "fran": since.isoformat()}).json()
    assert sum(f["properties"]["count"] for f in recent["features"]) == 1
    everything = client.get(reverse("reports:map"), {"alla": "1"}).content.decode()
    assert 'data-query=""' in everything and "från alla år" in everything
    assert sum(f["properties"]["count"] for f in client.get(url, bbox).json()["features"]) == 2
    chosen = client.get(reverse("reports:map"), {"fran": "2020-01-01"}).content.decode()
    assert 'data-query="fran=2020-01-01"' in chosen and "tolv månaderna" not in chosen


def test_map_keeps_the_other_filters_and_a_chosen_end_date(client, users, koping):
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("reports:map"), {"till": "2026-01-31"}).content.decode()
    assert 'data-query="till=2026-01-31"' in page and "tolv månaderna" not in page
    page = client.get(reverse("reports:map"), {"q": "glas", "alla": "1"}).content.decode()
    assert 'data-query="q=glas"' in page
    assert "Kartan visar rapporter från alla år." in page and 'href="?q=glas"' in page


def test_a_point_without_coordinates_is_refused_by_the_database(koping):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(koping, lat=None, lon=None, precision="punkt")
    assert make_report(koping, lat=None, lon=None).precision == "adress"


def test_reports_placed_only_in_a_district_show_as_its_count_never_as_points(client, users, koping):
    """Issue 15's precision decision: a report placed in an area counts in that area and is
    drawn as part of its count, at a point inside the district, never as a report's point."""
    nibble = make_area(koping, "Nibblesbacke", lon=15.97, lat=59.52, d=0.01)
    other = make_area(koping, "Karlberg", lon=16.02, lat=59.50, d=0.01)
    for area in (nibble, nibble, other):
        report = make_report(koping, lat=None, lon=None, place_name=area.name, precision="omrade")
        with scope(municipality=koping):
            report.areas.add(area)
    make_report(koping, lat=None, lon=None, place_name="Okänd plats", precision="adress")
    make_report(koping)  # a point
    client.force_login(users[Role.ANALYTIKER])
    url = reverse("reports:map_data")
    data = client.get(url, {"bbox": "15.8,59.4,16.2,59.6", "zoom": "11"}).json()
    counts = {
        f["properties"]["area"]: f["properties"]["area_count"]
        for f in data["features"]
        if "area_count" in f["properties"]
    }
    assert counts == {"Nibblesbacke": 2, "Karlberg": 1}
    assert data["in_areas"] == 3 and data["without_point"] == 4
    label = next(f for f in data["features"] if f["properties"].get("area") == "Nibblesbacke")
    lon, lat = label["geometry"]["coordinates"]
    assert 15.96 <= lon <= 15.98 and 59.51 <= lat <= 59.53  # inside the district
    assert sum(f["properties"].get("count", 0) for f in data["features"]) == 1
    # A district whose label point is outside the view is not sent.
    west = client.get(url, {"bbox": "15.95,59.50,15.99,59.54", "zoom": "11"}).json()
    assert [f["properties"]["area"] for f in west["features"] if "area" in f["properties"]] == [
        "Nibblesbacke"
    ]
