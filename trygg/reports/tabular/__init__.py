"""Importing reports from CSV and Excel files: reading, column mapping and row validation.

Three steps, all pure: `read_table` turns the uploaded bytes into text cells, `suggest_mapping`
proposes which column holds which field, and `validate_rows` checks every row and returns
typed values or Swedish error messages. Nothing is stored here, so running the steps without
saving is the dry run. Row numbers are the ones a spreadsheet shows: the header is row 1.
"""

from trygg.locale_sv import STOCKHOLM

from .fields import FIELD_BY_NAME, FIELDS, FieldSpec, RowError, RowOk, Table, TabularError
from .mapping import suggest_mapping
from .reading import MAX_ROWS, read_table
from .validation import validate_rows

__all__ = [
    "FIELDS",
    "FIELD_BY_NAME",
    "MAX_ROWS",
    "STOCKHOLM",
    "FieldSpec",
    "RowError",
    "RowOk",
    "Table",
    "TabularError",
    "read_table",
    "suggest_mapping",
    "validate_rows",
]
