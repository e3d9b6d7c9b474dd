"""The history of a plan or a measure as the page shows it: who changed what and when, read
from the typed audit events its services write (strategy/services/plans.py)."""

from dataclasses import dataclass
from datetime import datetime

from trygg.core.selectors import object_events

from ..models import ActionPlan, Goal, Measure

# Foreign keys are stored as ids; the history names the field, not the old row.
_REFERENCES = {"picture", "problem", "owner", "area", "comparison_area", "effect_category"}
_CHOICES = {"goal": dict(Goal.choices)}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    what: str
    changes: list[str]


def _describe(model, data: dict) -> list[str]:
    out = []
    for name, (old, new) in sorted((data.get("changes") or {}).items()):
        label = str(model._meta.get_field(name).verbose_name).capitalize()
        if name in _REFERENCES:
            out.append(f"{label} ändrad")
            continue
        labels = _CHOICES.get(name, {})
        old, new = (labels.get(v, v) if v not in (None, "") else "–" for v in (old, new))
        out.append(f"{label}: {old} → {new}")
    for name in data.get("changed_text") or ():
        out.append(f"{str(model._meta.get_field(name).verbose_name).capitalize()} ändrad")
    return out


def _entries(rows) -> list[HistoryEntry]:
    models = {"strategy.actionplan": ActionPlan, "strategy.measure": Measure}
    out = []
    for row in rows:
        model = models.get(row.object_type, Measure)
        who = (row.actor.get_full_name() or row.actor.get_username()) if row.actor else "Systemet"
        data = row.data if isinstance(row.data, dict) else {}
        out.append(
            HistoryEntry(
                at=row.at, who=who, what=row.summary or row.label, changes=_describe(model, data)
            )
        )
    return out


def plan_history(*, plan: ActionPlan) -> list[HistoryEntry]:
    """Every audited change of the plan and of its measures, newest first."""
    return _entries(
        object_events(municipality=plan.municipality, objects=[plan, *plan.measures.only("pk")])
    )


def measure_history(*, measure: Measure) -> list[HistoryEntry]:
    """Every audited change of the measure (edits, follow-ups, withdrawal), newest first."""
    return _entries(object_events(municipality=measure.municipality, objects=[measure]))
