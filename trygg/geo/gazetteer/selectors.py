"""Reads of the gazetteer for other apps: what a typed place names, and suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .index import Match, Status, Suggestion, gazetteer

if TYPE_CHECKING:
    from trygg.core.models import Municipality

PlaceStatus = Status
MAX_QUERY = 100


def place_lookup(*, municipality: Municipality, text: str) -> Match:
    """The one address or place in the municipality that `text` names, or why there is none."""
    if not (text or "").strip():
        return Match(Status.INGEN)
    return gazetteer(municipality).lookup(text[:200])


def places_in_text(*, municipality: Municipality):
    """A function text → Match for the one placed name a text mentions (the Police import
    asks for each event of a chunk with one gazetteer)."""
    return gazetteer(municipality).find_in_text


def place_suggestions(*, municipality: Municipality, text: str, limit: int = 10) -> list[dict]:
    """Autocomplete rows {"label", "kind"} for what has been typed (at least two letters)."""
    text = (text or "")[:MAX_QUERY]
    if len(text.strip()) < 2:
        return []
    found: list[Suggestion] = gazetteer(municipality).suggest(text, limit=limit)
    return [{"label": s.label, "kind": s.kind} for s in found]


def place_message(match: Match, text: str) -> str:
    """What a form says about a typed place it could not put on the map, in Swedish."""
    if match.status == Status.FLERA:
        names = ", ".join(match.candidates[:5])
        return (
            f"”{text}” kan vara flera platser: {names}. Skriv mer exakt, välj i listan eller "
            "peka ut platsen på kartan."
        )
    if match.status == Status.OKAND_PLATS:
        return (
            f"”{text}” finns i kommunen men vi vet inte var. Lägg till husnummer, peka ut "
            "platsen på kartan eller skicka ändå, så sparas texten."
        )
    return (
        f"Vi hittar ingen adress eller plats som heter ”{text}”. Kontrollera stavningen, peka "
        "ut platsen på kartan eller skicka ändå, så sparas texten."
    )
