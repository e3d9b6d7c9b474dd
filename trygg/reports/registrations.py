"""What the reports contribute to lower apps' pages (the menu, the start page) and to
strategy's documents, registered in ReportsConfig.ready."""

from trygg.core.contributions import (
    DraftContribution,
    FollowUpContribution,
    NavEntry,
    Section,
    StartPanel,
    draft_contributions,
    follow_up_contributions,
    navigation,
)
from trygg.core.contributions import (
    start_panels as start_panels_registry,
)
from trygg.core.models import Role

from . import start_panels, strategic

PANEL = "core/_panel.html"


def register() -> None:
    for entry in (
        NavEntry(
            "reports.list",
            "Rapporter",
            "reports:list",
            "reports.view",
            10,
            Section.WORK,
            "Rapporter från verksamheter, polis, räddningstjänst och medborgare: "
            "lista, karta och export.",
        ),
        NavEntry(
            "reports.import",
            "Importera rapporter",
            "reports:import",
            "reports.import",
            12,
            Section.WORK,
            "Läs in rapporter från ett kalkylark eller en CSV-fil.",
            in_menu=False,
        ),
        NavEntry(
            "reports.categories",
            "Kategorier",
            "reports:categories",
            "reports.manage_categories",
            60,
            Section.ADMINISTRATION,
            "Kategorierna rapporterna sorteras i.",
            in_menu=False,
        ),
        NavEntry(
            "reports.api_keys",
            "API-nycklar",
            "reports:api_keys",
            "reports.manage_api_keys",
            61,
            Section.ADMINISTRATION,
            "Nycklar för organisationer som rapporterar från egna system.",
            in_menu=False,
        ),
    ):
        navigation.register(entry)
    # The start page per role (issue 15); orders leave room for the other apps' panels.
    for panel in (
        StartPanel(
            "reports.new_report",
            "Rapportera",
            "reports.create",
            PANEL,
            start_panels.new_report,
            order=1,
            roles=frozenset({Role.RAPPORTOR}),
            wide=True,
        ),
        StartPanel(
            "reports.mine",
            "Mina senaste rapporter",
            "reports.create",
            PANEL,
            start_panels.my_latest,
            order=2,
            roles=frozenset({Role.RAPPORTOR}),
        ),
        StartPanel(
            "reports.new",
            "Nya rapporter att bedöma",
            "reports.triage",
            PANEL,
            start_panels.new_to_assess,
            order=10,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "reports.my_organisations",
            "Rapporter för mina organisationer",
            "reports.assign",
            PANEL,
            start_panels.for_my_organisations,
            order=11,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "reports.key_figures",
            "Nyckeltal",
            "reports.triage",
            PANEL,
            start_panels.key_figures,
            order=50,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "reports.exports",
            "Export",
            "reports.export",
            PANEL,
            start_panels.exports,
            order=21,
            roles=frozenset({Role.ANALYTIKER}),
        ),
    ):
        start_panels_registry.register(panel)
    draft_contributions.register(DraftContribution("reports", 10, strategic.draft_passages))
    follow_up_contributions.register(FollowUpContribution("reports", 10, strategic.follow_up_rows))
