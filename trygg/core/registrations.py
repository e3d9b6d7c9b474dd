"""What core itself contributes to the menu and the start page."""

from .contributions import NavEntry, Section, navigation


def register() -> None:
    for entry in (
        NavEntry(
            "core.start", "Start", "core:start", "core.view_workspace", 0, on_start_page=False
        ),
        NavEntry(
            "core.municipality",
            "Kommunens uppgifter",
            "core:municipality_edit",
            "core.manage_municipality",
            70,
            Section.ADMINISTRATION,
            "Kommunens namn och folkmängd.",
            in_menu=False,
        ),
        NavEntry(
            "core.organisations",
            "Organisationer",
            "core:organisation_list",
            "core.manage_organisations",
            71,
            Section.ADMINISTRATION,
            "Förvaltningar, bolag, polis, räddningstjänst och andra aktörer i arbetet.",
        ),
        NavEntry(
            "core.memberships",
            "Roller",
            "core:membership_list",
            "core.manage_memberships",
            72,
            Section.ADMINISTRATION,
            "Vem som har vilken roll i vilken organisation.",
        ),
        NavEntry(
            "core.audit",
            "Granskningslogg",
            "core:audit_list",
            "core.view_audit",
            73,
            Section.ADMINISTRATION,
            "Inloggningar, rolländringar och andra säkerhetshändelser.",
        ),
    ):
        navigation.register(entry)
