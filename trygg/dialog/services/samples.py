"""A sampled survey's sample: one one-time code per member, from an uploaded list (CSV or
XLSX: referens, deso, kön, ålder or åldersgrupp) or from a count per DeSO; the codes for the
mail merge, and reminder rounds of the codes not yet used.

The list's reference is the municipality's own row key (the only link to a person, kept
until the list is deleted when the survey closes); a code never reaches an answer."""

from __future__ import annotations

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer
from trygg.reports.tabular.fields import TabularError
from trygg.reports.tabular.reading import read_table

from ..audit_events import CODES_EXPORTED, SAMPLE_IMPORTED
from ..models import Invitation, Survey
from ..models.answers import AgeBand, Sex

# Short and unambiguous when typed from a letter: no 0/O, 1/I (nor L, easily read as 1).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_SAMPLE = 50_000
MAX_ERRORS = 20
DESO_CODE = re.compile(r"^\d{4}[A-C]\d{4}$")

COLUMNS = {
    "referens": "reference",
    "deso": "deso",
    "desokod": "deso",
    "kön": "sex",
    "kon": "sex",
    "ålder": "age",
    "alder": "age",
    "åldersgrupp": "age_band",
    "aldersgrupp": "age_band",
}
SEXES = {"kvinna": Sex.KVINNA, "k": Sex.KVINNA, "kvinnor": Sex.KVINNA, "man": Sex.MAN,
         "m": Sex.MAN, "män": Sex.MAN}  # fmt: skip
