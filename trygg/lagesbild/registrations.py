"""What the operational lägesbild contributes to the menu, the start page and strategy's
documents, registered in LagesbildConfig.ready."""

from trygg.core.contributions import (
    DraftContribution,
    FollowUpContribution,
    NavEntry,
    Section,
    draft_contributions,
    follow_up_contributions,
    navigation,
)

from . import strategic


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
            in_menu=False,
        ),
    ):
        navigation.register(entry)
    draft_contributions.register(DraftContribution("lagesbild", 20, strategic.draft_passages))
    follow_up_contributions.register(
        FollowUpContribution("lagesbild", 20, strategic.follow_up_rows)
    )
