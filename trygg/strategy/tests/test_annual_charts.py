"""The annual follow-up's charts (issue 15): the G1–G8 status strip and the G2 cost trend on
the page, with their values as a table, and in the PDF."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from tests.helpers import make_report
from trygg.core.models import Role

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_the_follow_up_shows_which_goals_have_figures_and_the_cost_per_year(client, users, koping):
    make_report(koping, when=datetime(2025, 6, 1, 12, tzinfo=STOCKHOLM), cost_sek=1500)
    make_report(koping, when=datetime(2026, 3, 1, 12, tzinfo=STOCKHOLM), cost_sek=4000)
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("strategy:annual_report"), {"ar": 2026}).content.decode()
    strip = "Målen G1–G8 2026: var uppgifter ur Trygg finns"
    assert f'<title id="malremsa-title">{strip}</title>' in page
    assert '<title id="kostnad-g2-title">Skadekostnad per år 2022–2026 (mål G2)</title>' in page
    table = page[page.index("<caption>Skadekostnad per år 2022–2026 (mål G2)</caption>") :]
    table = table[: table.index("</table>")]
    rows = [("2022", "0 kr"), ("2025", "1\xa0500 kr"), ("2026", "4\xa0000 kr")]
    for year, cost in rows:
        assert f'<th scope="row">{year}</th><td>{cost}</td>' in table
    # G2 has report figures this year; a goal no app speaks to says so.
    assert (
        "G2 Få störningar och egendomsskador i kommunens verksamheter</th><td>Uppgifter finns"
        in page
    )


def test_the_follow_up_pdf_carries_the_charts(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    response = client.get(reverse("strategy:annual_report"), {"ar": 2026, "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_strategic_picture_shows_reports_per_year_as_bars(client, users, koping):
    from django_scopes import scopes_disabled

    from trygg.strategy.models import StrategicPicture

    for _ in range(6):
        make_report(koping, when=datetime(2025, 6, 1, 12, tzinfo=STOCKHOLM))
    make_report(koping, when=datetime(2026, 2, 1, 12, tzinfo=STOCKHOLM))
    with scopes_disabled():
        picture = StrategicPicture.objects.create(
            municipality=koping, start_year=2025, end_year=2026
        )
    url = reverse("strategy:picture_detail", args=[picture.pk])
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(url).content.decode()
    assert "<caption>Rapporter per år 2022–2026</caption>" in page
    assert '<th scope="row">2025</th><td>6</td>' in page
    assert '<th scope="row">2026</th><td>1</td>' in page
    # A council member may not read single reports: the year with one report is left out.
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.get(url).content.decode()
    assert "(år med färre än 5 rapporter visas inte: 1)" in page
    assert '<th scope="row">2025</th><td>6</td>' in page
    assert '<th scope="row">2026</th>' not in page
