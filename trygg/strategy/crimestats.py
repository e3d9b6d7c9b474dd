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
    value: float
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


def parse_indicators(raw: bytes) -> tuple[list[StatRow], list[StatError]]:
    """BRÅ's municipal indicators, long layout. Unknown regions, offences, units or numbers
    are reported with their row number (the header is row 1); the rest is read."""
    reader = csv.DictReader(io.StringIO(_decode(raw)))
    needed = {"geografi", "enhet", "ar", "variabel", "varde", "kalla"}
    if not reader.fieldnames or not needed <= set(reader.fieldnames):
        raise ValueError("Kolumnerna geografi, enhet, ar, variabel, varde och kalla krävs.")
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        region = regions().get(_fold(row["geografi"] or ""))
        if region is None:
            errors.append(
                StatError(number, f"Rad {number}: okänd kommun eller region '{row['geografi']}'.")
            )
            continue
        source = (row["kalla"] or "").strip()
        indicator = (row["variabel"] or "").strip()
        if source == "Anmälda brott" and indicator not in REPORTED_OFFENCES:
            errors.append(StatError(number, f"Rad {number}: okänd brottskategori '{indicator}'."))
            continue
        unit = _unit(row["enhet"] or "")
        if unit is None:
            errors.append(StatError(number, f"Rad {number}: okänd enhet '{row['enhet']}'."))
            continue
        try:
            year = int(row["ar"])
            value = _number(row["varde"])
        except (TypeError, ValueError):
            errors.append(StatError(number, f"Rad {number}: år eller värde är inte ett tal."))
            continue
        rows.append(StatRow(region, year, indicator, unit, value, source))
    return rows, errors


def parse_municipal_file(
    raw: bytes, *, offence: str, year: int
) -> tuple[list[StatRow], list[StatError]]:
    """BRÅ's "Anmälda brott i kommunerna" file for one offence and year."""
    if offence not in REPORTED_OFFENCES:
        raise ValueError(f"Okänd brottskategori: {offence}.")
    reader = csv.reader(io.StringIO(_decode(raw)), delimiter=";")
    header = next(reader, None)
    if not header or _fold(header[0]) != "kommun":
        raise ValueError("Första raden ska vara rubrikerna Kommun;Antal;Per 100 000 inv.")
    rows, errors = [], []
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
            count, rate = _number(cells[1]), _number(cells[2])
        except ValueError:
            errors.append(
                StatError(number, f"Rad {number}: antal eller per 100 000 är inte ett tal.")
            )
            continue
        rows.append(StatRow(region, year, offence, "antal", count, "Anmälda brott"))
        rows.append(StatRow(region, year, offence, "per100k", rate, "Anmälda brott"))
    return rows, errors
