"""What each programme kind counts as its outputs, registered by the module that owns the kind.

The programme page and the annual follow-up show every programme's outputs (sessions, walks,
participants, messages…) without knowing the kinds: a kind registers an `OutputSource` in
`ProgrammesConfig.ready`, and `outputs_for` asks the sources that speak to the programme's kind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from trygg.core.contributions import Registry


@dataclass(frozen=True)
class Output:
    label: str  # "Genomförda nattvandringar"
    value: float | None  # None: cannot be counted yet ("uppgift saknas")
    unit: str = ""  # "st", "deltagare", "kr"
    # Counts of people shown to roles that may not see individuals are suppressed under 5
    # by the page; a source marks which of its figures count people.
    counts_people: bool = False


@dataclass(frozen=True)
class OutputSource:
    name: str  # "programmes.nattvandring"
    kinds: frozenset[str]  # the ProgrammeKind values it counts for
    # (programme, start, end) -> the outputs in [start, end], read inside the programme's scope
    compute: Callable[..., list[Output]]
    order: int = 100


output_sources = Registry[OutputSource]("programutfall", order=lambda source: source.order)


def outputs_for(programme, start: date, end: date) -> list[Output]:
    """Every registered output of the programme's kind for the period, in source order."""
    found: list[Output] = []
    for source in output_sources.all():
        if programme.kind in source.kinds:
            found.extend(source.compute(programme, start, end))
    return found
