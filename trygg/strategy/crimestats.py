"""Reading official crime statistics per municipality, county and country, row by row.

Two formats: BRÅ's municipal indicators in the long ("tidy") layout
(`geografi,enhet,ar,variabel,varde,kalla`, as Region Dalarna publishes them) and BRÅ's
per-municipality file for one offence and year (`Kommun;Antal;Per 100 000 inv`, semicolons,
a space as thousands separator). Pure Python: rows in, typed rows and Swedish errors out."""

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# BRÅ's offence categories in the municipal indicators ("Anmälda brott").
REPORTED_OFFENCES = frozenset(
    {
        "Totalt antal anmälda brott",
        "Skadegörelsebrott",
        "Narkotikabrott",
        "Bilbrott",
        "Bostadsinbrott",
        "Stöld och tillgreppsbrott, totalt",
        "Trafikbrott, totalt",
        "Våld i offentlig miljö mot vuxna",
        "Våld i nära relationer, mot kvinnor",
        "Våld i nära relationer, mot män",
        "Rån mot privatperson, unga",
        "Våld i offentlig miljö mot barn och unga, flickor",
        "Våld i offentlig miljö mot barn och unga, pojkar",
        "Våld i inomhusmiljö mot barn och unga, flickor",
        "Våld i inomhusmiljö mot barn och unga, pojkar",
    }
)
UNITS = {
    "antal": "antal",
    "antal per 100 000 inv": "per100k",
    "andel (%)": "andel",
    "andel": "andel",
    "ki (95 %) undre gräns": "ki_low",
    "ki (95 %) övre gräns": "ki_high",
}


@dataclass(frozen=True)
class Region:
    code: str  # kommunkod (4 digits), länskod (2 digits) or "00" for the country
    name: str
    kind: str  # "kommun", "lan" or "riket"


@dataclass(frozen=True)
class StatRow:
    region: Region
    year: int
    indicator: str
    unit: str
    value: float | None  # None: suppressed in the source ("..")
    source: str


@dataclass(frozen=True)
class StatError:
    row: int
    message: str


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


