"""Column mapping: suggesting which header holds which field and checking the user's choice."""

import re
import unicodedata
from collections.abc import Iterable

from .fields import FIELD_BY_NAME, FIELDS, Table, TabularError

_ASCII = str.maketrans("åäöéü", "aaoeu")


def _normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFC", header).casefold().translate(_ASCII)
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def suggest_mapping(headers: Iterable[str]) -> dict[str, str]:
    """A proposed field → header mapping: each header used at most once, exact matches of
    known Swedish and English names first, then headers that begin with such a name."""
    headers = list(headers)
    normalised = [_normalise_header(h) for h in headers]
    mapping: dict[str, str] = {}
    used: set[int] = set()

    def take(field_name: str, predicate) -> None:
        if field_name in mapping:
            return
        spec = FIELD_BY_NAME[field_name]
        aliases = [_normalise_header(a) for a in (*spec.aliases, spec.name, spec.label)]
        # Aliases are tried in order of preference, so "datum" beats "tid" for the date.
        for alias in aliases:
            for i, header in enumerate(normalised):
                if i not in used and header and predicate(header, alias):
                    mapping[field_name] = headers[i]
                    used.add(i)
                    return

    exact = lambda header, alias: header == alias  # noqa: E731
    prefix = lambda header, alias: len(alias) >= 4 and header.startswith(alias + " ")  # noqa: E731
    for predicate in (exact, prefix):
        for spec in FIELDS:
            take(spec.name, predicate)
    return mapping


def _columns(table: Table, mapping: dict[str, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for field_name, header in mapping.items():
        if field_name not in FIELD_BY_NAME:
            raise TabularError(f"Okänt fält '{field_name}' i kolumnvalet.")
        if not header:
            continue  # forms send "" for "no column"
        if header not in table.headers:
            raise TabularError(f"Kolumnen '{header}' finns inte i filen.")
        columns[field_name] = table.headers.index(header)
    missing = [f.label for f in FIELDS if f.required and f.name not in columns]
    if missing:
        raise TabularError(
            "Välj en kolumn för de obligatoriska fälten: " + ", ".join(missing) + "."
        )
    if ("lat" in columns) != ("lon" in columns):
        raise TabularError("Latitud och longitud måste väljas tillsammans.")
    return columns
