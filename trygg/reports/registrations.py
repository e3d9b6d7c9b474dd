"""What the reports contribute to lower apps' pages (the menu, the start page) and to
strategy's documents, registered in ReportsConfig.ready."""

from django.urls import reverse

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

from . import strategic
from .models import Report
from .selectors import status_counts


def _to_handle(viewer) -> dict:
    """New, assessed and ongoing reports, each a link to the list filtered on it."""
    counts = status_counts(viewer=viewer)
    listing = reverse("reports:list")
    open_statuses = (Report.Status.NY, Report.Status.BEDOMD, Report.Status.ATGARDAS)
    return {
        "caption": "Rapporter per status",
        "label_heading": "Status",
        "figure_heading": "Antal",
        "rows": [
            (status.label, counts.get(status.value, 0), f"{listing}?status={status.value}")
            for status in open_statuses
        ],
    }


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
    start_panels.register(
        StartPanel(
            "reports.to_handle",
            "Rapporter att hantera",
            "reports.triage",
            "core/_panel_table.html",
            _to_handle,
            order=10,
        )
    )
    draft_contributions.register(DraftContribution("reports", 10, strategic.draft_passages))
    follow_up_contributions.register(FollowUpContribution("reports", 10, strategic.follow_up_rows))
