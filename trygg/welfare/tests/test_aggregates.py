"""The aggregates and where they flow: the start page, the lägesbild's "annan information"
and the annual follow-up (G8); counts under five suppressed for the samordnare."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.helpers import viewer_for
from trygg.core.models import Role

from ..selectors.aggregates import aggregates_sentence, welfare_aggregates, year_aggregates
from .helpers import make_analysis, make_case, make_control, make_run


@pytest.fixture
def viewer(users, koping):
    return viewer_for(users[Role.VALFARD], koping)


def _cases(viewer, n):
    for i in range(n):
        make_case(
            viewer,
            detected_on=date(2026, 3, 1 + i),
            police_report_on=date(2026, 3, 11 + 2 * i),
            amount_reclaimed=10_000,
        )


def test_the_figures_of_a_year(viewer, users, koping):
    _cases(viewer, 5)
    make_case(viewer, detected_on=date(2025, 12, 31))
    make_analysis(viewer, regelverk="assistans")
    make_analysis(viewer, regelverk="iop")
    make_analysis(viewer, regelverk="serveringstillstand")  # not a high-risk regelverk
    control = make_control(viewer, starts_on=date(2026, 1, 1))
    make_run(viewer, control, date(2026, 2, 1))
    make_run(viewer, control, date(2026, 3, 1), result="avvikelse", deviations="Saknat intyg")
    for who in (Role.VALFARD, Role.SAMORDNARE):
        with scope(municipality=koping):
            figures = year_aggregates(
                viewer=viewer_for(users[who], koping), year=2026, today=date(2026, 6, 1)
            )
        assert (figures.cases, figures.police_reports, figures.sek_reclaimed) == (5, 5, 50_000)
        # Days to police report: 10, 11, 12, 13, 14.
        assert figures.median_days_to_police == 12
        assert (figures.high_risk_analysed, figures.high_risk_total) == (2, 6)
        assert (figures.control_runs, figures.control_deviations) == (2, 1)
        assert figures.controls_overdue == 1  # due 1 April after the March run


def test_fewer_than_five_cases_are_suppressed_for_the_samordnare(viewer, users, koping):
    _cases(viewer, 4)
    start, end, today = date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 1)
    with scope(municipality=koping):
        own = welfare_aggregates(viewer=viewer, start=start, end=end, today=today)
        samordnare = viewer_for(users[Role.SAMORDNARE], koping)
        shown = welfare_aggregates(viewer=samordnare, start=start, end=end, today=today)
    assert own.cases == 4 and not own.suppressed
    assert shown.suppressed
    assert (shown.cases, shown.sek_reclaimed, shown.median_days_to_police) == (None, None, None)
    assert "Färre än 5 misstänkta välfärdsbrott" in aggregates_sentence(shown)


def test_the_start_page_shows_overdue_controls_to_the_handlaggare(client, viewer, users):
    make_control(viewer, starts_on=date(2025, 1, 1), name="Bolagsändringar hos utförare")
    client.force_login(users[Role.VALFARD])
    page = client.get(reverse("core:start")).content.decode()
    assert "Försenade kontroller" in page and "Bolagsändringar hos utförare" in page


def test_the_start_page_shows_the_aggregates_to_the_samordnare_only(client, viewer, users):
    year = timezone.localdate().year
    for i in range(5):
        make_case(viewer, detected_on=date(year, 1, 1 + i), amount_reclaimed=1000)
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("core:start")).content.decode()
    assert "Välfärdsbrott (G8)" in page and "5\u00a0000\u00a0kr" in page
    client.force_login(users[Role.ANALYTIKER])
    assert "Välfärdsbrott (G8)" not in client.get(reverse("core:start")).content.decode()


def test_the_annual_follow_up_shows_g8_from_the_aggregates(client, viewer, users):
    _cases(viewer, 6)
    make_analysis(viewer, regelverk="assistans")
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.get(reverse("strategy:annual_report") + "?ar=2026").content.decode()
    assert "1 av 6 högriskregelverk har en brottsförebyggande analys (17 %)" in page
    assert "6 misstänkta välfärdsbrott upptäcktes, 6 polisanmäldes och 60\u00a0000\u00a0kr" in page


def test_the_lagesbild_shows_the_aggregates_under_other_information(client, viewer, users):
    _cases(viewer, 2)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("lagesbild:picture") + "?fran=2026-03-01&till=2026-03-31"
    page = client.get(url).content.decode()
    assert "Annan information" in page
    assert "Välfärdsbrott (mål G8): 0 av 6 högriskregelverk" in page
    assert "Färre än 5 misstänkta välfärdsbrott upptäcktes" in page
