"""Reads for the interview and focus-group pages: the dialogue they belong to, its sessions
and their notes, all within the viewer's municipality."""

from django.db.models import Prefetch, QuerySet

from trygg.core.viewer import Viewer

from ..models import Dialogue, Session, SessionNote


def dialogue_for_viewer(*, viewer: Viewer, pk: int) -> Dialogue | None:
    """The viewer's municipality's dialogue, or None (another municipality's is not found)."""
    if not viewer.may("dialog.view"):
        return None
    return Dialogue.objects.filter(municipality=viewer.municipality, pk=pk).first()


def session_list(*, viewer: Viewer, dialogue: Dialogue) -> QuerySet[Session]:
    return (
        Session.objects.filter(municipality=viewer.municipality, dialogue=dialogue)
        .select_related("area")
        .prefetch_related("notes")
    )


def session_get(*, viewer: Viewer, dialogue: Dialogue, pk: int) -> Session | None:
    notes = SessionNote.objects.prefetch_related("themes").order_by("pk")
    return (
        Session.objects.filter(municipality=viewer.municipality, dialogue=dialogue, pk=pk)
        .select_related("area")
        .prefetch_related(Prefetch("notes", queryset=notes))
        .first()
    )


def publish_state(*, viewer: Viewer, dialogue: Dialogue) -> dict:
    """What the publishing form starts from: the summary, the linked measures' and
    activities' ids, and how many are waiting for an e-mail."""
    return {
        "initial": {
            "public_summary": dialogue.public_summary,
            "measures": list(dialogue.measures.values_list("pk", flat=True)),
            "promise_activities": list(dialogue.promise_activities.values_list("pk", flat=True)),
        },
        "subscribers": dialogue.subscribers.filter(municipality=viewer.municipality).count(),
    }
