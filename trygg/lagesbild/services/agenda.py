"""The generated agenda of a new meeting: the period's picture, follow-ups and open actions."""

from django.urls import reverse
from django.utils import timezone

from trygg.core.viewer import Viewer

from .. import selectors
from ..models import ActionItem, AgendaItem, Forum, Meeting


def _generate_agenda(viewer: Viewer, meeting: Meeting) -> None:
    if meeting.forum != Forum.LAGESBILD:
        _carried_agenda(viewer, meeting, [])
        return
    link = reverse("lagesbild:picture") + (
        f"?fran={meeting.period_start.isoformat()}&till={meeting.period_end.isoformat()}"
    )
    try:
        picture = selectors.picture_for_period(
            viewer=viewer, start=meeting.period_start, end=meeting.period_end
        )
    except selectors.PeriodError:
        # Planned far ahead: the period has not begun, so there is no picture to read yet.
        title = f"Lägesbild {meeting.period_start:%Y-%m-%d}–{meeting.period_end:%Y-%m-%d}"
        body = "Perioden har inte börjat; lägesbilden visas via länken inför mötet."
        planned = [(AgendaItem.Kind.GENERERAD, title, body, link, None)]
        _carried_agenda(viewer, meeting, planned + _decision_follow_ups(viewer, meeting))
        return
    # The title names the days the picture counted: up to today for a period still running.
    items: list[tuple[str, str, str, str, ActionItem | None]] = [
        (
            AgendaItem.Kind.GENERERAD,
            f"Lägesbild {picture.start:%Y-%m-%d}–{picture.end:%Y-%m-%d}",
            f"{picture.total} rapporter. Mot föregående period: {picture.total_vs_previous.text} "
            f"Mot samma period i fjol: {picture.total_vs_last_year.text}",
            link,
            None,
        )
    ]
    for row in picture.categories:
        if row.vs_previous.significant or row.vs_last_year.significant:
            comparison = row.vs_previous if row.vs_previous.significant else row.vs_last_year
            items.append(
                (
                    AgendaItem.Kind.GENERERAD,
                    f"{row.name}: {comparison.direction}",
                    comparison.text,
                    row.link,
                    None,
                )
            )
    if picture.n_hot:
        items.append(
            (
                AgendaItem.Kind.GENERERAD,
                f"Hot spots: {picture.n_hot} områden med signifikant koncentration",
                picture.hotspot_text,
                link,
                None,
            )
        )
    if picture.police_inputs:
        items.append(
            (
                AgendaItem.Kind.GENERERAD,
                "Polisens lägesbild",
                "Polisen redovisar sin lokala lägesbild för perioden.",
                reverse("lagesbild:police_list"),
                None,
            )
        )
    _carried_agenda(viewer, meeting, items + _decision_follow_ups(viewer, meeting))


def _decision_follow_ups(viewer: Viewer, meeting: Meeting) -> list:
    """Earlier decisions still in force during the period come back to be followed up."""
    in_force = selectors.decisions_in_force(
        municipality=viewer.municipality, on=meeting.period_start
    ).exclude(meeting=meeting)
    return [
        (
            AgendaItem.Kind.ATERKOMMANDE,
            f"Uppföljning av insats: {decision.what[:120]}",
            f"Ansvarig: {decision.responsible}. Till och med {decision.until}. "
            f"Status: {decision.get_status_display()}.",
            reverse("lagesbild:meeting_detail", args=[decision.meeting_id]),
            None,
        )
        for decision in in_force
    ]


def _carried_agenda(viewer: Viewer, meeting: Meeting, items: list) -> None:
    """Adds the forum's open action items, then the standing points, and stores the agenda."""
    for action in selectors.open_action_items(
        municipality=viewer.municipality, before=meeting.held_at, forum=meeting.forum
    ):
        late = " (försenad)" if action.due < timezone.localdate() else ""
        items.append(
            (
                AgendaItem.Kind.ATERKOMMANDE,
                f"Öppen åtgärd: {action.title}",
                f"Ansvarig: {action.owner_organisation}. Klart senast {action.due}{late}.",
                reverse("lagesbild:meeting_detail", args=[action.meeting_id]),
                action,
            )
        )
    items.append((AgendaItem.Kind.MANUELL, "Beslut om insatser och åtgärder", "", "", None))
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
