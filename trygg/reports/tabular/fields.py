"""The fields a file's columns can map to, the table and row types, and TabularError."""

from dataclasses import dataclass


class TabularError(ValueError):
    """The whole file cannot be used; the message is Swedish and shown to the user."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    required: bool
    help: str
    # Header names that suggest_mapping recognises (compared after normalising).
    aliases: tuple[str, ...] = ()
    max_length: int | None = None


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "external_id", "Extern id", True,
        "Radens id i ursprungssystemet; samma id importeras inte två gånger.",
        ("id", "extern id", "externt id", "external id", "ärende", "ärendenummer", "ärende id",
         "ärendenr", "löpnummer", "referens", "referensnummer", "nr"),
        max_length=100,
    ),
    FieldSpec(
        "occurred_at", "Datum", True,
        "När det hände: ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM, svensk tid. Ett datum utan klockslag "
        "gäller hela dygnet. En tid som finns två gånger natten sommartiden slutar räknas "
        "som den första (sommartid).",
        ("datum", "tidpunkt", "datum och tid", "datum tid", "händelsedatum", "inträffade",
         "inträffat", "datum inträffat", "date", "datetime", "occurred at", "occurred",
         "timestamp", "tid"),
    ),
    FieldSpec(
        "occurred_time", "Klockslag", False,
        "Klockslaget (TT:MM) när datum och tid står i olika kolumner.",
        ("klockslag", "kl", "tid", "klockan", "time"),
    ),
    FieldSpec(
        "category", "Kategori", True,
        "Kategorins kod eller namn, t.ex. klotter eller Skadegörelse.",
        ("kategori", "category", "typ", "händelsetyp", "brottstyp", "ärendetyp", "type"),
    ),
    FieldSpec(
        "description", "Beskrivning", False, "Fritext om händelsen.",
        ("beskrivning", "description", "text", "händelse", "kommentar", "notering",
         "anteckning", "fritext"),
    ),
    FieldSpec(
        "lat", "Latitud", False, "WGS 84 i decimala grader, t.ex. 59,5140.",
        ("lat", "latitud", "latitude", "lat wgs84", "latitud wgs84"),
    ),
    FieldSpec(
        "lon", "Longitud", False, "WGS 84 i decimala grader, t.ex. 15,9926.",
        ("lon", "lng", "long", "longitud", "longitude", "lon wgs84", "longitud wgs84"),
    ),
    FieldSpec(
        "place_name", "Plats", False, "Adress eller platsens namn.",
        ("plats", "platsnamn", "adress", "place", "location", "gata", "område", "ort"),
        max_length=200,
    ),
    FieldSpec(
        "cost_sek", "Kostnad (kr)", False, "Uppskattad kostnad i kronor, t.ex. 1 500,50.",
        ("kostnad", "kostnad sek", "kostnad kr", "kostnad i kr", "kostnad i kronor",
         "skadekostnad", "belopp", "cost", "cost sek", "kr", "sek"),
    ),
    FieldSpec(
        "police_report_number", "Polisens diarienummer", False,
        "Polisanmälans nummer, t.ex. 5000-K123456-24.",
        ("diarienummer", "polisens diarienummer", "dnr", "polisanmälan", "anmälningsnummer",
         "k nummer", "polisens ärendenummer", "police report number"),
        max_length=40,
    ),
    FieldSpec(
        "people_count", "Antal personer", False, "Antal inblandade personer (heltal).",
        ("antal personer", "antal", "personer", "antal inblandade", "inblandade", "people",
         "people count"),
    ),
    FieldSpec(
        "youth_involved", "Unga inblandade", False, "ja, nej eller tomt.",
        ("unga inblandade", "ungdomar inblandade", "ungdomar", "ungdom", "unga", "youth",
         "youth involved"),
    ),
)  # fmt: skip
FIELD_BY_NAME = {f.name: f for f in FIELDS}


@dataclass(frozen=True)
class Table:
    headers: list[str]
    # Every data row (blank ones kept so numbering matches the spreadsheet), padded or cut
    # to the width of the header row.
    rows: list[list[str]]


@dataclass(frozen=True)
class RowOk:
    row_number: int
    values: dict


@dataclass(frozen=True)
class RowError:
    row_number: int
    field: str | None
    message: str
