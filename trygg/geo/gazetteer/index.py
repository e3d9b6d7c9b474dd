"""The gazetteer of one municipality in memory, and the lookup of typed place text.

Built from the municipality's areas (placed by their polygons), its place names without
coordinates and its address register; cached per process like the area index and rebuilt
when any of the three changes. Precedence (issue 15): one name across layers is one place,
and the smallest polygon carrying it wins, so "Kolsva" (tätort and RegSO) is one answer."""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass, field
from threading import Lock
from typing import TYPE_CHECKING

from django.db.models import Count, Max

from ..models import Address, Area, PlaceName
from ..selectors import area_index
from .text import fold, name_candidates, normalise, parse_address

if TYPE_CHECKING:
    from trygg.core.models import Municipality

# Share of a place's polygon that must lie inside another area for a report at the place to
# count there too: RegSO, DeSO and tätort outlines come from different sources and their
# shared edges differ by metres, so exact containment would drop the district a place is in.
CONTAINED_SHARE = 0.95


class Status:
    ADRESS = "adress"  # one address: a point
    OMRADE = "omrade"  # one place with a polygon: its areas, no point
    INGEN = "ingen"  # nothing with this name
    FLERA = "flera"  # several answers: the person chooses
    OKAND_PLATS = "okand"  # a known name without a position (a street before an import)
    TOM = "tom"  # the municipality has no gazetteer yet: no name can be checked


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # an Area.Kind value, or a PlaceName.Kind value when it has no polygon
    area_ids: tuple[int, ...] = ()  # the place's own area first, then the areas holding it
    size: float = 0.0  # the polygon's area in square degrees: only compared within one place

    @property
    def placed(self) -> bool:
        return bool(self.area_ids)


