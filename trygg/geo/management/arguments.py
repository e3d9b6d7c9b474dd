"""What geo's commands share: the municipality named by --kommunkod and the file to read,
each refused with the same Swedish message."""

from pathlib import Path

from django.core.management.base import CommandError

from trygg.core.models import Municipality


def municipality_by_code(kommunkod: str) -> Municipality:
    municipality = Municipality.objects.filter(kommunkod=kommunkod).first()
    if municipality is None:
        raise CommandError(f"Ingen kommun med kommunkod {kommunkod}.")
    return municipality


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Filen kan inte läsas: {exc}") from None
