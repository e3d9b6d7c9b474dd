"""HTTP Range requests (RFC 9110 §14) for files served by a view: the PMTiles basemap is read
by the map in small ranges (the header, directories, single tiles), never whole."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1


class Unsatisfiable(Exception):
    """No byte of the requested range exists: answer 416 with `bytes */size`."""


def parse_range(header: str, size: int) -> ByteRange | None:
    """The one range a `Range` header asks for, clipped to the file; None means "send the
    whole file" (no header, a unit other than bytes, a malformed or a multi-range request —
    RFC 9110 lets a server ignore Range, and PMTiles clients never send more than one)."""
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or not spec or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first.isdigit() or first == "") or not (last.isdigit() or last == ""):
        return None
    if first == "":
        if last == "":
            return None
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return ByteRange(start, min(end, size - 1))
