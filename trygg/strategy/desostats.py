"""Reading the Police's per-municipality crime file at DeSO level (the file municipalities
receive for the law's lägesbild) and SCB's population per DeSO. Pure Python: bytes in,
counts and Swedish errors out.

The Police file has one row per registered offence (or a few identical ones): DeSO, BRÅ's
offence code, registration year, `antal_brott`. It is summed per DeSO, offence group (level 2
of Region Dalarna's offence key, 11 groups) and registration year."""

import csv
import io
from dataclasses import dataclass
from functools import cache

from .crimestats import DATA, SEPARATORS, StatError, _decode, _fold, _separator

UNGROUPED = "Övriga brott (okänd brottskod)"

# Folded header → our column, so renamed or capitalised headers still read.
POLICE_HEADERS = {
    "desokod": "deso",
    "deso": "deso",
    "deso kod": "deso",
    "brottskod": "code",
    "inskr år": "year",
    "inskr ar": "year",
    "inskrivningsår": "year",
    "år": "year",
    "antal_brott": "count",
    "antal brott": "count",
    "antal": "count",
    "kommunkod": "kommunkod",
}
POPULATION_HEADERS = {
    "desokod": "deso",
    "deso": "deso",
    "år": "year",
    "ar": "year",
    "bef": "population",
    "befolkning": "population",
    "folkmängd": "population",
}


@dataclass(frozen=True)
class DesoCount:
    kommunkod: str
    deso: str
    year: int
    group: str
    count: int


@cache
def offence_groups() -> dict[str, str]:
    with open(DATA / "brottskod-grupper.csv", encoding="utf-8") as fh:
        return {row["brottskod"]: row["brottsgrupp"] for row in csv.DictReader(fh)}


def _columns(text: str, names: dict[str, str], needed: tuple[str, ...], label: str):
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = next(reader, None) or []
    columns = {}
    for i, h in enumerate(header):
        key = names.get(_fold(h.replace("_", " ")), names.get(_fold(h)))
        if key and key not in columns:
            columns[key] = i
    if not set(needed) <= set(columns):
        found = ", ".join(h.strip() for h in header if h.strip()) or "inga"
        raise ValueError(
            f"Kolumnerna {label} krävs. Filen lästes med {SEPARATORS[separator]} som "
            f"avgränsare och har kolumnerna: {found}."
        )
    return reader, columns


def _cell(cells: list[str], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def parse_police_deso(raw: bytes, *, kommunkod: str) -> tuple[list[DesoCount], list[StatError]]:
    """Counts per DeSO, offence group and registration year for one municipality. Rows of
    another municipality (by `Kommunkod` or the DeSO code's first four digits), without a DeSO
    or with a count that is not a whole number are reported with their row number."""
    reader, columns = _columns(
        _decode(raw),
        POLICE_HEADERS,
        ("deso", "code", "year", "count"),
        "desokod, Brottskod, Inskr år och antal_brott",
    )
    groups = offence_groups()
    sums: dict[tuple[str, int, str], int] = {}
    errors: list[StatError] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        deso = _cell(cells, columns["deso"]).upper()
        code = _cell(cells, columns.get("kommunkod")) or deso[:4]
        if len(deso) != 9 or not deso[:4].isdigit():
            errors.append(StatError(number, f"Rad {number}: DeSO-koden '{deso}' är ogiltig."))
            continue
        if code != kommunkod or deso[:4] != kommunkod:
            errors.append(
                StatError(number, f"Rad {number}: raden gäller en annan kommun ({code}).")
            )
            continue
        try:
            year = int(_cell(cells, columns["year"]))
            count = int(_cell(cells, columns["count"]))
            if count < 0:
                raise ValueError
        except ValueError:
            errors.append(
                StatError(number, f"Rad {number}: år eller antal brott är inte ett heltal.")
            )
            continue
        group = groups.get(_cell(cells, columns["code"]), UNGROUPED)
        key = (deso, year, group)
        sums[key] = sums.get(key, 0) + count
    counts = [DesoCount(kommunkod, d, y, g, n) for (d, y, g), n in sorted(sums.items())]
    return counts, errors


def parse_deso_population(raw: bytes) -> tuple[dict[tuple[str, int], int], list[StatError]]:
    """SCB's population per DeSO and year (`desokod, år, bef`; `bef` may be written 1426.0)."""
    reader, columns = _columns(
        _decode(raw), POPULATION_HEADERS, ("deso", "year", "population"), "desokod, år och bef"
    )
    out: dict[tuple[str, int], int] = {}
    errors: list[StatError] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        try:
            deso = _cell(cells, columns["deso"]).upper()
            year = int(_cell(cells, columns["year"]))
            population = round(float(_cell(cells, columns["population"]).replace(",", ".")))
        except ValueError:
            errors.append(StatError(number, f"Rad {number}: år eller befolkning är inte ett tal."))
            continue
        out[(deso, year)] = population
    return out, errors
