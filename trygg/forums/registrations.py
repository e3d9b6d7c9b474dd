"""What the forums contribute to the menu and the start page, registered in
ForumsConfig.ready."""

from trygg.core.contributions import NavEntry, Section, navigation


def register() -> None:
    navigation.register(
        NavEntry(
            "forums.list",
            "Forum",
            "forums:list",
            "forums.view",
            21,
            Section.WORK,
            "Lägesbildsmöte, BRÅ, EST, KLG och Stora samverkansgruppen med arbetsgrupper: "
            "ledamöter, möten, numrerade beslut, minnesanteckningar och kalender.",
        )
    )