BANDS = {v: v for v in AgeBand.values} | {
    "16–24": "16-24", "25–44": "25-44", "45–64": "45-64", "65+": "65-", "65–": "65-",
}  # fmt: skip


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """K7M2QX9P → K7M2-QX9P: easier to copy from a letter; the dash is ignored when typed."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def _age_band(age: int) -> str | None:
    if age < 16:
        return None
    if age <= 24:
        return AgeBand.A16_24
    if age <= 44:
        return AgeBand.A25_44
    if age <= 64:
        return AgeBand.A45_64
    return AgeBand.A65


def _check_survey(viewer: Viewer, survey: Survey) -> None:
    require(viewer, "dialog.manage_sample")
    own(viewer, survey)
    if survey.mode != Survey.Mode.SAMPLED:
        raise ValidationError("Enkäten har en öppen länk och inget urval.")
    if survey.status == Survey.Status.STANGD:
        raise ValidationError("Enkäten är stängd; urvalet har gallrats.")


def _deso_error(code: str, municipality) -> str | None:
    if not DESO_CODE.match(code):
        return f"”{code}” är ingen DeSO-kod (t.ex. {municipality.kommunkod}C1010)."
    if not code.startswith(municipality.kommunkod):
        return f"DeSO {code} ligger inte i {municipality.name}."
    return None


def _rows(table, municipality) -> list[dict]:
    keys = [COLUMNS.get(h.strip().casefold()) for h in table.headers]
    if "reference" not in keys:
        raise ValidationError("Filen saknar kolumnen ”referens”.")
    if "age" in keys and "age_band" in keys:
        raise ValidationError("Ange antingen ”ålder” eller ”åldersgrupp”, inte båda.")
    rows, errors, seen = [], [], set()
    for number, cells in enumerate(table.rows, start=2):
        values = {k: c.strip() for k, c in zip(keys, cells, strict=False) if k}
        if not any(values.values()):
            continue
        row, problems = _row(values, municipality)
        if row["reference"] and row["reference"] in seen:
            problems.append(f"referensen ”{row['reference']}” finns redan på en tidigare rad")
        seen.add(row["reference"])
        if problems:
            errors.append(f"Rad {number}: " + "; ".join(problems) + ".")
        rows.append(row)
    if errors:
        more = len(errors) - MAX_ERRORS
        raise ValidationError(
            errors[:MAX_ERRORS] + ([f"… och {more} rader till."] if more > 0 else [])
        )
    if not rows:
        raise ValidationError("Filen har inga rader.")
    if len(rows) > MAX_SAMPLE:
        raise ValidationError(f"Urvalet har fler än {MAX_SAMPLE} rader.")
    return rows


def _row(values: dict, municipality) -> tuple[dict, list[str]]:
    problems = []
    reference = values.get("reference", "")
    if not reference:
        problems.append("referens saknas")
    elif len(reference) > 60:
        problems.append("referensen är längre än 60 tecken")
    deso = values.get("deso", "").upper()
    if deso and (error := _deso_error(deso, municipality)):
        problems.append(error.rstrip("."))
    sex = values.get("sex", "").casefold()
    if sex and sex not in SEXES:
        problems.append(f"kön ”{values['sex']}” känns inte igen (kvinna eller man)")
    band = ""
    if values.get("age"):
        age = values["age"]
        band = _age_band(int(age)) if age.isdigit() else None
        if band is None:
            problems.append(f"ålder ”{age}” ska vara ett heltal från 16")
    elif values.get("age_band"):
        band = BANDS.get(values["age_band"].replace(" år", "").replace(" ", ""))
        if band is None:
            problems.append(f"åldersgrupp ”{values['age_band']}” känns inte igen (t.ex. 25-44)")
    return {
        "reference": reference,
        "deso_code": deso,
        "sex": SEXES.get(sex, ""),
        "age_band": band or "",
    }, problems


def _issue(survey: Survey, rows: list[dict]) -> int:
    """Creates one invitation per row, each with a code unique in the survey."""
    taken = set(Invitation.objects.filter(survey=survey).values_list("code", flat=True))
    invitations = []
    for row in rows:
        code = _new_code()
        while code in taken:
            code = _new_code()
        taken.add(code)
        invitations.append(
            Invitation(municipality=survey.municipality, survey=survey, code=code, **row)
        )
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    return len(invitations)


def sample_import(*, viewer: Viewer, survey: Survey, raw: bytes, filename: str) -> int:
    """Issues a code per row of the uploaded sample; every row is checked first, so a file
    with a bad row stores nothing. Returns the number of codes issued."""
    _check_survey(viewer, survey)
    try:
        table = read_table(raw, filename)
    except TabularError as exc:
        raise ValidationError(str(exc)) from None
    rows = _rows(table, survey.municipality)
    with transaction.atomic():
        issued = _issue(survey, rows)
        audit(viewer, SAMPLE_IMPORTED, survey, summary=f"Urval importerat: {issued} koder",
              survey=survey.pk, issued=issued, source="fil")  # fmt: skip
    return issued


def parse_counts(text: str, municipality) -> dict[str, int]:
    """'1983C1010 120' (or ';' / ',' / tab between) per line → {DeSO: N}; Swedish errors."""
    counts: dict[str, int] = {}
    errors = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = [p for p in re.split(r"[\s;,:]+", line.strip()) if p]
        if not parts:
            continue
        if len(parts) != 2 or not parts[1].isdigit():
            errors.append(f"Rad {number}: skriv en DeSO-kod och ett antal, t.ex. 1983C1010 120.")
            continue
        deso, n = parts[0].upper(), int(parts[1])
        if error := _deso_error(deso, municipality):
            errors.append(f"Rad {number}: {error}")
        elif n < 1 or n > MAX_SAMPLE:
            errors.append(f"Rad {number}: antalet ska vara mellan 1 och {MAX_SAMPLE}.")
        else:
            counts[deso] = counts.get(deso, 0) + n
    if errors:
        raise ValidationError(errors[:MAX_ERRORS])
    if not counts:
        raise ValidationError("Skriv minst en rad med DeSO-kod och antal.")
    if sum(counts.values()) > MAX_SAMPLE:
        raise ValidationError(f"Urvalet har fler än {MAX_SAMPLE} koder.")
    return counts


def sample_from_counts(*, viewer: Viewer, survey: Survey, text: str) -> int:
    """Issues N codes per DeSO from lines of 'DeSO-kod antal'; the codes carry the DeSO."""
    _check_survey(viewer, survey)
    counts = parse_counts(text, survey.municipality)
    rows = [
        {"reference": "", "deso_code": deso, "sex": "", "age_band": ""}
        for deso, n in counts.items()
        for _ in range(n)
    ]
    with transaction.atomic():
        issued = _issue(survey, rows)
        audit(viewer, SAMPLE_IMPORTED, survey, summary=f"Urval per DeSO: {issued} koder",
              survey=survey.pk, issued=issued, source="antal", areas=len(counts))  # fmt: skip
    return issued


def codes_export(*, viewer: Viewer, survey: Survey, link: str, reminder: bool) -> list[list[str]]:
    """Rows (referens, deso, kod, länk) for the mail merge: every code, or for a reminder
    round only the codes not yet used, whose reminders_sent goes up by one. Audited."""
    _check_survey(viewer, survey)
    with transaction.atomic():
        invitations = Invitation.objects.filter(municipality=survey.municipality, survey=survey)
        if reminder:
            invitations = invitations.filter(used_at__isnull=True)
        rows = [
            [i.reference, i.deso_code, format_code(i.code), f"{link}?kod={i.code}"]
            for i in invitations.order_by("pk")
        ]
        if reminder:
            invitations.update(reminders_sent=F("reminders_sent") + 1)
        kind = "påminnelse" if reminder else "alla"
        audit(viewer, CODES_EXPORTED, survey, summary=f"Engångskoder hämtade ({kind}): {len(rows)}",
              survey=survey.pk, codes=len(rows), reminder=reminder)  # fmt: skip
    return rows
