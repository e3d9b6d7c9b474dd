"""How one result cell reads on the page and in the exports: the same text in both."""

from dataclasses import dataclass

from trygg.analytics.weighting import Share, share_from_sums
from trygg.locale_sv import format_number

HIDDEN_PRIMARY = "färre än 5"
HIDDEN_SECONDARY = "–"
BREAKDOWNS = {
    "": "Hela kommunen",
    "regso": "Stadsdel (RegSO)",
    "deso": "DeSO",
    "kon": "Kön",
    "alder": "Åldersgrupp",
}


def percent(value: float, *, points: bool = False) -> str:
    return format_number(value * 100, 0) + (" procentenheter" if points else " %")


@dataclass
class Cell:
    text: str  # the share (or the count, for a total) as shown, or why it is hidden
    count: int | None = None  # None when hidden
    share: Share | None = None  # None when hidden or not computable
    ci: str = ""
    hidden: bool = False

    @property
    def count_text(self) -> str:
        return "" if self.count is None else format_number(self.count, 0)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: Cell


def cell_for(table, key, hit, whole, weights) -> Cell:
    """A cell of option × group: hidden as its table says; its share only when the group's
    total is shown too (a share and a count together give the total away)."""
    n = table.shown(key)
    if n is None:
        primary = 0 < table.value[key] < 5
        return Cell(HIDDEN_PRIMARY if primary else HIDDEN_SECONDARY, hidden=True)
    whole_key = ((), *key[1:])
    whole_n = table.shown(whole_key)
    if whole_n is None or whole_n == 0:
        return Cell(HIDDEN_SECONDARY if whole_n is None else "0 %", count=n)
    share = share_from_sums(hit[0], whole[0], whole[1], whole_n)
    ci = f"{percent(share.low)[:-2]}–{percent(share.high)}" if weights else ""
    return Cell(percent(share.share), count=n, share=share, ci=ci)
