"""What the dialog app contributes to the menu and the start page, registered in
DialogConfig.ready."""

from trygg.core.contributions import NavEntry, Section, navigation


def register() -> None:
    navigation.register(
        NavEntry(
            "dialog.dialogues",
            "Medborgardialog",
            "dialog:list",
            "dialog.view",
            35,
            Section.STRATEGY,
            "Dialoger med invånarna: enkäter med kartfrågor, intervjuer och fokusgrupper, "
            "och vad de ledde till.",
        )
    )
