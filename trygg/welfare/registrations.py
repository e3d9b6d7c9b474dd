"""What the welfare register contributes to lower apps' pages, registered in
WelfareConfig.ready: the menu (for the handläggare only), the start panels, the annual
follow-up's G8 row and the lägesbild's "annan information" — the last three aggregates only."""

from django.utils import timezone

from trygg.core.contributions import (
    FollowUpContribution,
    FollowUpRow,
    NavEntry,
    PictureInformation,
    Section,
    StartPanel,
    follow_up_contributions,
    navigation,
    picture_information,
    start_panels,
)
from trygg.core.models import Role

from . import start_panels as panels
from .selectors.aggregates import aggregates_sentence, follow_up_aggregates, welfare_aggregates


def _follow_up_rows(*, viewer, year):
    if not viewer.may("strategy.view"):
        return []
    figures = follow_up_aggregates(viewer=viewer, year=year, today=timezone.localdate())
    return [FollowUpRow("G8", aggregates_sentence(figures))]


def _picture_text(*, viewer, start, end):
    figures = welfare_aggregates(viewer=viewer, start=start, end=end, today=timezone.localdate())
    return "Välfärdsbrott (mål G8): " + aggregates_sentence(figures)


def register() -> None:
    navigation.register(
        NavEntry(
            "welfare.index",
            "Välfärdsbrott",
            "welfare:index",
            "welfare.view",
            40,
            Section.WORK,
            "Brottsförebyggande analyser av regelverken, kontrollplanen och pseudonyma ärenden.",
        )
    )
    start_panels.register(
        StartPanel(
            "welfare.overdue",
            "Försenade kontroller",
            "welfare.manage",
            "core/_panel.html",
            panels.overdue_panel,
            order=10,
            roles=frozenset({Role.VALFARD}),
        )
    )
    start_panels.register(
        StartPanel(
            "welfare.aggregates",
            "Välfärdsbrott (G8)",
            "welfare.view_aggregates",
            "core/_panel.html",
            panels.aggregates_panel,
            order=60,
            roles=frozenset({Role.SAMORDNARE}),
        )
    )
    follow_up_contributions.register(FollowUpContribution("welfare.g8", 80, _follow_up_rows))
    picture_information.register(
        PictureInformation(
            "welfare.aggregates", "Välfärdsbrott", "welfare.view_aggregates", 10, _picture_text
        )
    )
