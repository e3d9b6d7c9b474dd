"""The population answers are weighted against: SCB's population per DeSO and sex
(FolkmDesoBakgrKon), and the age bands a municipality imports from its own register.

Two layouts are read:
- SCB's `DeSO.1,Kon,UtlBakgrund,values,Year` (UTF-8 with BOM): the rows of one DeSO, sex and
  year are summed over UtlBakgrund; `Kon = Totalt` is SCB's own sum and is skipped, never
  added to Kvinnor and Män. Stored as sex × DeSO with an empty age band.
- the municipality's `deso,kön,åldersgrupp,antal` (an `år` column, or the year given).
Every line is checked before anything is stored: one bad line refuses the whole file, with
every bad line named."""

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, require
from trygg.core.viewer import Viewer

from ..audit_events import POPULATION_IMPORTED
from ..models import PopulationStratum
from ..models.answers import AgeBand, Sex

SEXES = {"kvinnor": Sex.KVINNA, "kvinna": Sex.KVINNA, "män": Sex.MAN, "man": Sex.MAN}
SCB_TOTAL = "totalt"
DESO = re.compile(r"^\d{4}[A-C]\d{4}$")
AGE_BANDS = {band.value: band for band in AgeBand}
MAX_ERRORS = 20


def _age_band(text: str) -> str | None:
    t = text.strip().lower().replace("–", "-").replace("—", "-").replace(" ", "")
    t = t.removesuffix("år").replace("+", "-").replace("ochäldre", "-")
    return AGE_BANDS.get(t)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("Filen är inte i UTF-8. Spara den som CSV (UTF-8).") from None


def parse_population(raw: bytes, *, year: int | None = None) -> tuple[dict, list[str]]:
    """(deso, year, sex, age band) → people, and the Swedish error of each bad line."""
    text = _decode(raw)
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if {"deso.1", "kon", "values"} <= set(header) or {"deso", "kon", "folkmangd"} <= set(header):
        # SCB's columns, or the same with Swedish names (the demo's trimmed copy).
        scb = "deso.1" in header
        columns = {
            "deso": header.index("deso.1" if scb else "deso"),
            "sex": header.index("kon"),
            "count": header.index("values" if scb else "folkmangd"),
            "year": next((header.index(h) for h in ("year", "ar", "år") if h in header), None),
            "age": None,
        }
    elif {"deso", "kön", "åldersgrupp", "antal"} <= set(header):
        columns = {
            "deso": header.index("deso"),
            "sex": header.index("kön"),
            "age": header.index("åldersgrupp"),
            "count": header.index("antal"),
            "year": header.index("år") if "år" in header else None,
        }
    else:
        raise ValidationError(
            "Okänd kolumnrad. Filen ska ha SCB:s kolumner DeSO.1, Kon, UtlBakgrund, values och "
            "Year, eller kolumnerna deso, kön, åldersgrupp och antal."
        )
    if columns["year"] is None and year is None:
        raise ValidationError("Filen saknar år: ange vilket år befolkningen gäller.")
    out: dict[tuple, int] = {}
    errors: list[str] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue

        def cell(name, cells=cells):
            i = columns[name]
            return cells[i].strip() if i is not None and i < len(cells) else ""

        deso = cell("deso").upper()
        sex_text = cell("sex").lower()
        if sex_text == SCB_TOTAL and columns["age"] is None:
            continue  # SCB's own total of Kvinnor and Män
        problems = []
        if not DESO.match(deso):
            problems.append(f"”{deso}” är ingen DeSO-kod")
        sex = SEXES.get(sex_text)
        if sex is None:
            problems.append(f"kön ”{cell('sex')}” är varken kvinnor eller män")
        age = ""
        if columns["age"] is not None:
            age = _age_band(cell("age"))
            if age is None:
                problems.append(
                    f"åldersgruppen ”{cell('age')}” är inte en av 16-24, 25-44, 45-64 och 65-"
                )
        try:
            count = int(cell("count"))
            if count < 0:
                raise ValueError
        except ValueError:
            problems.append(f"antalet ”{cell('count')}” är inte ett heltal")
            count = 0
        row_year = year
        if columns["year"] is not None:
            try:
                row_year = int(cell("year"))
            except ValueError:
                problems.append(f"året ”{cell('year')}” är inte ett årtal")
        if problems:
            errors.append(f"Rad {number}: " + "; ".join(problems) + ".")
            continue
        key = (deso, row_year, sex, age)
        out[key] = out.get(key, 0) + count  # summed over UtlBakgrund
    return out, errors


@transaction.atomic
def population_import(*, viewer: Viewer, raw: bytes, source: str, year: int | None = None) -> int:
    """Stores the file's strata, replacing those with the same DeSO, year, sex and age band;
    a file with any bad line stores nothing. Returns the number of strata."""
    require(viewer, "dialog.import_population")
    strata, errors = parse_population(raw, year=year)
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(f"… och {len(errors) - MAX_ERRORS} rader till.")
        raise ValidationError(["Inget lästes in."] + shown)
    if not strata:
        raise ValidationError("Filen har inga rader med befolkning.")
    PopulationStratum.objects.bulk_create(
        [
            PopulationStratum(
                deso_code=d, year=y, sex=s, age_band=a, population=n, source=source[:200]
            )
            for (d, y, s, a), n in sorted(strata.items())
        ],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["deso_code", "year", "sex", "age_band"],
        update_fields=["population", "source"],
    )
    audit(
        viewer,
        POPULATION_IMPORTED,
        summary=f"Befolkning per DeSO och kön: {len(strata)} grupper",
        strata=len(strata),
        years=sorted({y for _, y, _, _ in strata}),
        with_age=any(a for *_, a in strata),
    )
    return len(strata)
