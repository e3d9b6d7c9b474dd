"""The logging filter that keeps report text out of the logs: on every handler, and what it
leaves of each kind of record."""

import logging
import sqlite3

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import RequestFactory

from trygg.core.logging import REMOVED, NoReportText, format_exception

SECRET = "Anna Andersson 811218-9876 på Storgatan 3"


def _handlers():
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            # pytest's own capturing handlers are not part of the configuration, and a
            # NullHandler writes nowhere.
            if not type(handler).__module__.startswith("_pytest") and not isinstance(
                handler, logging.NullHandler
            ):
                yield logger.name, handler


def test_every_configured_handler_carries_the_filter():
    handlers = list(_handlers())
    assert handlers, "no handler configured"
    for name, handler in handlers:
        assert any(isinstance(f, NoReportText) for f in handler.filters), name


def _record(msg="%s", args=(), *, name="trygg.test", exc=None, **extra):
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    record = logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def _raised(exc):
    try:
        raise exc
    except BaseException as caught:
        return caught


def _chained():
    try:
        try:
            raise sqlite3.IntegrityError(f"refused: {SECRET}")
        except sqlite3.IntegrityError as db_error:
            raise IntegrityError(f"refused: {SECRET}") from db_error
    except IntegrityError as outer:
        return outer


def _openpyxl_error():
    from openpyxl.utils.exceptions import IllegalCharacterError

    return _raised(IllegalCharacterError(f"{SECRET}\x01 cannot be used in worksheets."))


# (case, record factory, what the formatted record must contain)
SCRUBBED = [
    (
        "Django's wrapped database error and the driver's error it was raised from",
        lambda: _record("import failed", exc=_chained()),
        ["IntegrityError: " + REMOVED, "direct cause", "Traceback (most recent call last)"],
    ),
    (
        "openpyxl's refusal, which quotes the whole cell",
        lambda: _record("export failed", exc=_openpyxl_error()),
        ["openpyxl.utils.exceptions.IllegalCharacterError: " + REMOVED],
    ),
    (
        "a validation error quoting what was typed",
        lambda: _record("x", exc=_raised(ValidationError(f"'{SECRET}' är fel."))),
        ["ValidationError: " + REMOVED],
    ),
    (
        "a message too long to be anything but text",
        lambda: _record("x", exc=_raised(RuntimeError("x" * 300 + SECRET))),
        ["RuntimeError: " + "x" * 200 + "… [", "tecken till]"],
    ),
    (
        "the request Django attaches, with its POST body",
        lambda: _record(
            "Internal Server Error: %s",
            ("/rapporter/ny/",),
            name="django.request",
            request=RequestFactory().post("/rapporter/ny/", {"description": SECRET}),
        ),
        ["Internal Server Error: /rapporter/ny/"],
    ),
    (
        "SQL logged at DEBUG, values in the statement and as parameters",
        lambda: _record(
            "(%.3f) %s; args=%s; alias=%s",
            (0.0123, f"INSERT INTO reports_report VALUES ('{SECRET}')", (SECRET,), "default"),
            name="django.db.backends",
            sql=f"INSERT INTO reports_report VALUES ('{SECRET}')",
            params=(SECRET,),
            duration=0.0123,
        ),
        ["(0.012) INSERT; [satsen och dess värden borttagna]"],
    ),
    (
        "a long argument to a log call",
        lambda: _record("row: %s", ("y" * 250 + SECRET,)),
        ["row: " + "y" * 200 + "…"],
    ),
    (
        "an exception logged as the message",
        lambda: _record(_raised(IntegrityError(SECRET))),
        ["IntegrityError: " + REMOVED],
    ),
]


@pytest.mark.parametrize(("case", "make", "expected"), SCRUBBED, ids=[c[0] for c in SCRUBBED])
def test_the_filter_leaves_no_report_text_in_a_record(case, make, expected):
    record = make()
    assert NoReportText().filter(record) is True
    formatted = logging.Formatter("%(name)s %(message)s").format(record)
    assert SECRET not in formatted
    assert SECRET not in repr(vars(record))
    assert record.exc_info is None
    for part in expected:
        assert part in formatted


def test_a_request_becomes_its_method_and_path():
    record = _record(request=RequestFactory().post("/arende/?kod=1", {"description": SECRET}))
    NoReportText().filter(record)
    assert record.request == "POST /arende/"


def test_messages_of_other_exceptions_are_kept_for_debugging():
    record = _record("failed", exc=_raised(KeyError("category")))
    NoReportText().filter(record)
    assert record.exc_text.endswith("KeyError: 'category'")
    assert "test_logging.py" in record.exc_text  # the frames are kept


def test_filtering_twice_changes_nothing_more():
    record = _record("import failed", exc=_chained())
    NoReportText().filter(record)
    once = (record.getMessage(), record.exc_text)
    NoReportText().filter(record)
    assert (record.getMessage(), record.exc_text) == once


def test_the_traceback_of_an_exception_without_one_is_its_message():
    assert format_exception(KeyError("x")) == "KeyError: 'x'"
