"""The question bank's import: the municipality's CSV of core questions keyed to the NTU
indicators, each line checked with a Swedish message, nothing stored unless every line is
right. The wording is the municipality's file's, never ours."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer
from trygg.strategy.selectors.dialog_links import ntu_indicators

from ..audit_events import BANK_IMPORTED
from ..models import BankItem, Question

COLUMNS = (
    "code",
    "indicator",
    "source",
    "kind",
    "text",
    "text_en",
    "text_easy",
    "options",
    "indicator_values",
)
REQUIRED = ("code", "indicator", "source", "kind", "text")
KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.LIKERT,
    Question.Kind.NUMBER,
    Question.Kind.TEXT,
)
CHOICE = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.LIKERT)
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
NO_NTU = (
    "Kommunen har inte importerat någon statistik från Nationella trygghetsundersökningen "
    "(NTU), så indikatorernas namn kunde inte kontrolleras."
)


@dataclass
class BankImport:
    created: int = 0
    updated: int = 0
    warnings: list[str] = field(default_factory=list)


def _text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("Filen kan inte läsas som text (UTF-8 eller Windows-1252).")


def _rows(raw: bytes) -> list[tuple[int, dict]]:
    if len(raw) > MAX_BYTES:
        raise ValidationError("Filen är större än 2 MB.")
    text = _text(raw)
    first = text.split("\n", 1)[0]
    # Excel saves Swedish CSV with semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            "Filen saknar kolumnerna "
            + ", ".join(missing)
            + ". Första raden ska vara: "
            + ",".join(COLUMNS)
            + "."
        )
    reader.fieldnames = header
    rows = [
        (n, row)
        for n, row in enumerate(reader, start=2)
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]  # noqa: E501
    if not rows:
        raise ValidationError("Filen har inga frågor.")
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"Filen har fler än {MAX_ROWS} frågor.")
    return rows


def _options(text: str) -> list[dict]:
    options = []
    for part in (p.strip() for p in text.split("|")):
        if not part:
            continue
        value, sep, label = part.partition("=")
        if not sep or not value.strip() or not label.strip():
            raise ValueError(
                f"svarsalternativet ”{part}” behöver ett värde och en text, t.ex. ”1=Mycket trygg”"
            )
        options.append({"value": value.strip(), "label": label.strip()})
    return options


def _item(row: dict, indicators: set[str]) -> tuple[dict, list[str]]:
    """One line as a bank item's fields, or ValueError with what is wrong."""
    values = {c: (row.get(c) or "").strip() for c in COLUMNS}
    problems = [f"{c} saknas" for c in REQUIRED if not values[c]]
    if problems:
        raise ValueError(", ".join(problems))
    code = values["code"]
    if slugify(code) != code or len(code) > 60:
        raise ValueError(
            f"koden ”{code}” får bara ha små bokstäver a–z, siffror och bindestreck "
            "(högst 60 tecken)"
        )
    if values["kind"] not in KINDS:
        raise ValueError(f"frågetypen ”{values['kind']}” är okänd; skriv en av " + ", ".join(KINDS))
    if len(values["indicator"]) > 300 or len(values["source"]) > 200:
        raise ValueError("indikatorn får vara högst 300 tecken och källan högst 200")
    if indicators and values["indicator"] not in indicators:
        raise ValueError(
            f"indikatorn ”{values['indicator']}” finns inte bland de NTU-mått kommunen har "
            "importerat i brottsstatistiken"
        )
    options = _options(values["options"])
    if values["kind"] in CHOICE and len(options) < 2:
        raise ValueError("frågan behöver minst två svarsalternativ")
    if values["kind"] not in CHOICE and options:
        raise ValueError("bara frågor med svarsalternativ har alternativ")
    option_values = [o["value"] for o in options]
    if len(set(option_values)) != len(option_values):
        raise ValueError("två svarsalternativ har samma värde")
    chosen = [v.strip() for v in values["indicator_values"].split("|") if v.strip()]
    unknown = [v for v in chosen if v not in option_values]
    if unknown:
        raise ValueError(
            "indikatorvärdet "
            + ", ".join(f"”{v}”" for v in unknown)
            + " finns inte bland svarsalternativen"
        )
    fields = {
        "indicator": values["indicator"],
        "source": values["source"],
        "kind": values["kind"],
        "text": values["text"],
        "text_en": values["text_en"],
        "text_easy": values["text_easy"],
        "options": options,
        "indicator_values": chosen,
    }
    return code, fields


@transaction.atomic
def bank_import(*, viewer: Viewer, raw: bytes, filename: str = "") -> BankImport:
    """Stores or replaces (by code) every question of the file; any bad line refuses the
    whole file with one message per line. An indicator must be an NTU measure the
    municipality has imported; with none imported, the file is accepted with a warning."""
    require(viewer, "dialog.manage")
    rows = _rows(raw)
    indicators = ntu_indicators(municipality=viewer.municipality)
    result = BankImport(warnings=[] if indicators else [NO_NTU])
    errors: list[str] = []
    items: dict[str, dict] = {}
    for line, row in rows:
        try:
            code, fields = _item(row, indicators)
        except ValueError as problem:
            errors.append(f"Rad {line}: {problem}.")
            continue
        if code in items:
            errors.append(f"Rad {line}: koden ”{code}” finns redan på en tidigare rad.")
            continue
        items[code] = fields
    if errors:
        raise ValidationError(errors)
    known = {
        b.code: b for b in BankItem.objects.filter(municipality=viewer.municipality, code__in=items)
    }
    for code, fields in items.items():
        item = known.get(code) or BankItem(municipality=viewer.municipality, code=code)
        for name, value in fields.items():
            setattr(item, name, value)
        if item.pk is None:
            result.created += 1
        else:
            result.updated += 1
        item.save()
    audit(
        viewer,
        BANK_IMPORTED,
        None,
        summary=f"Frågebanken: {result.created} nya och {result.updated} ersatta frågor",
        created=result.created,
        updated=result.updated,
        unchecked_indicators=not indicators,
    )
    return result
