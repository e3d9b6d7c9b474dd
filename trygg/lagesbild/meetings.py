"""The lägesbild's part in the lägesbildsmöte (a forum in trygg.forums): the agenda a new
meeting gets from the period's picture, the link to that picture on the meeting page, and
the picture's summary in the minutes. Registered in LagesbildConfig.ready, so forums never
imports the lägesbild."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from trygg.documents.model import column, heading, table
from trygg.forums.contributions import AgendaEntry, MeetingContribution, MeetingLink
from trygg.forums.models import AgendaItem, Forum
from trygg.locale_sv import format_number

from . import selectors


def _link(meeting) -> str:
    return reverse("lagesbild:picture") + (
        f"?fran={meeting.period_start.isoformat()}&till={meeting.period_end.isoformat()}"
    )


def _picture(viewer, meeting):
    """The meeting's period picture, or None for a meeting planned before its period."""
    try:
        return selectors.picture_for_period(
            viewer=viewer, start=meeting.period_start, end=meeting.period_end
        )
    except selectors.PeriodError:
        return None


def agenda(viewer, meeting) -> list[AgendaEntry]:
    """The period's picture: the total, significant changes, hot spots and the police."""
    try:
        selectors.validate_period(meeting.period_start, meeting.period_end)
    except selectors.PeriodError as exc:
        raise ValidationError({"period_end": [str(exc)]}) from None
    link = _link(meeting)
    picture = _picture(viewer, meeting)
    generated = AgendaItem.Kind.GENERERAD
    if picture is None:
        # Planned far ahead: the period has not begun, so there is no picture to read yet.
        return [
            AgendaEntry(
                generated,
                f"Lägesbild {meeting.period_start:%Y-%m-%d}–{meeting.period_end:%Y-%m-%d}",
                "Perioden har inte börjat; lägesbilden visas via länken inför mötet.",
                link,
            )
        ]
    # The title names the days the picture counted: up to today for a period still running.
    entries = [
        AgendaEntry(
            generated,
            f"Lägesbild {picture.start:%Y-%m-%d}–{picture.end:%Y-%m-%d}",
            f"{picture.total} rapporter. Mot föregående period: {picture.total_vs_previous.text} "
            f"Mot samma period i fjol: {picture.total_vs_last_year.text}",
            link,
        )
    ]
    for row in picture.categories:
        if row.vs_previous.significant or row.vs_last_year.significant:
            comparison = row.vs_previous if row.vs_previous.significant else row.vs_last_year
            entries.append(
                AgendaEntry(
                    generated, f"{row.name}: {comparison.direction}", comparison.text, row.link
                )
            )
    if picture.n_hot:
        entries.append(
            AgendaEntry(
                generated,
                f"Hot spots: {picture.n_hot} områden med signifikant koncentration",
                picture.hotspot_text,
                link,
            )
        )
    if picture.police_inputs:
        entries.append(
            AgendaEntry(
                generated,
                "Polisens lägesbild",
                "Polisen redovisar sin lokala lägesbild för perioden.",
                reverse("lagesbild:police_list"),
            )
        )
    return entries


def links(viewer, meeting) -> list[MeetingLink]:
    end = meeting.period_end_so_far
    if end is None:
        note = (
            f"Perioden har inte börjat ({meeting.period_start:%Y-%m-%d}–"
            f"{meeting.period_end:%Y-%m-%d})."
        )
        return [MeetingLink("Lägesbild för perioden", _link(meeting), note)]
    note = "" if end == meeting.period_end else f"Hittills; perioden slutar {meeting.period_end}."
    label = f"Lägesbild {meeting.period_start:%Y-%m-%d}–{end:%Y-%m-%d}"
    return [MeetingLink(label, _link(meeting), note)]


def minutes(viewer, meeting) -> list:
    """A short picture of the period for the minutes (none before the period has begun)."""
    from .document_content import hotspot_blocks, summary_blocks

    picture = _picture(viewer, meeting)
    if picture is None:
        return []
    blocks = [heading("Lägesbild för perioden"), *summary_blocks(picture)]
    top = [c for c in picture.categories if c.current > 0][:5]
    if top:
        blocks.append(
            table(
                [
                    column("Största kategorier", width=3),
                    column("Perioden", align="right"),
                    column("Föregående", align="right"),
                ],
                [[c.name, format_number(c.current), format_number(c.previous)] for c in top],
            )
        )
    return blocks + hotspot_blocks(picture)


CONTRIBUTION = MeetingContribution(
    name="lagesbild.picture",
    forum_kind=Forum.Kind.LAGESBILD,
    agenda=agenda,
    links=links,
    minutes=minutes,
)
