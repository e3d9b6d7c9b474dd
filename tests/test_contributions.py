"""What apps contribute to lower apps' pages: the menu and the start page (core), the
strategic draft and the annual follow-up (strategy), all from one registry in core that
each app fills at start-up."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_report
from trygg.core.contributions import (
    GOALS,
    ChecklistAnswer,
    ChecklistItem,
    DraftContribution,
    DraftPassage,
    FollowUpContribution,
    FollowUpRow,
    NavEntry,
    Section,
    StartPanel,
    checklist_for,
    checklist_items,
    draft_contributions,
    follow_up_contributions,
    navigation,
    navigation_for,
    start_panels,
)
from trygg.core.models import Role
from trygg.strategy.models import Goal

A, S, N, R, P, L, V = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
    Role.VALFARD,
)
STRATEGY = [
    "Strategisk lägesbild", "Åtgärdsplaner", "Medborgarlöften", "Brottsstatistik", "Uppföljning",
    "Medborgardialog", "Program",
]  # fmt: skip
OPERATIONAL = ["Lägesbild", "Forum och möten", "Polisens lägesbild", "Trygghetsvandringar"]

MENUS = [
    (A, ["Start", "Rapporter", "Forum och möten", "Trygghetsvandringar", *STRATEGY, "Områden",
         "Organisationer", "Roller", "Granskningslogg"]),
    (S, ["Start", "Rapporter", *OPERATIONAL, *STRATEGY, "Områden"]),
    (N, ["Start", "Rapporter", *OPERATIONAL, *STRATEGY, "Områden"]),
    (R, ["Start", "Rapporter", "Trygghetsvandringar", "Program", "Områden"]),
    (P, ["Start", "Rapporter", *OPERATIONAL, *STRATEGY, "Områden"]),
    (L, ["Start", "Forum och möten", "Trygghetsvandringar", *STRATEGY, "Områden"]),
    (V, ["Start", "Välfärdsbrott"]),
]  # fmt: skip


def _menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


def _current(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', nav)


@pytest.mark.parametrize(("role", "expected"), MENUS)
def test_each_role_sees_exactly_the_menu_entries_its_permissions_allow(
    client, users, role, expected
):
    client.force_login(users[role])
    assert _menu(client.get(reverse("core:start")).content.decode()) == expected


def test_every_role_is_in_the_menu_table():
    assert sorted(role for role, _ in MENUS) == sorted(Role.values)


@pytest.mark.parametrize("role", [A, S, N, R, P, L, V])
def test_every_page_the_start_page_offers_a_role_opens_for_it(client, users, role):
    client.force_login(users[role])
    page = client.get(reverse("core:start")).content.decode()
    offered = [entry for entry in navigation_for([role]) if entry.on_start_page]
    assert offered
    for entry in offered:
        url = reverse(entry.url_name)
        assert f'<a href="{url}">{entry.label}</a>' in page
        assert client.get(url).status_code == 200, entry.name


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("core:start", ["Start"]),
        ("lagesbild:picture", ["Lägesbild"]),
        ("forums:list", ["Forum och möten"]),
        ("strategy:plans", ["Åtgärdsplaner"]),
        ("core:otp_overview", []),
    ],
)
def test_the_menu_marks_the_entry_whose_address_starts_the_page_longest(
    client, users, path, current
):
    client.force_login(users[S])
    assert _current(client.get(reverse(path)).content.decode()) == current


def test_an_entry_with_an_unknown_action_is_refused_at_start_up():
    with pytest.raises(ValueError, match="forums.vew"):
        NavEntry("forums.list", "Forum", "public:home", "forums.vew", 1)


def test_another_entry_under_a_taken_name_is_refused():
    with pytest.raises(ValueError, match="reports.list"):
        navigation.register(NavEntry("reports.list", "Annat", "reports:list", "reports.view", 99))


def test_the_guideline_goals_in_core_are_strategys_goals():
    assert list(GOALS) == list(Goal.values)


# --- A made-up higher app ("dialog", above strategy) contributes to lower pages --------

FORUM_TEXT = "BRÅ tog upp 3 problembilder under perioden."
FORUM_ROW = "7 nattvandringar med 21 deltagare."


def _forum_panel(viewer):
    if not viewer.may("strategy.view"):
        return None
    return {
        "caption": "Forumens möten",
        "label_heading": "Forum",
        "figure_heading": "Möten i år",
        "rows": [("BRÅ", 4, ""), ("EST-gruppen", 11, "")],
    }


@pytest.fixture
def forums_app():
    """What a dialog app's AppConfig.ready would register; core and strategy never import
    this module, so they show it only through the registry."""
    with (
        navigation.registered(
            NavEntry(
                "dialog.list",
                "Dialog",
                "public:accessibility",
                "strategy.view",
                25,
                Section.WORK,
                "BRÅ, EST-gruppen och arbetsgrupperna.",
            )
        ),
        start_panels.registered(
            StartPanel(
                "dialog.meetings",
                "Forumens möten",
                "core.view_workspace",
                "core/_panel_table.html",
                _forum_panel,
            )
        ),
        draft_contributions.registered(
            DraftContribution(
                "dialog",
                30,
                lambda *, viewer, start_year, end_year: [DraftPassage("orsaker", FORUM_TEXT)],
            )
        ),
        follow_up_contributions.registered(
            FollowUpContribution(
                "dialog", 30, lambda *, viewer, year: [FollowUpRow("G5", FORUM_ROW)]
            )
        ),
    ):
        yield


def test_a_higher_apps_entry_and_panel_show_on_cores_start_page(client, users, forums_app):
    client.force_login(users[S])
    page = client.get(reverse("core:start")).content.decode()
    assert _menu(page) == ["Start", "Rapporter", *OPERATIONAL, "Dialog", *STRATEGY, "Områden"]
    assert f'<a href="{reverse("public:accessibility")}">Dialog</a>' in page
    assert "BRÅ, EST-gruppen och arbetsgrupperna." in page
    # After the samordnare's own panels (order 100 is past theirs).
    assert '<h2 id="panel-10">Forumens möten</h2>' in page
    assert re.search(r'<th scope="row">EST-gruppen</th>\s*<td class="num"[^>]*>11</td>', page)


def test_a_higher_apps_panel_is_left_out_when_its_callable_says_nothing(client, users, forums_app):
    client.force_login(users[R])
    page = client.get(reverse("core:start")).content.decode()
    assert "Forumens möten" not in page
    assert "Dialog" not in _menu(page)


def test_the_higher_apps_entry_is_gone_once_unregistered(client, users, forums_app):
    navigation.unregister("dialog.list")
    client.force_login(users[S])
    assert "Dialog" not in _menu(client.get(reverse("core:start")).content.decode())


def test_a_higher_apps_passage_shows_in_strategys_draft(client, users, koping, forums_app):
    client.force_login(users[S])
    created = client.post(reverse("strategy:pictures"), {"start_year": 2025, "end_year": 2026})
    assert created.status_code == 302
    page = client.get(created["Location"]).content.decode()
    assert FORUM_TEXT in page
    # After the lägesbild's police themes (20), before strategy's closing guidance (90).
    with scope(municipality=koping):
        from trygg.strategy.models import StrategicPicture

        causes = StrategicPicture.objects.get().versions.get().sections["orsaker"]
    assert causes.index(FORUM_TEXT) < causes.index("Rapporterna visar var och när")


def test_a_higher_apps_row_shows_in_strategys_follow_up(client, users, koping, forums_app):
    make_report(koping, when=datetime(2026, 5, 1, 12, tzinfo=ZoneInfo("Europe/Stockholm")))
    client.force_login(users[S])
    page = client.get(reverse("strategy:annual_report"), {"ar": 2026}).content.decode()
    # The goal's section, from its heading (the G1–G8 strip above names the goals too).
    g5 = page[page.index(f"<h2>{Goal.G5.label}</h2>") : page.index(f"<h2>{Goal.G6.label}</h2>")]
    assert FORUM_ROW in g5


def test_checklist_items_are_answered_in_order_for_the_viewer(users, koping):
    from tests.helpers import viewer_for

    asked = []

    def plan_decided(*, viewer):
        asked.append(viewer.municipality.name)
        return ChecklistAnswer(True, "Åtgärdsplanen beslutades 2026-03-01.", "/strategi/")

    late = ChecklistItem("tests.later", "Följ upp", "5 § lag (2023:196)", 20, plan_decided)
    first = ChecklistItem("tests.first", "Besluta en plan", "4 § lag (2023:196)", 10, plan_decided)
    with checklist_items.registered(late), checklist_items.registered(first):
        answered = checklist_for(viewer_for(users[S], koping))
    assert [(i.name, answer.met) for i, answer in answered if i.name.startswith("tests.")] == [
        ("tests.first", True),
        ("tests.later", True),
    ]
    assert asked[-2:] == ["Köping", "Köping"]
