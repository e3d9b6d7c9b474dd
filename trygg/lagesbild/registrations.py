"""What the operational lägesbild contributes to the menu, the start page and strategy's
documents, registered in LagesbildConfig.ready."""

from trygg.core.contributions import (
    DraftContribution,
    FollowUpContribution,
    NavEntry,
    Section,
    StartPanel,
    draft_contributions,
    follow_up_contributions,
    navigation,
    start_panels,
)
from trygg.core.models import Role

from . import start_panels as panels
from . import strategic

PANEL = "core/_panel.html"


def register() -> None:
    for entry in (
        NavEntry(
            "lagesbild.picture",
            "Lägesbild",
            "lagesbild:picture",
            "lagesbild.view",
            20,
            Section.WORK,
            "Den operativa lägesbilden för de senaste 14 dagarna: trender, brännpunkter och "
            "tider, som PDF eller Word till mötet.",
        ),
        NavEntry(
            "lagesbild.police",
            "Polisens lägesbild",
            "lagesbild:police_list",
            "lagesbild.view_police",
            22,
            Section.WORK,
            "Polisens lokala lägesbild inför varje möte.",
        ),
    ):
        navigation.register(entry)
    for panel in (
        StartPanel(
            "lagesbild.police_input",
            "Polisens lägesbild inför mötet",
            "lagesbild.police_input",
            PANEL,
            panels.police_input_due,
            order=5,
            roles=frozenset({Role.POLIS}),
        ),
        StartPanel(
            "lagesbild.current",
            "Lägesbilden",
            "lagesbild.view",
            PANEL,
            panels.current_picture,
            order=20,
            roles=frozenset({Role.ANALYTIKER}),
        ),
    ):
        start_panels.register(panel)
    draft_contributions.register(DraftContribution("lagesbild", 20, strategic.draft_passages))
    follow_up_contributions.register(
        FollowUpContribution("lagesbild", 20, strategic.follow_up_rows)
    )