@dataclass(frozen=True)
class Match:
    status: str
    label: str = ""
    lat: float | None = None
    lon: float | None = None
    area_ids: tuple[int, ...] = ()
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    label: str
    kind: str  # "adress", "gata" or a place's kind label


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    folded: dict[str, list[str]] = field(default_factory=dict)
    # (street key, number, letter) → [(lat, lon, label, town key, postcode)]
    addresses: dict[tuple[str, str, str], list[tuple]] = field(default_factory=dict)
    # street key → (display name, area ids every address of the street lies in)
    streets: dict[str, tuple[str, tuple[int, ...]]] = field(default_factory=dict)
    street_numbers: dict[str, list[str]] = field(default_factory=dict)
    _keys: list[str] = field(default_factory=list)
    # The municipality's own name: in every Police title, and never a place of its own.
    own_name: str = ""
    _max_words: int = 1
    _first_words: frozenset = frozenset()
    _spaced: list[str] = field(default_factory=list)

    def finish(self) -> None:
        for key in self.places:
            self.folded.setdefault(fold(key), []).append(key)
        for key, (name, _) in self.streets.items():
            self.folded.setdefault(fold(key), [])
            if key not in self.places:
                self.places[key] = Place(name=name, kind=PlaceName.Kind.GATA)
                self.folded[fold(key)].append(key)
        self._keys = sorted(self.places)
        self._max_words = max((k.count(" ") + 1 for k in self._keys), default=1)
        self._first_words = frozenset(k.split(" ", 1)[0] for k in self._keys)
        self._spaced = [f" {k}" for k in self._keys]

    def lookup(self, text: str) -> Match:
        """What the typed text names: one address, one place, several, or nothing."""
        if not self.places and not self.addresses:
            return Match(Status.TOM)
        parts = parse_address(text)
        if parts is not None:
            match = self._address(parts.street, parts.number, parts.letter, parts)
            if match is None:
                folded = self.folded.get(fold(parts.street), [])
                if len(folded) == 1:
                    match = self._address(folded[0], parts.number, parts.letter, parts)
            if match is not None:
                return match
        for key in name_candidates(text):
            place = self.places.get(key)
            if place is None:
                keys = self.folded.get(fold(key), [])
                place = self.places[keys[0]] if len(keys) == 1 else None
                if len(keys) > 1:
                    names = sorted(self.places[k].name for k in keys)
                    return Match(Status.FLERA, candidates=tuple(names))
            if place is not None:
                return self._place(place)
        return Match(Status.INGEN)

    def _address(self, street, number, letter, parts) -> Match | None:
        rows = self.addresses.get((street, number, letter))
        if not rows:
            return None
        # A town typed after the comma must be the address's postort, unless it is the
        # municipality's own name (people write "Köping" for an address in Kolsva too).
        town = "" if parts.town == self.own_name else parts.town
        if town or parts.postcode:
            rows = [
                r
                for r in rows
                if (not town or not r[3] or r[3] == town)
                and (not parts.postcode or not r[4] or r[4] == parts.postcode)
            ]
            if not rows:
                return None
        if len(rows) > 1:
            return Match(Status.FLERA, candidates=tuple(r[2] for r in rows))
        lat, lon, label, _town, _pc, area_ids = rows[0]
        return Match(Status.ADRESS, label=label, lat=lat, lon=lon, area_ids=area_ids)

    def _place(self, place: Place) -> Match:
        if place.placed:
            return Match(Status.OMRADE, label=place.name, area_ids=place.area_ids)
        street = self.streets.get(normalise(place.name))
        if street is not None and street[1]:
            # A street of the register: counted where all its addresses lie, never at a
            # point of its own.
            return Match(Status.OMRADE, label=street[0], area_ids=street[1])
        return Match(Status.OKAND_PLATS, label=place.name)

    def find_in_text(self, text: str) -> Match:
        """The one placed name a free text mentions (a Police notice: "Bråk i Kolsva …"),
        as a whole word or words; none when it names no place or several that do not nest.
        Area precision at most: a street is counted where all its addresses lie."""
        words = normalise(text).split()
        found: dict[str, Match] = {}
        first = self._first_words
        for i in range(len(words)):
            # Most words begin no name: one set lookup each (a Police import reads 100,000s).
            if words[i] not in first:
                continue
            for n in range(min(self._max_words, len(words) - i), 0, -1):
                key = " ".join(words[i : i + n])
                place = self.places.get(key)
                if place is None or key == self.own_name:
                    continue
                match = self._place(place)
                if match.status == Status.OMRADE:
                    found[key] = match
                    break
        if not found:
            return Match(Status.INGEN)
        # Names that nest ("Karlsdal" inside "Köping nordväst") are one answer: the innermost.
        matches = sorted(found.values(), key=len_of_areas, reverse=True)
        inner = matches[0]
        if all(m.area_ids[0] in inner.area_ids for m in matches):
            return inner
        return Match(Status.FLERA, candidates=tuple(sorted(m.label for m in matches)))

    def suggest(self, text: str, limit: int = 10) -> list[Suggestion]:
        """Up to `limit` names that begin with the text (or a word of them begins with it),
        and addresses when the text has a house number."""
        key = normalise(text)
        if not key:
            return []
        out: list[Suggestion] = []
        parts = parse_address(text) or parse_address(text + "0")
        if parts is not None and parts.street in self.street_numbers:
            typed = parse_address(text)
            prefix = typed.number if typed else ""
            for number in self.street_numbers[parts.street]:
                if number.startswith(prefix):
                    for row in self._address_rows(parts.street, number):
                        out.append(Suggestion(row[2], "adress"))
                if len(out) >= limit:
                    return out[:limit]
        seen = {s.label for s in out}
        start = bisect.bisect_left(self._keys, key)
        for k in self._keys[start:]:
            if not k.startswith(key) or len(out) >= limit:
                break
            out.append(self._suggestion(self.places[k]))
            seen.add(out[-1].label)
        if len(out) < limit:
            word = f" {key}"
            for k, spaced in zip(self._keys, self._spaced, strict=True):
                if word in spaced and not k.startswith(key):
                    s = self._suggestion(self.places[k])
                    if s.label not in seen:
                        out.append(s)
                        if len(out) >= limit:
                            break
        return out

    def _address_rows(self, street: str, number: str) -> list[tuple]:
        rows = []
        for letter in ("", *"abcdefghijklmnopqrstuvwxyzåäö"):
            rows.extend(self.addresses.get((street, number, letter), ()))
        return rows

    @staticmethod
    def _suggestion(place: Place) -> Suggestion:
        labels = dict(Area.Kind.choices) | dict(PlaceName.Kind.choices)
        return Suggestion(place.name, str(labels.get(place.kind, "")))


def len_of_areas(match: Match) -> int:
    """How many areas hold a place: the innermost of nested places has the most."""
    return len(match.area_ids)


def address_label(street: str, number: str, letter: str, town: str) -> str:
    label = f"{street} {number}{letter.upper()}"
    return f"{label}, {town}" if town else label


def build(municipality: Municipality) -> Gazetteer:
    """The gazetteer from the database: areas by their polygons, then place names, then the
    address register (its streets become places too)."""
    gaz = Gazetteer(own_name=normalise(municipality.name))
    index = area_index(municipality)
    geoms = list(index.tree.geometries) if index.tree is not None else []
    ids = index.ids.tolist()
    boundary_kind = Area.Kind.KOMMUNGRANS
    codes = dict(Area.objects.filter(municipality=municipality).values_list("id", "code"))
    for i, (area_id, name, kind) in enumerate(zip(ids, index.names, index.kinds, strict=True)):
        # The municipality itself is no place to put a report, and a DeSO named only by its
        # code is no name anyone types.
        if kind == boundary_kind or not name or name == codes.get(area_id):
            continue
        geom = geoms[i]
        key = normalise(name)
        existing = gaz.places.get(key)
        if existing is not None and existing.size <= geom.area:
            continue
        holders = []
        for j in index.tree.query(geom):
            if ids[j] == area_id:
                continue
            share = geoms[j].intersection(geom).area / geom.area if geom.area else 0
            if share >= CONTAINED_SHARE:
                holders.append((geoms[j].area, ids[j]))
        # The place's own area, then those holding it from the innermost out.
        area_ids = (area_id, *(other for _size, other in sorted(holders)))
        gaz.places[key] = Place(name=name, kind=kind, area_ids=area_ids, size=geom.area)
    for name, kind in PlaceName.objects.filter(municipality=municipality).values_list(
        "name", "kind"
    ):
        gaz.places.setdefault(normalise(name), Place(name=name, kind=kind))
    rows = list(
        Address.objects.filter(municipality=municipality).values_list(
            "street", "number", "letter", "postcode", "town", "lat", "lon"
        )
    )
    if rows:
        area_lists = index.area_ids_for_points([r[5] for r in rows], [r[6] for r in rows])
        add_addresses(gaz, rows, area_lists, dict(zip(ids, index.kinds, strict=True)))
    gaz.finish()
    return gaz


def add_addresses(gaz: Gazetteer, rows, area_lists, kinds: dict[int, str]) -> None:
    """The register into the gazetteer: (street, number, letter, postcode, town, lat, lon)
    rows with the area ids each lies in; a street's areas are those all its addresses share.
    Call `finish()` after."""
    boundary_kind = Area.Kind.KOMMUNGRANS
    street_areas: dict[str, set[int] | None] = {}
    for (street, number, letter, postcode, town, lat, lon), areas in zip(
        rows, area_lists, strict=True
    ):
        skey = normalise(street)
        gaz.addresses.setdefault((skey, number, normalise(letter)), []).append(
            (
                lat,
                lon,
                address_label(street, number, letter, town),
                normalise(town),
                postcode,
                tuple(areas),
            )
        )
        gaz.street_numbers.setdefault(skey, []).append(number)
        held = street_areas.get(skey)
        street_areas[skey] = set(areas) if held is None else held & set(areas)
        gaz.streets.setdefault(skey, (street, ()))
    for skey, held in street_areas.items():
        inner = {a for a in held or () if kinds.get(a) != boundary_kind}
        gaz.streets[skey] = (gaz.streets[skey][0], tuple(sorted(held)) if inner else ())
    for skey, numbers in gaz.street_numbers.items():
        gaz.street_numbers[skey] = sorted(set(numbers), key=lambda n: (len(n), n))


_cache: dict[int, tuple[tuple, float, Gazetteer]] = {}
_lock = Lock()
VERSION_TTL = 5.0


def invalidate(municipality_id: int) -> None:
    with _lock:
        _cache.pop(municipality_id, None)


def _version(municipality) -> tuple:
    areas = Area.objects.filter(municipality=municipality).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    names = PlaceName.objects.filter(municipality=municipality).aggregate(
        n=Count("id"), m=Max("id")
    )
    # A re-import replaces the register, so its rows get new ids: the largest id changes.
    addresses = Address.objects.filter(municipality=municipality).aggregate(
        n=Count("id"), m=Max("id")
    )
    return (areas["n"], areas["changed"], names["n"], names["m"], addresses["n"], addresses["m"])


def gazetteer(municipality: Municipality) -> Gazetteer:
    """The municipality's gazetteer, rebuilt when its areas, names or addresses changed."""
    now = time.monotonic()
    with _lock:
        cached = _cache.get(municipality.pk)
        if cached and now - cached[1] < VERSION_TTL:
            return cached[2]
    version = _version(municipality)
    if cached and cached[0] == version:
        with _lock:
            _cache[municipality.pk] = (version, now, cached[2])
        return cached[2]
    gaz = build(municipality)
    with _lock:
        _cache[municipality.pk] = (version, now, gaz)
    return gaz
