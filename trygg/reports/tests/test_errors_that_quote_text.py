"""The reports' own errors quote the rows and feed entries they refuse: reports registers
them with core's log filter at start-up, so a log names their kind, never their message."""

import pytest

from trygg.core.logging import REMOVED, exception_message, format_exception
from trygg.reports.polisen import PoliceFeedError
from trygg.reports.tabular import TabularError

TOKEN = "Zq7Tokenxyz"


@pytest.mark.parametrize(
    "exc",
    [TabularError(f"Rad 3: okänd kategori '{TOKEN}'"), PoliceFeedError(f"Händelse {TOKEN}")],
    ids=["tabular", "polisen"],
)
def test_an_error_that_quotes_report_text_is_logged_without_its_message(exc):
    assert exception_message(exc) == REMOVED
    assert TOKEN not in format_exception(exc)
    assert type(exc).__name__ in format_exception(exc)
