"""What apps contribute to lower apps' pages, registered at start-up.

Core sits below every app and strategy below forums, dialog, programmes and welfare, yet the
menu and start page (core), the strategic draft and the annual follow-up (strategy) and the
law checklist must show what those apps do. Each app registers its contributions in
`AppConfig.ready`; the page that shows them reads the registry and never imports the app, so
the layer contracts hold however many apps are added. The daily jobs (periodic.py) are one
more kind of contribution kept in the same kind of registry.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django_scopes import scope

from .permissions import ACTIONS, roles_may


class _Named(Protocol):
    name: str


T = TypeVar("T", bound=_Named)


class Registry(Generic[T]):
    """Contributions of one kind, keyed by a dotted name ("<app>.<what>")."""

    def __init__(self, kind: str, order: Callable[[T], Any]):
        self.kind = kind
        self._order = order
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        """Adds a contribution; registering the same one again is harmless (ready() may run
        twice in tests), another under a taken name is an error."""
        known = self._items.get(item.name)
        if known is not None and known != item:
            raise ValueError(f"Ett annat bidrag av typen {self.kind} heter redan {item.name!r}")
        self._items[item.name] = item
        return item

    def unregister(self, name: str) -> None:
        """Removes a contribution (tests that register their own clean up with this)."""
        self._items.pop(name, None)

    def all(self) -> list[T]:
        """Every registered contribution, in the order the page shows them."""
        return sorted(self._items.values(), key=lambda item: (self._order(item), item.name))

    @contextmanager
    def registered(self, item: T) -> Iterator[T]:
        """Registers a contribution for the length of a block (a test's made-up app)."""
        self.register(item)
        try:
            yield item
        finally:
            self.unregister(item.name)


def _known_action(action: str) -> str:
    # A typo in an action would hide an entry from everyone, silently: refuse it at start-up.
    if action not in ACTIONS:
        raise ValueError(f"Okänd behörighet {action!r}")
    return action


# --- Navigation: the menu and the start page ---------------------------------------------


class Section:
    """The start page's groups, in the order the page shows them."""

    WORK = "arbete"
    STRATEGY = "strategi"
    ADMINISTRATION = "administration"

    LABELS = {
        WORK: "Det dagliga arbetet",
        STRATEGY: "Strategiskt arbete",
        ADMINISTRATION: "Administration",
    }
    ORDER = (WORK, STRATEGY, ADMINISTRATION)


@dataclass(frozen=True)
class NavEntry:
    name: str  # "<app>.<page>"
    label: str  # the menu's text
    url_name: str  # "reports:list"
    action: str  # shown to the roles holding this action (the page's own guard)
    order: int
    section: str = Section.WORK
    description: str = ""  # the start page's line under the label
    on_start_page: bool = True
    in_menu: bool = True  # pages used now and then are on the start page only

    def __post_init__(self):
        _known_action(self.action)
        if self.section not in Section.LABELS:
            raise ValueError(f"Okänd del av startsidan {self.section!r}")


navigation = Registry[NavEntry]("menyval", order=lambda entry: entry.order)


def navigation_for(roles: Iterable[str]) -> list[NavEntry]:
    """The entries these roles may open, in menu order."""
    roles = frozenset(roles)
    return [entry for entry in navigation.all() if roles_may(roles, entry.action)]


def menu_for(roles: Iterable[str]) -> list[NavEntry]:
    """The main menu of these roles."""
    return [entry for entry in navigation_for(roles) if entry.in_menu]


def start_page_for(roles: Iterable[str]) -> list[tuple[str, list[NavEntry]]]:
    """The start page's groups (label, entries) for these roles; empty groups left out."""
    entries = [entry for entry in navigation_for(roles) if entry.on_start_page]
    groups = []
    for section in Section.ORDER:
        in_section = [entry for entry in entries if entry.section == section]
        if in_section:
            groups.append((Section.LABELS[section], in_section))
    return groups


# --- Start-page panels -------------------------------------------------------------------


@dataclass(frozen=True)
class StartPanel:
    name: str
    title: str
    action: str  # the panel is built only for viewers holding it
    template: str  # rendered with the context `panel` (what `context` returned)
    context: Callable[[Any], dict | None]  # (viewer) -> context, or None to leave it out
    order: int = 100
    # The start page is per role (issue 15): a panel meant for some roles only names them, so
    # the rapportör's "Ny rapport" is not on the samordnare's page though both may report.
    roles: frozenset[str] = frozenset()
    wide: bool = False  # spans the dashboard's width (the rapportör's "Ny rapport")

    def __post_init__(self):
        _known_action(self.action)


start_panels = Registry[StartPanel]("startpanel", order=lambda panel: panel.order)


@dataclass(frozen=True)
class ShownPanel:
    title: str
    template: str
    context: dict
    wide: bool = False


def panels_for(viewer) -> list[ShownPanel]:
    """The panels this viewer may see that have something to say."""
    shown = []
    for panel in start_panels.all():
        if not viewer.may(panel.action) or (panel.roles and not panel.roles & viewer.roles):
            continue
        context = panel.context(viewer)
        if context is not None:
            shown.append(ShownPanel(panel.title, panel.template, context, panel.wide))
    return shown


# --- The strategic lägesbild draft (strategy) --------------------------------------------

# The draft's sections, as StrategicPictureVersion stores them.
DRAFT_SECTIONS = ("omfattning", "konsekvenser", "orsaker", "kallor")


@dataclass(frozen=True)
class DraftPassage:
    section: str  # one of DRAFT_SECTIONS
    text: str  # Markdown

    def __post_init__(self):
        if self.section not in DRAFT_SECTIONS:
            raise ValueError(f"Okänt avsnitt i lägesbilden {self.section!r}")


@dataclass(frozen=True)
class DraftContribution:
    """Passages an app writes into the strategic draft. One callable writes all of an app's
    passages, so it scans its data once for every section it speaks to."""

    name: str
    order: int  # within each section, passages follow in this order
    write: Callable[..., Iterable[DraftPassage]]  # (*, viewer, start_year, end_year)


draft_contributions = Registry[DraftContribution]("lägesbildsavsnitt", order=lambda c: c.order)


def draft_sections(*, viewer, start_year: int, end_year: int) -> dict[str, str]:
    """Every section of the draft, each the registered passages joined in order."""
    passages: dict[str, list[str]] = {section: [] for section in DRAFT_SECTIONS}
    for contribution in draft_contributions.all():
        written = contribution.write(viewer=viewer, start_year=start_year, end_year=end_year)
        for passage in written:
            if passage.text:
                passages[passage.section].append(passage.text)
    return {section: _join(texts) for section, texts in passages.items()}


def _join(texts: list[str]) -> str:
    """Paragraphs apart by a blank line; list items of several apps stay one list."""
    joined = ""
    for text in texts:
        if joined:
            joined += (
                "\n"
                if text.startswith("- ") and joined.rsplit("\n", 1)[-1].startswith("- ")
                else "\n\n"
            )
        joined += text
    return joined


# --- The annual follow-up per goal (strategy) --------------------------------------------

GOALS = ("G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8")  # the guideline's goals


@dataclass(frozen=True)
class FollowUpRow:
    goal: str  # "G1"…"G8"
    text: str  # one sentence with the year's figures

    def __post_init__(self):
        if self.goal not in GOALS:
            raise ValueError(f"Okänt mål {self.goal!r}")


@dataclass(frozen=True)
class FollowUpContribution:
    name: str
    order: int
    rows: Callable[..., Iterable[FollowUpRow]]  # (*, viewer, year)


follow_up_contributions = Registry[FollowUpContribution]("uppföljningsrad", order=lambda c: c.order)


def follow_up_rows(*, viewer, year: int) -> dict[str, list[str]]:
    """The year's sentences per goal, from every app that can speak to one; goals nobody
    speaks to are left out."""
    by_goal: dict[str, list[str]] = {}
    for contribution in follow_up_contributions.all():
        for row in contribution.rows(viewer=viewer, year=year):
            by_goal.setdefault(row.goal, []).append(row.text)
    return {goal: by_goal[goal] for goal in GOALS if goal in by_goal}


# --- The operational lägesbild's "annan information" (lagesbild) -------------------------


@dataclass(frozen=True)
class PictureInformation:
    """A paragraph an app adds under "Annan information" in the operational lägesbild, for
    the period shown: aggregates only, since the picture is read by several roles."""

    name: str
    title: str
    action: str  # shown to viewers holding it
    order: int
    text: Callable[..., str | None]  # (*, viewer, start, end) -> a sentence, or None

    def __post_init__(self):
        _known_action(self.action)


picture_information = Registry[PictureInformation]("annan information", order=lambda c: c.order)


def picture_information_for(*, viewer, start, end) -> list[tuple[str, str]]:
    """(title, text) of every contribution this viewer may see that has something to say."""
    shown = []
    for item in picture_information.all():
        if viewer.may(item.action):
            text = item.text(viewer=viewer, start=start, end=end)
            if text:
                shown.append((item.title, text))
    return shown


# --- The law checklist (lag 2023:196) ----------------------------------------------------


@dataclass(frozen=True)
class ChecklistAnswer:
    met: bool | None  # None: the data cannot tell; a person must judge
    evidence: str  # what the answer rests on, in Swedish
    url: str = ""  # where to see it


@dataclass(frozen=True)
class ChecklistItem:
    name: str
    requirement: str  # what the law asks, in plain Swedish
    reference: str  # "3 § lag (2023:196)"
    order: int
    assess: Callable[..., ChecklistAnswer]  # (*, viewer)


checklist_items = Registry[ChecklistItem]("punkt i lagkontrollen", order=lambda item: item.order)


def checklist_for(viewer) -> list[tuple[ChecklistItem, ChecklistAnswer]]:
    """Every requirement with the municipality's answer to it. The answers are read in the
    viewer's municipality, so a county page that asks for each of its municipalities in turn
    reads each one's own rows."""
    with scope(municipality=viewer.municipality):
        return [(item, item.assess(viewer=viewer)) for item in checklist_items.all()]


# --- Links from the public medborgarlöfte page (public, strategy) ------------------------


@dataclass(frozen=True)
class PromiseLink:
    """The pages a higher app links from a focus area of the public medborgarlöfte page (the
    dialogues behind it). `links` gets the municipality and the focus areas' ids and returns
    {focus area id: [(label, url), …]}; only public pages may be returned."""

    name: str
    order: int
    links: Callable[..., dict[int, list[tuple[str, str]]]]  # (*, municipality, focus_area_ids)


promise_links = Registry[PromiseLink]("länk från medborgarlöftet", order=lambda c: c.order)


def promise_links_for(*, municipality, focus_area_ids) -> dict[int, list[tuple[str, str]]]:
    """Every registered app's links per focus area, in registration order; focus areas no app
    links to are left out."""
    ids = list(focus_area_ids)
    merged: dict[int, list[tuple[str, str]]] = {}
    for contribution in promise_links.all():
        for focus_id, links in contribution.links(
            municipality=municipality, focus_area_ids=ids
        ).items():
            if focus_id in ids and links:
                merged.setdefault(focus_id, []).extend(links)
    return merged


# --- Where a person without a municipality belongs (county) --------------------------------


@dataclass(frozen=True)
class Landing:
    """A start page for people who have no membership in a municipality but belong somewhere
    a higher app knows (a county user): `url` gets the user and returns the address of their
    start page, or "" when they are not its people."""

    name: str
    url: Callable[[Any], str]
    order: int = 100


landings = Registry[Landing]("startsida utan kommun", order=lambda landing: landing.order)


def landing_for(user) -> str:
    """The first registered start page that claims this user, or ""."""
    for landing in landings.all():
        url = landing.url(user)
        if url:
            return url
    return ""
