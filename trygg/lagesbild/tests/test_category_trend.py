"""The lägesbild's trend per category (issue 15, charts): reports per week for the twelve
weeks up to the period's end, sub-categories in their parent, drawn as a sparkline in the
category table with the values in its description."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_report, viewer_for
from trygg.core.models import Role
from trygg.lagesbild.selectors import TREND_WEEKS, picture_for_period

TZ = ZoneInfo("Europe/Stockholm")
START, END = date(2026, 11, 2), date(2026, 11, 15)  # Monday 2 November to Sunday 15


def _at(d: date):
    return datetime(d.year, d.month, d.day, 12, tzinfo=TZ)


def test_each_category_has_its_reports_per_week_for_twelve_weeks(users, koping):
    make_report(koping, "klotter", when=_at(END))
    make_report(koping, "klotter", when=_at(END - timedelta(days=6)))  # the same week
    make_report(koping, "klotter", when=_at(END - timedelta(weeks=11)))  # the first week
    make_report(koping, "klotter", when=_at(END - timedelta(weeks=12)))  # before the trend
    make_report(koping, "belysning", when=_at(START))
    with scope(municipality=koping):
        pic = picture_for_period(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), start=START, end=END
        )
    rows = {r.name: r.trend for r in pic.categories}
    first_monday = date(2026, 11, 9) - timedelta(weeks=TREND_WEEKS - 1)
    assert [week for week, _ in rows["Skadegörelse"]] == [
        first_monday + timedelta(weeks=i) for i in range(TREND_WEEKS)
    ]
    assert [n for _, n in rows["Skadegörelse"]] == [1] + [0] * 10 + [2]
    assert [n for _, n in rows["Otrygg miljö"]] == [0] * 10 + [1, 0]


def test_the_category_table_draws_each_trend_with_its_values_in_words(client, users, koping):
    make_report(koping, "klotter", when=_at(END))
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(
        reverse("lagesbild:picture"), {"fran": START.isoformat(), "till": END.isoformat()}
    ).content.decode()
    assert '<th scope="col">Trend, 12 veckor</th>' in page
    assert (
        '<title id="trend-0-title">Skadegörelse: rapporter per vecka, de senaste 12 veckorna'
        in page
    )
    assert "12 värden från v. 35 till v. 46: lägst 0, högst 1, senast 1." in page