@cache
def regions() -> dict[str, Region]:
    """Every municipality and county by folded name (with and without "kommun"/"län")."""
    out: dict[str, Region] = {
        "hela landet": Region("00", "Hela landet", "riket"),
        "riket": Region("00", "Hela landet", "riket"),
        # SCB's and BRÅ's tables name the national row so.
        "sverige": Region("00", "Hela landet", "riket"),
        "sverige totalt": Region("00", "Hela landet", "riket"),
        "totalt": Region("00", "Hela landet", "riket"),
    }
    with open(DATA / "kommuner-sverige.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            region = Region(row["municipality_code"], row["municipality_name_short"], "kommun")
            out[_fold(row["municipality_name"])] = region
            out[_fold(row["municipality_name_short"])] = region
            out[row["municipality_code"]] = region
    with open(DATA / "lan-sverige.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            region = Region(row["county_code"], row["county_name"], "lan")
            out[_fold(row["county_name"])] = region
            out[_fold(row["county_name_short"])] = region
    return out


def _unit(text: str) -> str | None:
    """BRÅ's units; the NTU survey's shares carry a description ("Andel (%) i befolkningen
    (16-84 år) som …"), and the count of respondents has none."""
    folded = _fold(text)
    if not folded:
        return "antal"
    if folded.startswith("andel"):
        return "andel"
    return UNITS.get(folded)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("Filen kan inte läsas som text (UTF-8 eller Windows-1252).")


def _number(text: str) -> float:
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    return float(cleaned)


# Folded header → our column, so "År", "Värde", "Källa " or "Region" read as saved by Excel.
HEADERS = {
    "geografi": "geografi",
    "region": "geografi",
    "kommun": "geografi",
    "enhet": "enhet",
    "ar": "ar",
    "år": "ar",
    "variabel": "variabel",
    "indikator": "variabel",
    "brottskategori": "variabel",
    "varde": "varde",
    "värde": "varde",
    "kalla": "kalla",
    "källa": "kalla",
}
SEPARATORS = {",": "komma", ";": "semikolon", "\t": "tabb"}
# BRÅ and SCB write ".." for a figure that is suppressed (too few to publish).
SUPPRESSED = frozenset({"..", "…", "."})


def _separator(text: str) -> str:
    """The separator of the header line: Swedish Excel saves CSV with semicolons (the comma is
    the decimal mark), others with commas."""
    header = text.split("\n", 1)[0]
    return max(SEPARATORS, key=header.count)


def parse_indicators(raw: bytes) -> tuple[list[StatRow], list[StatError]]:
    """BRÅ's municipal indicators, long layout, with comma, semicolon or tab as separator and
    headers in any case. Unknown regions, offences, units or numbers and repeated rows are
    reported with their row number (the header is row 1); suppressed values ("..") are read
    as suppressed; the rest is read."""
    text = _decode(raw)
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header = next(reader, None) or []
    columns = {HEADERS.get(_fold(h)): i for i, h in enumerate(header) if HEADERS.get(_fold(h))}
    needed = ("geografi", "enhet", "ar", "variabel", "varde", "kalla")
    if not set(needed) <= set(columns):
        found = ", ".join(h.strip() for h in header if h.strip()) or "inga"
        raise ValueError(
            "Kolumnerna geografi, enhet, ar, variabel, varde och kalla krävs. Filen lästes "
            f"med {SEPARATORS[separator]} som avgränsare och har kolumnerna: {found}."
        )
    rows, errors = [], []
    seen: dict[tuple, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {k: (cells[i].strip() if i < len(cells) else "") for k, i in columns.items()}
        region = regions().get(_fold(row["geografi"]))
        if region is None:
            errors.append(
                StatError(number, f"Rad {number}: okänd kommun eller region '{row['geografi']}'.")
            )
            continue
        source, indicator = row["kalla"], row["variabel"]
        if source == "Anmälda brott" and indicator not in REPORTED_OFFENCES:
            errors.append(StatError(number, f"Rad {number}: okänd brottskategori '{indicator}'."))
            continue
        unit = _unit(row["enhet"])
        if unit is None:
            errors.append(StatError(number, f"Rad {number}: okänd enhet '{row['enhet']}'."))
            continue
        try:
            year = int(row["ar"])
            value = None if row["varde"] in SUPPRESSED else _number(row["varde"])
        except ValueError:
            errors.append(StatError(number, f"Rad {number}: år eller värde är inte ett tal."))
            continue
        key = (region.code, year, indicator, unit, source)
        if key in seen:
            errors.append(
                StatError(
                    number,
                    f"Rad {number}: samma region, år, variabel och enhet som rad {seen[key]}; "
                    "raden hoppades över.",
                )
            )
            continue
        seen[key] = number
        rows.append(StatRow(region, year, indicator, unit, value, source))
    return rows, errors


def parse_municipal_file(
    raw: bytes, *, offence: str, year: int
) -> tuple[list[StatRow], list[StatError]]:
    """BRÅ's "Anmälda brott i kommunerna" file for one offence and year."""
    if offence not in REPORTED_OFFENCES:
        raise ValueError(f"Okänd brottskategori: {offence}.")
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text), delimiter=_separator(text))
    header = next(reader, None)
    if not header or _fold(header[0]) != "kommun":
        raise ValueError("Första raden ska vara rubrikerna Kommun;Antal;Per 100 000 inv.")
    rows, errors = [], []
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < 3:
            errors.append(StatError(number, f"Rad {number}: tre kolumner krävs."))
            continue
        region = regions().get(_fold(cells[0]))
        if region is None:
            errors.append(StatError(number, f"Rad {number}: okänd kommun '{cells[0]}'."))
            continue
        try:
            count, rate = (None if c.strip() in SUPPRESSED else _number(c) for c in cells[1:3])
        except ValueError:
            errors.append(
                StatError(number, f"Rad {number}: antal eller per 100 000 är inte ett tal.")
            )
            continue
        if region.code in seen:
            errors.append(
                StatError(
                    number,
                    f"Rad {number}: {region.name} finns redan på rad {seen[region.code]}; "
                    "raden hoppades över.",
                )
            )
            continue
        seen[region.code] = number
        rows.append(StatRow(region, year, offence, "antal", count, "Anmälda brott"))
        rows.append(StatRow(region, year, offence, "per100k", rate, "Anmälda brott"))
    return rows, errors
