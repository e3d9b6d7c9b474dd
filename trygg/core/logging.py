"""Logs never carry report text: a filter on every handler in settings.LOGGING.

Report text reaches a log record in four ways, and the filter closes each:

- `request` in the record's extras (django.request and django.security attach the request,
  with its POST body, for handlers such as the admin e-mail): replaced by its method and
  path.
- The exception: a traceback's source lines are code, but its messages are not. Database
  errors quote the values of the row (PostgreSQL's DETAIL, a trigger's RAISE), openpyxl's
  IllegalCharacterError quotes the whole cell, validation errors quote what was typed. The
  traceback is formatted here, with the messages of those kinds replaced and every other
  message cut short, and the live exception dropped from the record, so no handler can
  reach the frames' local variables either.
- SQL logged by django.db.backends at DEBUG: the statement as executed has the values in
  it, and the parameters are the values; only the statement's kind and duration remain.
- Long arguments to a log call: our own code logs ids, never text, but a library might;
  anything longer than a short identifier is cut.

The filter changes the record in place (the same record then goes to every other handler)
and never drops one.
"""

import logging
import traceback

REMOVED = "[borttaget: kan innehålla rapporttext]"
MAX_ARGUMENT = 200
MAX_MESSAGE = 200

# Exceptions (and their subclasses) whose messages quote the data being handled, by
# "module.qualname" so that this module imports none of them. An app adds its own in
# AppConfig.ready with text_carrying(...): core names no app.
_text_carrying_exceptions = {
    "django.db.utils.Error",
    "sqlite3.Error",
    "psycopg.Error",
    "django.core.exceptions.ValidationError",
    "pydantic_core._pydantic_core.ValidationError",
    "openpyxl.utils.exceptions.IllegalCharacterError",
    "builtins.UnicodeError",
}


def text_carrying(*names: str) -> None:
    """Marks exceptions ("module.qualname") whose messages may quote report text, so logs
    show their kind but never their message."""
    _text_carrying_exceptions.update(names)


def _carries_text(exc: BaseException) -> bool:
    return any(
        f"{cls.__module__}.{cls.__qualname__}" in _text_carrying_exceptions
        for cls in type(exc).__mro__
    )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"… [{len(text) - limit} tecken till]"


def exception_message(exc: BaseException) -> str:
    """What the log may say about `exc`: its message unless its kind quotes data."""
    if _carries_text(exc):
        return REMOVED
    try:
        text = str(exc)
    except Exception:
        return "[meddelandet kunde inte visas]"
    return _cut(text, MAX_MESSAGE)


def format_exception(exc: BaseException) -> str:
    """A traceback like Python's, chained exceptions included, with exception_message in
    place of each message (notes left out: they are messages too)."""
    parts: list[str] = []
    seen: set[int] = set()

    def walk(e: BaseException) -> None:
        seen.add(id(e))
        if e.__cause__ is not None and id(e.__cause__) not in seen:
            walk(e.__cause__)
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
            )
        elif (
            e.__context__ is not None
            and not e.__suppress_context__
            and id(e.__context__) not in seen
        ):
            walk(e.__context__)
            parts.append(
                "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        if e.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(e.__traceback__))
        cls = type(e)
        name = (
            cls.__qualname__
            if cls.__module__ == "builtins"
            else f"{cls.__module__}.{cls.__qualname__}"
        )
        parts.append(f"{name}: {exception_message(e)}\n")

    walk(exc)
    return "".join(parts).rstrip("\n")


def _short(value):
    if isinstance(value, str):
        return _cut(value, MAX_ARGUMENT)
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {exception_message(value)}"
    return value


class NoReportText(logging.Filter):
    """Removes what could be report text from every record (see the module's docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            record.request = f"{getattr(request, 'method', '')} {getattr(request, 'path', '')}"
        if record.exc_info:
            exc = record.exc_info[1]
            if exc is not None:
                record.exc_text = format_exception(exc)
            record.exc_info = None
        if record.name.startswith("django.db.backends"):
            self._sql(record)
        elif isinstance(record.msg, BaseException):
            record.msg = _short(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_short(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _short(v) for k, v in record.args.items()}
        return True

    @staticmethod
    def _sql(record: logging.LogRecord) -> None:
        sql = getattr(record, "sql", None)
        if sql is None and isinstance(record.args, tuple) and record.args:
            sql = record.args[0] if isinstance(record.args[0], str) else None
        kind = str(sql).split(None, 1)[0].upper() if sql and str(sql).split() else "SQL"
        duration = getattr(record, "duration", None)
        record.msg = "(%s) %s; %s"
        record.args = (
            f"{duration:.3f}" if isinstance(duration, float) else "?",
            kind,
            "[satsen och dess värden borttagna]",
        )
        for name in ("sql", "params"):
            if hasattr(record, name):
                setattr(record, name, REMOVED)
