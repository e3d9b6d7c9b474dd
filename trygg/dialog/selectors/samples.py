"""Reads for a sampled survey's sample: the survey for its staff page and the response rate
(used / issued), overall and per DeSO with small counts written as "färre än 5"."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from trygg.core.kernel import require
from trygg.core.viewer import Viewer

from ..models import Invitation, Survey

SMALL = 5
FEWER = "färre än 5"


def sample_survey_get(*, viewer: Viewer, pk: int) -> Survey | None:
    """The municipality's survey `pk` for its sample page (None: not ours, a 404)."""
    require(viewer, "dialog.manage_sample")
    return (
        Survey.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("dialogue")
        .first()
    )


@dataclass(frozen=True)
class RateRow:
    deso_code: str
    issued: int
    used: int | None  # None: fewer than 5, shown as "färre än 5"

    @property
    def used_text(self) -> str:
        return FEWER if self.used is None else str(self.used)

    @property
    def rate(self) -> str:
        if self.used is None or not self.issued:
            return "–"
        return f"{round(100 * self.used / self.issued)} %"


@dataclass(frozen=True)
class SampleSummary:
    issued: int
    used: int
    reminder_rounds: int
    rows: list[RateRow]

    @property
    def rate(self) -> str:
        return f"{round(100 * self.used / self.issued)} %" if self.issued else "–"


def sample_summary(*, viewer: Viewer, survey: Survey) -> SampleSummary:
    """Issued and used codes, overall and per DeSO (one GROUP BY). A DeSO's used count under
    5 is not shown: with the strata of the sample it could point at the few who answered."""
    require(viewer, "dialog.manage_sample")
    per_deso = (
        Invitation.objects.filter(municipality=viewer.municipality, survey=survey)
        .values("deso_code")
        .annotate(
            issued=Count("pk"),
            used=Count("pk", filter=Q(used_at__isnull=False)),
            rounds=Max("reminders_sent"),
        )
        .order_by("deso_code")
    )
    rows, issued, used, rounds = [], 0, 0, 0
    for r in per_deso:
        issued += r["issued"]
        used += r["used"]
        rounds = max(rounds, r["rounds"] or 0)
        rows.append(
            RateRow(
                deso_code=r["deso_code"] or "Utan DeSO",
                issued=r["issued"],
                used=r["used"] if r["used"] >= SMALL else None,
            )
        )
    return SampleSummary(issued=issued, used=used, reminder_rounds=rounds, rows=rows)
