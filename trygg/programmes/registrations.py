"""What the programme register contributes to the menu, the start page and the annual
follow-up, registered in ProgrammesConfig.ready."""

from trygg.core.contributions import (
    FollowUpContribution,
    NavEntry,
    Section,
    follow_up_contributions,
    navigation,
)

from .selectors.follow_up import follow_up_rows


def register() -> None:
    navigation.register(
        NavEntry(
            "programmes.list",
            "Program",
            "programmes:list",
            "programmes.view",
            36,
            Section.STRATEGY,
            "Programmen bakom målen G4–G7 och grannsamverkan: logik, partner, indikatorer "
            "och utfall.",
        )
    )
    follow_up_contributions.register(FollowUpContribution("programmes", 40, follow_up_rows))
