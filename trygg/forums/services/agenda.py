"""The agenda a new meeting starts with: what contributing apps add for its kind of forum
(the lägesbild's picture for the lägesbildsmöte), decisions to follow up, the forum's open
action items, then the standing points."""

from django.urls import reverse
from django.utils import timezone

from trygg.core.viewer import Viewer

from .. import contributions, selectors
from ..models import AgendaItem, Forum, Meeting


def generate_agenda(viewer: Viewer, meeting: Meeting) -> None:
    forum = meeting.forum
    items: list[tuple] = []
    for contribution in contributions.for_kind(forum.kind):
        if contribution.agenda is not None:
            items += [
                (e.kind, e.title, e.body, e.link, None)
                for e in contribution.agenda(viewer, meeting)
            ]
    items += _decision_follow_ups(viewer, meeting)
    for action in selectors.open_action_items(
        municipality=viewer.municipality, before=meeting.held_at, forum=forum
    ):
        late = " (försenad)" if action.due < timezone.localdate() else ""
        items.append(
            (
                AgendaItem.Kind.ATERKOMMANDE,
                f"Öppen åtgärd: {action.title}",
                f"Ansvarig: {action.owner_organisation}. Klart senast {action.due}{late}.",
                reverse("forums:meeting_detail", args=[action.meeting_id]),
                action,
            )
        )
    decisions = "Beslut om insatser och åtgärder" if forum.decisions_direct_resources else "Beslut"
    items.append((AgendaItem.Kind.MANUELL, decisions, "", "", None))
    items.append((AgendaItem.Kind.MANUELL, "Övriga frågor", "", "", None))
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                municipality=viewer.municipality,
                meeting=meeting,
                position=i,
                kind=kind,
                title=title[:300],
                body=body,
                link=link,
                action_item=action,
            )
            for i, (kind, title, body, link, action) in enumerate(items, start=1)
        ]
    )


def _decision_follow_ups(viewer: Viewer, meeting: Meeting) -> list:
    """Earlier decisions of the forum still in force come back to be followed up: in the
    lägesbildsmöte those in force during the period, elsewhere those in force at the meeting."""
    forum = meeting.forum
    on = (
        meeting.period_start
        if forum.kind == Forum.Kind.LAGESBILD
        else timezone.localtime(meeting.held_at).date()
    )
    in_force = selectors.decisions_in_force(
        municipality=viewer.municipality, on=on, forum=forum
    ).exclude(meeting=meeting)
    label = "insats" if forum.decisions_direct_resources else "beslut"
    return [
        (
            AgendaItem.Kind.ATERKOMMANDE,
            f"Uppföljning av {label} {decision.paragraph}: {decision.what[:120]}",
            (f"Ansvarig: {decision.responsible}. " if decision.responsible_id else "")
            + f"Till och med {decision.until}. Status: {decision.get_status_display()}.",
            reverse("forums:meeting_detail", args=[decision.meeting_id]),
            None,
        )
        for decision in in_force
    ]
