"""Reading an uploaded CSV or .xlsx file (zip-bomb guard included) into a Table of text cells."""

import csv
import io
import re
from datetime import date, datetime, time

from .fields import Table, TabularError

# Larger files are split by the user rather than held in memory and shown as one long list.
MAX_ROWS = 50_000


def read_table(raw: bytes, filename: str) -> Table:
    """The first sheet of an .xlsx file, or a CSV file (UTF-8 with or without BOM, UTF-16 or
    Windows-1252; separator `,`, `;` or tab), as text cells; raises TabularError otherwise."""
    if not raw:
        raise TabularError("Filen är tom.")
    name = filename.lower()
    if raw.startswith(b"PK\x03\x04"):
        if name.endswith(".ods"):
            raise TabularError(
                "OpenDocument-filer (.ods) stöds inte; spara filen som .xlsx eller CSV."
            )
        cells = _read_xlsx(raw)
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise TabularError("Gamla Excelfiler (.xls) stöds inte; spara filen som .xlsx eller CSV.")
    elif name.endswith((".xlsx", ".xlsm")):
        raise TabularError("Filen är inte en giltig Excelfil (.xlsx).")
    else:
        cells = _read_csv(raw)
    return _table(cells)


def _read_xlsx(raw: bytes) -> list[list[str]]:
    import openpyxl  # only needed for Excel files; keeps CSV-only callers light

    from trygg.core.uploads import UploadRejected, check_zip

    try:
        # Before openpyxl sees it: its shared strings are read whole into memory.
        check_zip(raw)
    except UploadRejected as exc:
        raise TabularError(str(exc)) from None
    rows: list[list[str]] = []
    try:
        # data_only: a formula's last computed value, which is what the user sees.
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:
        # openpyxl signals a damaged file with whatever zipfile, XML or its own code raised.
        raise TabularError("Excelfilen kunde inte läsas; den kan vara skadad.") from None
    try:
        if not workbook.worksheets:
            raise TabularError("Excelfilen har inga blad.")
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                raise TabularError(f"Filen har fler än {MAX_ROWS} rader; dela upp den.")
    except TabularError:
        raise
    except Exception:
        raise TabularError("Excelfilen kunde inte läsas; den kan vara skadad.") from None
    finally:
        workbook.close()
    return rows


def _cell_text(value) -> str:
    """An Excel cell as the text a user would type for it (dates as ISO 8601)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, float):
        # Excel stores every number as a float; an id typed as 17 must come back as "17".
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            # What Excel on Swedish Windows writes for "CSV (semikolonavgränsad)".
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise TabularError("Filens teckenkodning känns inte igen; spara den som CSV UTF-8.")


_SEP_LINE = re.compile(r'"?sep=(.)"?')


def _read_csv(raw: bytes) -> list[list[str]]:
    text = _decode(raw)
    if "\x00" in text:
        raise TabularError("Filen verkar inte vara en textfil; välj en CSV- eller .xlsx-fil.")
    first, _, rest = text.partition("\n")
    hint = _SEP_LINE.fullmatch(first.strip())
    if hint:
        # Excel's own hint line; Excel does not show it as a row, so neither do we.
        delimiter, text = hint.group(1), rest
    else:
        delimiter = _sniff_delimiter(text)
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise TabularError(f"Filen har fler än {MAX_ROWS} rader; dela upp den.")
    except csv.Error as e:
        raise TabularError(f"CSV-filen kunde inte läsas: {e}.") from None
    return rows


def _sniff_delimiter(text: str) -> str:
    """The candidate that splits the first lines into the same number (> 1) of columns most
    consistently; ties go to the wider split, then to `;` (Swedish Excel's choice)."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", (0.0, 0)
    for delimiter in (";", ",", "\t"):
        try:
            rows = [
                r
                for r in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(r) == width for r in rows) / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _table(cells: list[list[str]]) -> Table:
    while cells and not any(c.strip() for c in cells[-1]):
        cells.pop()
    if not cells:
        raise TabularError("Filen är tom.")
    header_cells = [c.replace("\ufeff", "").strip() for c in cells[0]]
    if not any(header_cells):
        raise TabularError("Första raden måste innehålla kolumnrubriker.")
    # Formatted but empty columns to the right of the data are common in spreadsheets.
    width = max(i for i, h in enumerate(header_cells) if h) + 1
    headers: list[str] = []
    for i, header in enumerate(header_cells[:width]):
        header = header or f"Kolumn {i + 1}"
        unique, n = header, 2
        while unique in headers:
            unique, n = f"{header} ({n})", n + 1
        headers.append(unique)
    rows = [(row + [""] * width)[:width] for row in cells[1:]]
    if len(rows) > MAX_ROWS:
        raise TabularError(f"Filen har fler än {MAX_ROWS} rader; dela upp den.")
    return Table(headers=headers, rows=rows)
