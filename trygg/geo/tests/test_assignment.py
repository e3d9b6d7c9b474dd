import h3
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_area
from trygg.core.models import Role
from trygg.geo.h3cells import RESOLUTIONS, cell_boundary, cells_for_point
from trygg.geo.selectors import area_index


def test_h3_cells_at_the_design_resolutions():
    cells = cells_for_point(59.5140, 15.9926)
    assert sorted(cells) == list(RESOLUTIONS)
    for res, cell in cells.items():
        assert h3.get_resolution(h3.int_to_str(cell)) == res
        assert h3.latlng_to_cell(59.5140, 15.9926, res) == h3.int_to_str(cell)
    assert len(cell_boundary(cells[9])) == 6


def test_index_finds_overlapping_areas_in_bulk(koping):
    a = make_area(koping, "A", lon=16.0, lat=59.5, d=0.02)
    b = make_area(koping, "B", lon=16.01, lat=59.5, d=0.02)
    with scope(municipality=koping):
        index = area_index(koping)
        assert index.area_ids_for_points([59.5, 59.5, 60.0], [15.985, 16.015, 16.0]) == [
            [a.pk],
            sorted([a.pk, b.pk]),
            [],
        ]


def test_index_is_rebuilt_when_areas_change(koping):
    make_area(koping, "A", lon=16.0, lat=59.5)
    with scope(municipality=koping):
        assert len(area_index(koping).area_ids_at(59.5, 16.0)) == 1
        make_area(koping, "B", lon=16.0, lat=59.5)
        assert len(area_index(koping).area_ids_at(59.5, 16.0)) == 2


def test_point_lookup_page(client, users, koping):
    make_area(koping, "Centrum", lon=15.99, lat=59.51)
    client.force_login(users[Role.RAPPORTOR])
    page = client.get(
        reverse("geo:area_list"), {"lat": "59.514", "lon": "15.9926"}
    ).content.decode()
    assert "Stadsdel: <a" in page and "Centrum</a>" in page


def test_point_lookup_refuses_points_outside_sweden(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    page = client.get(reverse("geo:area_list"), {"lat": "48.85", "lon": "2.35"}).content.decode()
    assert "Punkten ligger söder om Sverige." in page
