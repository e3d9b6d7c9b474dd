from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_area, make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.lagesbild.selectors import PeriodError, picture_for_period

TZ = ZoneInfo("Europe/Stockholm")
START, END = date(2026, 11, 1), date(2026, 11, 14)


def _at(d: date, hour=22):
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=TZ)


def _picture(users, koping, **kw):
    with scope(municipality=koping):
        return picture_for_period(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            start=kw.pop("start", START),
            end=kw.pop("end", END),
            **kw,
        )


def test_counts_changes_and_costs(users, koping):
    vakt = make_organisation(koping, "Väktarbolaget")
    for i in range(30):
        make_report(
            koping,
            "klotter",
            when=_at(START + timedelta(days=i % 14)),
            cost_sek=1000,
            organisation=vakt,
        )
    for i in range(5):
        make_report(koping, "klotter", when=_at(START - timedelta(days=1 + i)))
    make_report(koping, "belysning", when=_at(START))
    pic = _picture(users, koping)
    assert pic.total == 31
    skadegorelse = next(r for r in pic.categories if r.name == "Skadegörelse")
    assert (skadegorelse.current, skadegorelse.previous) == (30, 5)
    assert skadegorelse.vs_previous.significant and skadegorelse.vs_previous.direction == "ökning"
    otrygg = next(r for r in pic.categories if r.name == "Otrygg miljö")
    assert not otrygg.vs_previous.significant
    assert pic.costs[0].organisation == "Väktarbolaget" and pic.costs[0].cost == 30000
    assert "fran=2026-11-01" in skadegorelse.link and "till=2026-11-14" in skadegorelse.link


def test_weekday_hour_and_weekly_trend(users, koping):
    saturday = date(2026, 11, 7)
    make_report(koping, when=_at(saturday, 23))
    make_report(koping, when=_at(saturday, 23))
    pic = _picture(users, koping)
    assert pic.weekday_hour[5][23] == 2
    assert sum(n for _, n in pic.weekly) == 2
    assert len(pic.weekly) == 52


