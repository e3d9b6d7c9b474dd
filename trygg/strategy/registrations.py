"""Strategy's own menu entries and its own passages in the strategic draft, registered in
StrategyConfig.ready beside those of the apps below and above it."""

from trygg.core.contributions import (
    ChecklistItem,
    DraftContribution,
    NavEntry,
    Section,
    StartPanel,
    checklist_items,
    draft_contributions,
    navigation,
    start_panels,
)
from trygg.core.models import Role

from . import checklist, drafting
from . import start_panels as panels

PANEL = "core/_panel.html"


def register() -> None:
    for entry in (
        NavEntry(
            "strategy.pictures",
            "Strategisk lägesbild",
            "strategy:pictures",
            "strategy.view",
            30,
            Section.STRATEGY,
            "Lägesbilden vart annat år enligt lagen (2023:196), med utkast från data och "
            "versioner.",
        ),
        NavEntry(
            "strategy.plans",
            "Åtgärdsplaner",
            "strategy:plans",
            "strategy.view",
            31,
            Section.STRATEGY,
            "Problembilder, åtgärder med ansvariga, indikatorer och effekt.",
        ),
        NavEntry(
            "strategy.promises",
            "Medborgarlöften",
            "strategy:promises",
            "strategy.view",
            32,
            Section.STRATEGY,
            "Fokusområden och medborgarlöften med aktiviteter och uppföljning.",
        ),
        NavEntry(
            "strategy.statistics",
            "Brottsstatistik",
            "strategy:statistics",
            "strategy.view",
            33,
            Section.STRATEGY,
            "Anmälda brott per 100 000 invånare jämfört med länet och riket.",
        ),
        NavEntry(
            "strategy.annual",
            "Uppföljning",
            "strategy:annual_report",
            "strategy.view",
            34,
            Section.STRATEGY,
            "Den årliga uppföljningen till Kommunstyrelsen per mål i riktlinjen.",
        ),
    ):
        navigation.register(entry)
    for panel in (
        StartPanel(
            "strategy.follow_ups",
            "Åtgärdsplanens uppföljning",
            "strategy.manage_plans",
            PANEL,
            panels.follow_ups,
            order=13,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "strategy.on_remiss",
            "Dokument på remiss",
            "strategy.manage_picture",
            PANEL,
            panels.on_remiss,
            order=15,
            roles=frozenset({Role.SAMORDNARE}),
        ),
        StartPanel(
            "strategy.decided",
            "Beslutade dokument",
            "strategy.view",
            PANEL,
            panels.decided_documents,
            order=31,
            roles=frozenset({Role.RADSLEDAMOT}),
        ),
    ):
        start_panels.register(panel)
    # BRÅ's figures follow the reports' and the lägesbild's; what the data cannot say, last.
    draft_contributions.register(
        DraftContribution("strategy.statistics", 15, drafting.statistics_passages)
    )
    draft_contributions.register(
        DraftContribution("strategy.guidance", 90, drafting.guidance_passages)
    )
    for item in (
        ChecklistItem(
            "strategy.picture",
            "Kommunen har en aktuell lägesbild över brottsligheten, beslutad vartannat år.",
            checklist.LAW,
            10,
            checklist.picture_is_current,
        ),
        ChecklistItem(
            "strategy.plan",
            "Kommunen har beslutat en åtgärdsplan utifrån lägesbilden.",
            checklist.LAW,
            20,
            checklist.plan_is_decided,
        ),
        ChecklistItem(
            "strategy.follow_up",
            "Åtgärderna i planen följs upp.",
            checklist.LAW,
            30,
            checklist.plan_is_followed_up,
        ),
    ):
        checklist_items.register(item)
