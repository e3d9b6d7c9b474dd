"""Cells that a spreadsheet shows as text, never runs as a formula (OWASP "CSV injection").

A citizen can type `=HYPERLINK("http://x";"Klicka")` as a description; a staff member who
opens the export in Excel or LibreOffice would then get a live link or a DDE command under
the municipality's name. Spreadsheets read a text cell as a formula when it starts with one
of FORMULA_START (`-` and `+` because `-1+1` is arithmetic; `@` for Lotus-style functions;
tab and carriage return because some programs skip them before looking for `=`).

The two formats are neutralised differently, each in the way that keeps the text exact:
- CSV has no cell types, so a program guesses; OWASP's remedy is a leading apostrophe, which
  Excel hides and LibreOffice shows. The reader sees `'=HYPERLINK(…)`: the text is intact
  and obviously inert.
- XLSX has typed cells: openpyxl writes a string starting with `=` as a formula, so every
  text is written as an explicit string cell (`data_type = "s"`), which no spreadsheet
  evaluates. The value stays exactly as typed, with no apostrophe.
Numbers stay numbers in both (a negative cost is `-500`, not `'-500`).
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """`value` for a CSV file: text a spreadsheet would evaluate gets a leading apostrophe;
    numbers and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_row(sheet, values) -> list:
    """`values` as cells for `sheet` (an openpyxl write-only worksheet): every text an
    explicit string cell, so a leading `=` is text and not a formula; numbers as numbers."""
    from openpyxl.cell import WriteOnlyCell  # only the Excel exports need openpyxl

    cells = []
    for value in values:
        if hasattr(value, "as_tuple"):  # Decimal: openpyxl would write it, Excel reads float
            value = float(value)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells
