"""How typed place text is compared: pure functions, no Django.

Case, spacing, punctuation and foreign accents (é, ü) never make two names differ, but the
Swedish letters å, ä and ö are letters of their own: "Köping" is not "Koping". Folding them
(`fold`) is a separate, explicit fallback that callers use only when it gives one answer."""

import re
import unicodedata
from dataclasses import dataclass

_SWEDISH = frozenset("åäö")
_SEPARATORS = re.compile(r"[\s\-–—_.,;:/()\"'’`]+")
_FOLD = str.maketrans("åäö", "aao")
# Letters with accents to drop: anything beyond ASCII but the Swedish three. Most names have
# none, and the per-letter loop below is the slow part of a lookup.
_FOREIGN = re.compile("[^\x00-\x7fåäö]")
# "Storgatan 3", "Storgatan 3B", "Storgatan 3 b": the number (at most four digits) and its
# letter at the end, searched from there (a lazy street pattern backtracked: 5× slower).
_NUMBER_AT_END = re.compile(r"(?<!\d)(?P<number>\d{1,4})\s*(?P<letter>[a-zåäö])?$")
_POSTCODE = re.compile(r"^(?P<code>\d{3}\s?\d{2})\s*(?P<town>.*)$")


def normalise(text: str) -> str:
    """The comparison key of a name: casefolded, accents other than å/ä/ö removed,
    punctuation and hyphens as single spaces."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    if _FOREIGN.search(text):
        out = []
        for ch in text:
            if ch in _SWEDISH or ch.isascii():
                out.append(ch)
                continue
            nfd = unicodedata.normalize("NFD", ch)
            base = "".join(c for c in nfd if not unicodedata.combining(c))
            out.append(base or ch)
        text = "".join(out)
    return _SEPARATORS.sub(" ", text).strip()


def fold(key: str) -> str:
    """The fallback key: å and ä as a, ö as o ("koping" finds "köping")."""
    return key.translate(_FOLD)


@dataclass(frozen=True)
class AddressParts:
    street: str  # normalised
    number: str
    letter: str  # normalised, "" if none
    postcode: str  # five digits or ""
    town: str  # normalised, "" if none


def parse_address(text: str) -> AddressParts | None:
    """ "Storgatan 3B, 731 30 Köping" → its parts; None when the text has no house number
    after a street name (a place name, or a street alone)."""
    head, _, tail = (text or "").partition(",")
    head = normalise(head)
    match = _NUMBER_AT_END.search(head)
    street = head[: match.start()].strip() if match else ""
    if not street:
        return None
    postcode = town = ""
    tail = tail.strip()
    if tail:
        pc = _POSTCODE.match(tail)
        if pc:
            postcode, tail = pc.group("code").replace(" ", ""), pc.group("town")
        town = normalise(tail)
    return AddressParts(
        street=street,
        number=match.group("number").lstrip("0") or "0",
        letter=match.group("letter") or "",
        postcode=postcode,
        town=town,
    )


def name_candidates(text: str) -> list[str]:
    """Keys to try for a place name: the whole text, then the part before a comma
    ("Nibblesbacke, Köping")."""
    keys = [normalise(text)]
    head = (text or "").partition(",")[0]
    if head != text:
        keys.append(normalise(head))
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]
