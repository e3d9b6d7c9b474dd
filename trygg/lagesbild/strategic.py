"""What the operational lägesbild says in strategy's documents: the police's themes in the
strategic draft, meetings and decisions in the annual follow-up. Registered at start-up
(registrations.py), so strategy shows them without reading the lägesbild itself."""

from datetime import date

from trygg.core.contributions import DraftPassage, FollowUpRow
from trygg.core.viewer import Viewer
from trygg.forums.selectors import meeting_totals
from trygg.locale_sv import year_bounds

from .selectors import police_inputs_on_theme, police_themes


def draft_passages(*, viewer: Viewer, start_year: int, end_year: int) -> list[DraftPassage]:
    """The themes the police's local pictures raised most often in the period."""
    police = police_themes(viewer=viewer, first=date(start_year, 1, 1), last=date(end_year, 12, 31))
    passages = []
    if police.themes:
        passages.append(
            DraftPassage(
                "orsaker",
                "Polisens lokala lägesbilder under perioden tar oftast upp: "
                + ", ".join(f"{t.lower()} ({n})" for t, n in police.themes.most_common(5))
                + ".",
            )
        )
    passages.append(
        DraftPassage("kallor", f"- Polisens lokala lägesbilder: {police.inputs} under perioden.")
    )
    return passages


def follow_up_rows(*, viewer: Viewer, year: int) -> list[FollowUpRow]:
    """Meetings and decisions on the common lägesbild (G3), police on youth (G6)."""
    meetings = meeting_totals(viewer=viewer, start=year_bounds(year)[0], end=year_bounds(year)[1])
    police_youth = police_inputs_on_theme(viewer=viewer, year=year, theme="ungdomar")
    return [
        FollowUpRow(
            "G3",
            f"{meetings.meetings} lägesbildsmöten med {meetings.decisions} beslut om insatser, "
            f"varav {meetings.decisions_done} genomförda.",
        ),
        FollowUpRow("G6", f"Polisens lägesbild tog upp ungdomar vid {police_youth} tillfällen."),
    ]
