"""Reads for the dialogue pages: the municipality's dialogues and one with all it links to."""

from django.db.models import Count, Prefetch, QuerySet

from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.geo.selectors import areas_named

from ..models import BankItem, Dialogue, Session


def dialogue_list(*, viewer: Viewer, status: str = "") -> QuerySet[Dialogue]:
    """The municipality's dialogues, newest first, each with its number of surveys and
    sessions (`n_surveys`, `n_sessions`); `status` filters."""
    require(viewer, "dialog.view")
    qs = Dialogue.objects.filter(municipality=viewer.municipality)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(
        n_surveys=Count("surveys", distinct=True), n_sessions=Count("sessions", distinct=True)
    ).order_by("-starts_on", "title", "pk")


def dialogue_get(*, viewer: Viewer, pk: int) -> Dialogue | None:
    """One dialogue with its areas and links, or None (another municipality's too)."""
    require(viewer, "dialog.view")
    return (
        Dialogue.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("strategic_picture")
        .prefetch_related(
            Prefetch("target_areas", queryset=areas_named()),
            "focus_areas",
            "measures__plan",
            "promises",
            "promise_activities__promise",
        )
        .first()
    )


def sessions_of(*, dialogue: Dialogue) -> QuerySet[Session]:
    return Session.objects.filter(dialogue=dialogue).order_by("-held_on", "pk")


def bank_items(*, viewer: Viewer) -> QuerySet[BankItem]:
    """The municipality's question bank, by code."""
    require(viewer, "dialog.view")
    return BankItem.objects.filter(municipality=viewer.municipality).order_by("code")
