"""What the walks contribute to the menu, the start page and a decision's page, registered
in WalksConfig.ready."""

from django.urls import reverse

from trygg.core.contributions import NavEntry, Section, StartPanel, navigation, start_panels
from trygg.core.models import Role
from trygg.forums.contributions import DecisionAction, decision_actions

from . import start_panels as panels


def _plan_from(decision) -> str:
    return f"{reverse('walks:plan')}?beslut={decision.pk}"


def register() -> None:
    navigation.register(
        NavEntry(
            "walks.list",
            "Trygghetsvandringar",
            "walks:list",
            "walks.view",
            24,
            Section.WORK,
            "Planera vandringar med boende och aktörer, samla observationer i fält och följ "
            "upp bristerna med ansvariga.",
        )
    )
    start_panels.register(
        StartPanel(
            "walks.next",
            "Trygghetsvandringar",
            "walks.manage",
            "core/_panel.html",
            panels.walks_panel,
            order=16,
            roles=frozenset({Role.SAMORDNARE}),
        )
    )
    decision_actions.register(
        DecisionAction("walks.plan", "Planera trygghetsvandring", "walks.manage", _plan_from, 10)
    )
