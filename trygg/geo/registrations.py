"""What geography contributes to the menu and the start page."""

from trygg.core.contributions import NavEntry, Section, navigation


def register() -> None:
    navigation.register(
        NavEntry(
            "geo.areas",
            "Områden",
            "geo:area_list",
            "geo.view_areas",
            40,
            Section.WORK,
            "Kommungräns, stadsdelar och DeSO-områden som rapporter och analyser utgår från.",
        )
    )
