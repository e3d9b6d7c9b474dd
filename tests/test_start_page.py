"""The start page per role (issue 15): each role sees exactly its panels, every figure links
to the list behind it, small counts are hidden from roles that may not read single reports,
empty states are in Swedish, and the page takes a bounded number of queries."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import make_meeting, make_organisation, make_report
from trygg.core.models import Role
from trygg.forums.models import ActionItem
from trygg.strategy.models import ActionPlan, Measure, StrategicPicture

A, S, N, R, P, L = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
)

# Role → the dashboard's panels, in page order: what issue 15 lists per role.
PANELS = [
    (A, []),
    (
        S,
        [
            "Nya rapporter att bedöma",
            "Rapporter för mina organisationer",
            "Åtgärdspunkter",
            "Åtgärdsplanens uppföljning",
            "Nästa lägesbildsmöte",
            "Dokument på remiss",
            "Trygghetsvandringar",
            "Nyckeltal",
            "Välfärdsbrott (G8)",
        ],
    ),
    (N, ["Lägesbilden", "Export"]),
    (R, ["Rapportera", "Mina senaste rapporter"]),
    (P, ["Polisens lägesbild inför mötet"]),
    (L, ["Nästa möte i BRÅ", "Beslutade dokument"]),
]


# Queries per start page with the panels' data (session, user, memberships and menu
# included): a fixed number per panel, never one per report, meeting or measure.
# The samordnare's welfare aggregates (issue 20) and overdue routines (issue 19) add six.
QUERY_BOUND = {A: 3, S: 24, N: 6, R: 4, P: 6, L: 8}


def _panels(page: str) -> list[str]:
    dashboard = page.split('<div class="dashboard">', 1)[1].split("</div>\n<h2>", 1)[0]
    return re.findall(r'<h2 id="panel-\d+">([^<]+)</h2>', dashboard)


def _panel(page: str, title: str) -> str:
    start = page.index(f">{title}</h2>")
    end = page.find("</section>", start)
    return page[start:end]


@pytest.fixture
def week_of_work(koping, koping_org, users):
    """Something for every panel: new reports, a meeting of each forum, an overdue action
    item, a plan with a late follow-up, documents on remiss and decided."""
    now = timezone.now()
    for _ in range(2):
        make_report(koping, when=now - timedelta(days=1), organisation=koping_org)
    make_report(koping, when=now - timedelta(days=20), status="bedomd", cost_sek=1200)
    meeting = make_meeting(koping, now + timedelta(days=3), place="Stadshuset")
    make_meeting(koping, now + timedelta(days=10), kind="bra")
    with scopes_disabled():
        ActionItem.objects.create(
            municipality=koping,
            meeting=meeting,
            title="Belys gångtunneln",
            owner_organisation=koping_org,
            due=timezone.localdate() - timedelta(days=2),
        )
        year = timezone.localdate().year
        StrategicPicture.objects.create(
            municipality=koping, start_year=year + 1, end_year=year + 2, status="remiss"
        )
        StrategicPicture.objects.create(
            municipality=koping,
            start_year=year - 1,
            end_year=year,
            status="beslutad",
            decided_by="Kommunfullmäktige",
            decided_on=date(year, 1, 20),
        )
        plan = ActionPlan.objects.create(
            municipality=koping,
            title="Åtgärdsplan",
            start_year=year,
            end_year=year + 1,
            status="beslutad",
        )
        Measure.objects.create(
            municipality=koping,
            plan=plan,
            title="Kameror vid resecentrum",
            owner=make_organisation(koping, "Tekniska förvaltningen"),
            start=timezone.localdate() - timedelta(days=200),
            end=timezone.localdate() + timedelta(days=200),
            status="pagar",
        )
    return koping


@pytest.mark.parametrize(("role", "titles"), PANELS)
def test_each_role_sees_exactly_its_panels(client, users, week_of_work, role, titles):
    client.force_login(users[role])
    page = client.get(reverse("core:start")).content.decode()
    assert (_panels(page) if titles else []) == titles
    if not titles:
        assert '<div class="dashboard">' not in page


@pytest.mark.parametrize(("role", "titles"), PANELS)
def test_each_start_page_takes_a_bounded_number_of_queries(
    client, users, week_of_work, role, titles, django_assert_max_num_queries
):
    client.force_login(users[role])
    client.get(reverse("core:start"))  # sessions and caches warm
    with django_assert_max_num_queries(QUERY_BOUND[role]):
        assert client.get(reverse("core:start")).status_code == 200


def test_the_samordnares_figures_link_to_the_lists_they_count(client, users, week_of_work):
    client.force_login(users[S])
    page = client.get(reverse("core:start")).content.decode()
    new = _panel(page, "Nya rapporter att bedöma")
    listing = reverse("reports:list")
    assert f'href="{listing}?status=ny"><span class="figure__value">2</span>' in new
    listed = client.get(f"{listing}?status=ny").content.decode()
    assert listed.count('href="/rapporter/') >= 2
    mine = _panel(page, "Rapporter för mina organisationer")
    assert '<span class="figure__value">2</span>' in mine
    assert "öppna rapporter för Säkerhetsavdelningen" in mine
    actions = _panel(page, "Åtgärdspunkter")
    assert "Belys gångtunneln" in actions and "försenad" in actions
    follow = _panel(page, "Åtgärdsplanens uppföljning")
    assert '<span class="figure__value">0 av 1</span>' in follow
    assert "Kameror vid resecentrum" in follow
    assert "Strategisk lägesbild" in _panel(page, "Dokument på remiss")
    figures = _panel(page, "Nyckeltal")
    assert '<span class="figure__value">2</span>' in figures
    assert "skadekostnad i år (G2)" in figures
    assert figures.count('role="img"') == 2
    assert figures.count('<div class="visually-hidden"><table class="chart-data">') == 2


def test_the_next_meeting_shows_its_periods_reports_linked_to_that_list(
    client, users, week_of_work
):
    client.force_login(users[S])
    panel = _panel(client.get(reverse("core:start")).content.decode(), "Nästa lägesbildsmöte")
    day = timezone.localdate() + timedelta(days=3)
    first, last = day - timedelta(days=14), day - timedelta(days=1)
    query = f"fran={first.isoformat()}&amp;till={last.isoformat()}"
    assert f'href="/rapporter/?{query}"><span class="figure__value">2</span>' in panel
    assert "Stadshuset" in panel


@pytest.mark.parametrize(("reports", "shown"), [(2, "färre än 5"), (5, "5"), (0, "0")])
def test_a_council_member_sees_small_counts_suppressed(client, users, koping, reports, shown):
    now = timezone.now()
    for _ in range(reports):
        make_report(koping, when=now - timedelta(days=1))
    make_meeting(koping, now + timedelta(days=5), kind="bra")
    client.force_login(users[L])
    panel = _panel(client.get(reverse("core:start")).content.decode(), "Nästa möte i BRÅ")
    assert f'<span class="figure__value">{shown}</span>' in panel
    assert ("Små antal visas inte" in panel) == (shown == "färre än 5")


# Role → (panel, its empty state in Swedish) on a start page with no data at all.
EMPTY = [
    (S, "Nya rapporter att bedöma", "Inga nya rapporter väntar på bedömning."),
    (S, "Åtgärdspunkter", "Inga öppna åtgärdspunkter."),
    (S, "Nästa lägesbildsmöte", "Inget lägesbildsmöte är planerat."),
    (S, "Dokument på remiss", "Inga dokument är på remiss."),
    (S, "Åtgärdsplanens uppföljning", "Inga pågående åtgärder i en beslutad åtgärdsplan."),
    (R, "Mina senaste rapporter", "Du har inte rapporterat något ännu."),
    (L, "Nästa möte i BRÅ", "Inget möte i BRÅ är planerat."),
    (L, "Beslutade dokument", "Inga beslutade dokument ännu."),
    (S, "Trygghetsvandringar", "Ingen trygghetsvandring är planerad."),
]


@pytest.mark.parametrize(("role", "title", "message"), EMPTY)
def test_an_empty_panel_says_so_in_swedish(client, users, koping, role, title, message):
    client.force_login(users[role])
    panel = _panel(client.get(reverse("core:start")).content.decode(), title)
    assert f'<p class="empty">{message}' in panel


def test_the_rapportor_gets_one_big_new_report_button_and_their_own_reports(client, users, koping):
    make_report(koping, reporter=users[R], status="atgardas")
    make_report(koping)  # someone else's: not listed
    client.force_login(users[R])
    page = client.get(reverse("core:start")).content.decode()
    assert (
        f'<a class="button button--large" href="{reverse("reports:create")}">Ny rapport</a>' in page
    )
    mine = _panel(page, "Mina senaste rapporter")
    assert mine.count("<li>") == 1
    assert "Åtgärdas" in mine


def test_the_police_are_asked_for_the_periods_input_until_it_is_given(client, users, koping):
    from trygg.lagesbild.models import PoliceInput
    from trygg.lagesbild.selectors import default_period

    client.force_login(users[P])
    panel = _panel(
        client.get(reverse("core:start")).content.decode(), "Polisens lägesbild inför mötet"
    )
    with scopes_disabled():
        start, end = default_period(municipality=koping)
    assert f"Polisens lägesbild för perioden {start.isoformat()}–{end.isoformat()} saknas" in panel
    assert "Lämna polisens lägesbild" in panel
    with scopes_disabled():
        given = PoliceInput.objects.create(municipality=koping, period_start=start, period_end=end)
    panel = _panel(
        client.get(reverse("core:start")).content.decode(), "Polisens lägesbild inför mötet"
    )
    assert reverse("lagesbild:police_edit", args=[given.pk]) in panel
    assert "Lämna polisens lägesbild" not in panel


def test_the_analytiker_gets_the_current_picture_and_the_exports(client, users, koping):
    make_report(koping, when=timezone.now() - timedelta(hours=2))
    client.force_login(users[N])
    page = client.get(reverse("core:start")).content.decode()
    picture = _panel(page, "Lägesbilden")
    assert '<span class="figure__value">1</span>' in picture
    assert reverse("lagesbild:picture_document", args=["pdf"]) in picture
    exports = _panel(page, "Export")
    assert reverse("reports:export", args=["csv"]) in exports
    assert reverse("reports:export", args=["xlsx"]) in exports


def test_another_municipalitys_reports_never_count(client, users, koping, arboga_data):
    make_report(arboga_data, when=timezone.now() - timedelta(days=1))
    client.force_login(users[S])
    page = client.get(reverse("core:start")).content.decode()
    assert "Inga nya rapporter väntar på bedömning." in _panel(page, "Nya rapporter att bedöma")


def test_the_coordinators_start_page_issues_as_many_queries_for_more_rows(
    client, users, week_of_work, koping_org
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users[S])
    url = reverse("core:start")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    now = timezone.now()
    with scopes_disabled():
        meeting = make_meeting(koping_org.municipality, now + timedelta(days=20))
        plan = ActionPlan.objects.get()
        for i in range(3):
            make_report(week_of_work, when=now - timedelta(days=i), organisation=koping_org)
            ActionItem.objects.create(
                municipality=week_of_work,
                meeting=meeting,
                title=f"Åtgärd {i}",
                owner_organisation=koping_org,
                due=timezone.localdate() - timedelta(days=i),
            )
            Measure.objects.create(
                municipality=week_of_work,
                plan=plan,
                title=f"Åtgärd {i}",
                owner=koping_org,
                start=timezone.localdate() - timedelta(days=300),
                end=timezone.localdate() + timedelta(days=300),
            )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert '<span class="figure__value">0 av 4</span>' in page
    assert len(many.captured_queries) == len(few.captured_queries)
