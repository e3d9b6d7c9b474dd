"""What the forums contribute to the menu and the start page, registered in
ForumsConfig.ready."""

from trygg.core.contributions import NavEntry, Section, StartPanel, navigation, start_panels
from trygg.core.models import Role

from . import start_panels as panels

PANEL = "core/_panel.html"


def register() -> None:
    navigation.register(
        NavEntry(
            "forums.list",
            # Meetings are held in forums: the menu names both (issue 15).
            "Forum och möten",
            "forums:list",
            "forums.view",
            21,
            Section.WORK,
            "Lägesbildsmöte, BRÅ, EST, KLG och Stora samverkansgruppen med arbetsgrupper: "
            "ledamöter, möten, numrerade beslut, minnesanteckningar och kalender.",
        )
    )
    for panel in (
        StartPanel(
            "forums.action_items",
            "Åtgärdspunkter",
            "forums.manage_meetings",
            PANEL,
            panels.action_items,
            order=12,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "forums.next_operational",
            "Nästa lägesbildsmöte",
            "forums.view_operational",
            PANEL,
            panels.next_operational_meeting,
            order=14,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "forums.next_council",
            "Nästa möte i BRÅ",
            "forums.view",
            PANEL,
            panels.next_council_meeting,
            order=30,
            roles=frozenset({Role.RADSLEDAMOT}),
        ),
    ):
        start_panels.register(panel)
