"""The lägesbild's part in the lägesbildsmöte (a forum in trygg.forums): the agenda a new
meeting gets from the period's picture, the link to that picture on the meeting page, and
the picture's summary in the minutes. Registered in LagesbildConfig.ready, so forums never
imports the lägesbild."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from trygg.documents.model import column, heading, table
from trygg.forums.contributions import (
    AgendaEntry,
    ItemFigure,
    ItemMaterial,
    MeetingContribution,
    MeetingLink,
)
from trygg.forums.models import AgendaItem, Forum
from trygg.locale_sv import count_text, format_number

from . import selectors, svg


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
            f"{count_text(picture.total, 'rapport', 'rapporter')}. "
            f"Mot föregående period: {picture.total_vs_previous.text} "
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
                f"Hot spots: {count_text(picture.n_hot, 'område', 'områden')} med signifikant "
                "koncentration",
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


# --- Meeting mode -------------------------------------------------------------------------
# The agenda this module wrote names its items by the picture (the title's first words and
# the link), so meeting mode finds each item's material again without a stored reference;
# an item the secretary added by hand gets none.

HOT_SPOT_TITLE = "Hot spots:"


def material(viewer, meeting, item) -> ItemMaterial | None:
    """The figures and map meeting mode shows under one of the generated agenda items."""
    if item.kind != AgendaItem.Kind.GENERERAD:
        return None
    picture = _picture(viewer, meeting)
    if picture is None:
        return None
    if item.link == reverse("lagesbild:police_list"):
        n = len(picture.police_inputs)
        return ItemMaterial(
            "Polisens underlag",
            (ItemFigure("Inlämnade underlag för perioden", format_number(n)),),
            links=(MeetingLink("Polisens lägesbilder", item.link),),
        )
    if item.title.startswith(HOT_SPOT_TITLE) or (
        item.link == _link(meeting) and item.title.startswith("Lägesbild ")
    ):
        return _overview(meeting, picture, with_totals=not item.title.startswith(HOT_SPOT_TITLE))
    row = next((r for r in picture.categories if r.link == item.link), None)
    if row is None:
        return None
    return ItemMaterial(
        row.name,
        (
            ItemFigure("Perioden", format_number(row.current), url=row.link),
            ItemFigure("Föregående period", format_number(row.previous), row.vs_previous.text),
            ItemFigure("Samma period i fjol", format_number(row.last_year), row.vs_last_year.text),
        ),
        links=(MeetingLink(f"Rapporterna om {row.name.lower()}", row.link),),
    )


def _overview(meeting, picture, *, with_totals: bool) -> ItemMaterial:
    figures = ()
    if with_totals:
        figures = (
            ItemFigure("Rapporter", format_number(picture.total), url=picture.list_link),
            ItemFigure(
                "Föregående period",
                format_number(picture.total_vs_previous.previous),
                picture.total_vs_previous.text,
            ),
            ItemFigure(
                "Samma period i fjol",
                format_number(picture.total_vs_last_year.previous),
                picture.total_vs_last_year.text,
            ),
        )
    figures += (
        ItemFigure(
            "Hot spots",
            format_number(picture.n_hot),
            f"{format_number(picture.points_used)} rapporter med exakt plats i analysen, "
            f"{format_number(picture.without_point)} utan.",
        ),
    )
    hot = sorted((h for h in picture.hexes if h.bin >= 1), key=lambda h: -h.z)[:10]
    return ItemMaterial(
        f"Lägesbild {picture.start:%Y-%m-%d}–{picture.end:%Y-%m-%d}",
        figures,
        map_svg=svg.hotspot_map_svg(picture),
        table_caption="Heta punkter på kartan",
        table_head=("Plats", "Rapporter i cellen", "Säkerhet"),
        table_rows=tuple(
            (h.place or "–", format_number(h.count), f"{(90, 95, 99)[min(h.bin, 3) - 1]} %")
            for h in hot
        ),
        links=(MeetingLink("Hela lägesbilden", _link(meeting)),),
    )


CONTRIBUTION = MeetingContribution(
    name="lagesbild.picture",
    forum_kind=Forum.Kind.LAGESBILD,
    agenda=agenda,
    links=links,
    minutes=minutes,
    material=material,
)
