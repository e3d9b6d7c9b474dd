"""Checks shared by the welfare forms and services: free text must hold no personal data,
and an organisation is given by a juridical person's organisation number."""

import re

from django.core.exceptions import ValidationError

from trygg.reports.privacy import luhn_ok, scan

_ORGNR = re.compile(r"^(?:16)?(\d{6})-?(\d{4})$")


def refuse_personal_data(fields: dict[str, str]) -> None:
    """Raises a ValidationError naming, per field, what personal data it holds."""
    errors = {}
    for name, text in fields.items():
        result = scan(text or "")
        if not result.clean:
            errors[name] = result.reason()
    if errors:
        raise ValidationError(errors)


def normalise_organisation_number(raw: str) -> str:
    """ "NNNNNN-NNNN" for a valid organisation number of a juridical person; "" for blank.
    A personnummer has the same shape, but its third digit (the month's first) is 0 or 1: an
    individual's number is refused, since the register names no person."""
    value = re.sub(r"[\s\u00a0]", "", raw or "")
    if not value:
        return ""
    m = _ORGNR.match(value)
    if m is None:
        raise ValidationError(
            "Ange organisationsnumret som tio siffror, till exempel 556123-4567.",
            code="format",
        )
    digits = m.group(1) + m.group(2)
    if int(digits[2]) < 2:
        raise ValidationError(
            "Numret är ett personnummer eller samordningsnummer, inte en juridisk persons "
            "organisationsnummer. Ärenden får inte peka ut enskilda personer.",
            code="individual",
        )
    if not luhn_ok(digits):
        raise ValidationError(
            "Organisationsnumret stämmer inte (kontrollsiffran är fel). Kontrollera numret.",
            code="checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"
