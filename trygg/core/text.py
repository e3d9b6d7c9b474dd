"""Text that every output can carry: control characters removed.

A control character typed or pasted into a form (or sent through the API or an import) is
invisible to people but not to formats: XML 1.0 forbids most of them, so an Open311 feed
carrying one does not parse, and openpyxl refuses to write one into an XLSX cell. Lone
surrogates (from a JSON "\\ud800") cannot even be encoded as UTF-8 for the database. They are
stripped where text comes in (the reports services) and again where it goes out to such a
format, for rows stored before the rule or written past the services.
"""

import re

# C0 controls except tab, line feed and carriage return; DEL; the C1 controls; lone
# surrogates; and U+FFFE/U+FFFF, which are not characters at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_control_characters(text: str) -> str:
    """`text` without the characters no document format should carry; tab, line feed and
    carriage return are kept."""
    return _CONTROL.sub("", text) if text else text


def clean(value):
    """strip_control_characters for strings; anything else unchanged (for rows of mixed
    values such as an export's)."""
    return _CONTROL.sub("", value) if isinstance(value, str) and value else value


def clean_fields(obj):
    """A copy of the dataclass `obj` with control characters stripped from its text fields."""
    import dataclasses

    return dataclasses.replace(
        obj,
        **{
            f.name: clean(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if isinstance(getattr(obj, f.name), str)
        },
    )
