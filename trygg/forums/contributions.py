"""What higher apps add to a forum's meetings, registered at start-up. The lägesbild fills
the lägesbildsmöte's agenda from the period's picture, links the picture from the meeting
page and adds its summary to the minutes; forums never imports it (it sits below).

When core's contribution registry (trygg/core/contributions.py) lands, these three become
entries there; until then this is the forums' own small registry."""

from collections.abc import Callable
from dataclasses import dataclass


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
class MeetingContribution:
    """One app's part in the meetings of one kind of forum. Each callable gets (viewer,
    meeting): `agenda` returns AgendaEntry rows for a new meeting, `links` MeetingLink rows
    for its page, `minutes` trygg.documents blocks for its minutes."""

    name: str  # "<app>.<what>"
    forum_kind: str
    agenda: Callable | None = None
    links: Callable | None = None
    minutes: Callable | None = None


_registry: dict[str, MeetingContribution] = {}


def register(contribution: MeetingContribution) -> MeetingContribution:
    """Adds a contribution; the same one again is harmless (ready() may run twice in tests),
    another under a taken name is an error."""
    known = _registry.get(contribution.name)
    if known is not None and known != contribution:
        raise ValueError(f"Ett annat mötesbidrag heter redan {contribution.name!r}")
    _registry[contribution.name] = contribution
    return contribution


def unregister(name: str) -> None:
    _registry.pop(name, None)


def for_kind(kind: str) -> list[MeetingContribution]:
    return sorted((c for c in _registry.values() if c.forum_kind == kind), key=lambda c: c.name)
