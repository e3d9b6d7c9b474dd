"""What higher apps add to a forum's meetings, registered at start-up. The lägesbild fills
the lägesbildsmöte's agenda from the period's picture, links the picture from the meeting
page and adds its summary to the minutes; forums, below the lägesbild, never imports it.

The registry is one of core's (trygg/core/contributions.py), of a kind only forums reads:
core knows nothing of meetings, and no app below forums contributes to them."""

from collections.abc import Callable
from dataclasses import dataclass

from trygg.core.contributions import Registry


@dataclass(frozen=True)
class AgendaEntry:
    kind: str  # AgendaItem.Kind
    title: str
    body: str = ""
    link: str = ""


@dataclass(frozen=True)
class MeetingLink:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class ItemFigure:
    label: str
    value: str
    note: str = ""
    url: str = ""


@dataclass(frozen=True)
class ItemMaterial:
    """What meeting mode shows under one agenda item: figures, an SVG map (escaped markup,
    drawn by the contributing app) with the same content as a table for those who cannot see
    it, and links to the pages behind them."""

    heading: str
    figures: tuple[ItemFigure, ...] = ()
    map_svg: str = ""
    table_caption: str = ""
    table_head: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()
    links: tuple[MeetingLink, ...] = ()

    @property
    def labelled_rows(self) -> list[list[tuple[str, str]]]:
        """Each row's cells with their column's heading (the phone layout's card labels)."""
        return [list(zip(self.table_head, row, strict=True)) for row in self.table_rows]


@dataclass(frozen=True)
class MeetingContribution:
    """One app's part in the meetings of one kind of forum. Each callable gets (viewer,
    meeting): `agenda` returns AgendaEntry rows for a new meeting, `links` MeetingLink rows
    for its page, `minutes` trygg.documents blocks for its minutes. `material` gets (viewer,
    meeting, agenda_item) too and returns an ItemMaterial for meeting mode, or None."""

    name: str  # "<app>.<what>"
    forum_kind: str
    agenda: Callable | None = None
    links: Callable | None = None
    minutes: Callable | None = None
    material: Callable | None = None


meeting_contributions = Registry[MeetingContribution](
    "mötesbidrag", order=lambda contribution: contribution.name
)


def register(contribution: MeetingContribution) -> MeetingContribution:
    """Adds a contribution; the same one again is harmless (ready() may run twice in tests),
    another under a taken name is an error."""
    return meeting_contributions.register(contribution)


def for_kind(kind: str) -> list[MeetingContribution]:
    """The contributions to one kind of forum's meetings, in name order."""
    return [c for c in meeting_contributions.all() if c.forum_kind == kind]


# --- What higher apps offer to do with a decision -----------------------------------------


@dataclass(frozen=True)
class DecisionAction:
    """A link on a decision to a higher app's page that starts from it ("Planera
    trygghetsvandring"). `url` gets the decision and returns the address; the link is shown
    to viewers holding `action`."""

    name: str  # "<app>.<what>"
    label: str
    action: str
    url: Callable
    order: int = 100


decision_actions = Registry[DecisionAction]("beslutsåtgärd", order=lambda a: a.order)


def actions_for_decision(viewer, decision) -> list[MeetingLink]:
    """The links the viewer may follow from this decision, in order."""
    return [
        MeetingLink(label=a.label, url=a.url(decision))
        for a in decision_actions.all()
        if viewer.may(a.action)
    ]