def test_planted_cluster_is_a_hot_spot(users, koping):
    make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.06)
    for _ in range(25):
        make_report(koping, when=_at(START + timedelta(days=3)), lat=59.514, lon=15.9926)
    for i in range(15):
        make_report(
            koping,
            when=_at(START + timedelta(days=5)),
            lat=59.47 + (i % 5) * 0.02,
            lon=15.94 + (i // 5) * 0.05,
        )
    pic = _picture(users, koping)
    assert pic.n_hot >= 1
    cluster = next(h for h in pic.hexes if h.count == 25)
    assert cluster.bin == 3


@pytest.mark.parametrize(("start", "end"), [(END, END), (date(2021, 11, 20), END)])
def test_one_day_and_five_years_work(users, koping, start, end):
    make_report(koping, when=_at(END))
    pic = _picture(users, koping, start=start, end=end)
    assert pic.total == 1


def test_empty_municipality_gives_honest_nothing(users, koping):
    pic = _picture(users, koping)
    assert pic.total == 0 and pic.categories == [] and pic.hexes == []
    assert pic.total_vs_previous.text == (
        "Inga händelser i någon av perioderna: det finns ingen förändring att pröva."
    )


def test_too_long_period_is_refused(users, koping):
    with pytest.raises(PeriodError, match="längsta"):
        _picture(users, koping, start=date(2010, 1, 1), end=END)


def test_picture_page_links_every_figure(client, users, koping):
    make_report(koping, when=_at(START))
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("lagesbild:picture"), {"fran": "2026-11-01", "till": "2026-11-14"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "/rapporter/?fran=2026-11-01&amp;till=2026-11-14&amp;kategori=" in body
    assert "<svg" in body


def test_bad_period_shows_swedish_error(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    body = client.get(
        reverse("lagesbild:picture"), {"fran": "2026-11-14", "till": "2026-11-01"}
    ).content.decode()
    assert "Slutdatum ligger före startdatum." in body


def test_rapportor_cannot_see_picture(client, users, koping):
    client.force_login(users[Role.RAPPORTOR])
    assert client.get(reverse("lagesbild:picture")).status_code == 403


def test_police_input_shows_in_picture(client, users, koping):
    from trygg.lagesbild.services import police_input_save

    with scope(municipality=koping):
        police_input_save(
            viewer=viewer_for(users[Role.POLIS], koping),
            period_start=START,
            period_end=END,
            summary="Ökad oro kring resecentrum helgkvällar.",
            sensitivity="intern",
            items=[
                {"theme": "ungdomar", "text": "Grupp samlas", "area": None, "reference": "LPO-12"}
            ],
        )
    client.force_login(users[Role.SAMORDNARE])
    body = client.get(
        reverse("lagesbild:picture"), {"fran": "2026-11-01", "till": "2026-11-14"}
    ).content.decode()
    assert "Ökad oro kring resecentrum" in body and "LPO-12" in body


def test_hot_spot_cells_are_named_and_link_to_their_reports(client, users, koping):
    make_area(koping, "Köping", kind="kommungrans", lon=15.99, lat=59.51, d=0.06)
    make_area(koping, "Centrala", lon=15.99, lat=59.51, d=0.02)
    for _ in range(25):
        make_report(koping, when=_at(START + timedelta(days=3)), lat=59.514, lon=15.9926)
    pic = _picture(users, koping)
    cluster = next(h for h in pic.hexes if h.count == 25)
    assert cluster.place == "Centrala"
    client.force_login(users[Role.SAMORDNARE])
    listing = client.get(cluster.link.replace("&amp;", "&")).content.decode()
    assert "25 rapporter" in listing


def test_picture_issues_the_same_queries_for_one_report_as_for_many(users, koping, monkeypatch):
    """Every figure is a GROUP BY in the database: more reports, districts or hot cells
    never mean more queries (the area index is built once and cached)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trygg.geo import selectors as geo_selectors

    # However slow the machine, the cached index is not re-checked between the two captures.
    monkeypatch.setattr(geo_selectors, "VERSION_TTL", 1e9)

    make_area(koping, "Köping centrala", kind="kommungrans", d=0.05)
    make_area(koping, "Centrum", d=0.01)
    make_report(koping, when=_at(START))
    _picture(users, koping)  # builds the area index
    with CaptureQueriesContext(connection) as one:
        _picture(users, koping)
    for i in range(40):
        make_report(koping, when=_at(START + timedelta(days=i % 14), hour=i % 24))
    with CaptureQueriesContext(connection) as many:
        pic = _picture(users, koping)
    assert pic.total == 41 and pic.points_used == 41
    assert len(many) == len(one)
    assert not any('"geometry"' in q["sql"] for q in many.captured_queries)


def test_a_period_across_the_autumn_dst_change_counts_local_hours_and_weeks(users, koping):
    # Summer time ends on Sunday 25 October 2026 at 03:00 (01:00 UTC).
    make_report(koping, when=datetime(2026, 10, 24, 23, 30, tzinfo=TZ))  # Saturday 23
    make_report(koping, when=datetime(2026, 10, 25, 3, 30, tzinfo=TZ))  # Sunday 03, winter
    make_report(koping, when=datetime(2026, 10, 25, 23, 59, 59, 999999, tzinfo=TZ))  # Sunday 23
    make_report(koping, when=datetime(2026, 10, 26, 0, 0, tzinfo=TZ))  # Monday 00
    pic = _picture(users, koping, start=date(2026, 10, 19), end=date(2026, 11, 1))
    assert pic.total == 4
    assert pic.weekday_hour[5][23] == 1
    assert pic.weekday_hour[6][3] == 1 and pic.weekday_hour[6][23] == 1
    assert pic.weekday_hour[0][0] == 1
    weeks = dict(pic.weekly)
    assert weeks[date(2026, 10, 19)] == 3 and weeks[date(2026, 10, 26)] == 1
