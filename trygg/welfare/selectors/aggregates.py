"""The register's aggregates, the only welfare data that leaves the restricted role: counts,
kronor reclaimed, days from detection to police report and the share of high-risk regelverk
analysed. Shown to the samordnare too, so figures resting on fewer than five cases are
suppressed for a viewer who may not read the cases."""

import statistics
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.locale_sv import count_text, format_kronor, format_number

from ..models import Analysis, Case, Control, ControlRun
from ..models.analyses import HIGH_RISK

SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class Aggregates:
    start: date
    end: date
    label: str  # "2026" or "1–14 mars 2026", as the sentence names the period
    suppressed: bool  # fewer than five cases, viewer may not read cases: case figures hidden
    cases: int | None
    police_reports: int | None
    sek_paid: int | None
    sek_reclaimed: int | None
    median_days_to_police: float | None
    notifications_sent: int | None
    notifications_received: int | None
    high_risk_analysed: int
    high_risk_total: int
    controls: int
    controls_overdue: int
    control_runs: int
    control_deviations: int

    @property
    def high_risk_share(self) -> float:
        return self.high_risk_analysed / self.high_risk_total

    def median_days_text(self) -> str:
        if self.median_days_to_police is None:
            return "–"
        return count_text(self.median_days_to_police, "dag", "dagar")

    def cases_text(self) -> str:
        return "färre än 5" if self.suppressed else str(self.cases)


def year_aggregates(*, viewer: Viewer, year: int, today: date) -> Aggregates:
    return welfare_aggregates(
        viewer=viewer, start=date(year, 1, 1), end=date(year, 12, 31), today=today
    )


def welfare_aggregates(*, viewer: Viewer, start: date, end: date, today: date) -> Aggregates:
    """The period's figures (cases by detection date, runs by run date) and today's state of
    the analyses and controls. Six queries."""
    require(viewer, "welfare.view_aggregates")
    return _aggregates(
        viewer.municipality,
        start=start,
        end=end,
        today=today,
        suppress=not viewer.may("welfare.view_cases"),
    )


def follow_up_aggregates(*, viewer: Viewer, year: int, today: date) -> Aggregates:
    """The year's figures for the annual follow-up (G8), which every reader of the follow-up
    sees: always suppressed under five cases, whoever reads it."""
    require(viewer, "strategy.view")
    return _aggregates(
        viewer.municipality,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        today=today,
        suppress=True,
    )


def _aggregates(municipality, *, start: date, end: date, today: date, suppress: bool):
    cases = Case.objects.filter(municipality=municipality, detected_on__range=(start, end))
    sums = cases.aggregate(
        n=Count("pk"),
        police=Count("pk", filter=Q(police_report_on__isnull=False)),
        paid=Sum("amount_paid"),
        reclaimed=Sum("amount_reclaimed"),
        sent=Sum("notifications_sent"),
        received=Sum("notifications_received"),
    )
    days = [
        (reported - detected).days
        for detected, reported in cases.filter(police_report_on__isnull=False).values_list(
            "detected_on", "police_report_on"
        )
    ]
    analysed = set(
        Analysis.objects.filter(municipality=municipality, regelverk__in=HIGH_RISK)
        .values_list("regelverk", flat=True)
        .distinct()
    )
    controls = list(Control.objects.filter(municipality=municipality, active=True))
    runs = ControlRun.objects.filter(
        municipality=municipality, run_on__range=(start, end)
    ).aggregate(n=Count("pk"), deviations=Count("pk", filter=Q(result=ControlRun.Result.AVVIKELSE)))
    n = sums["n"]
    suppressed = suppress and n < SUPPRESS_BELOW

    def shown(value):
        return None if suppressed else value

    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    label = (
        str(start.year)
        if whole_year and start.year == end.year
        else (f"{start.isoformat()}–{end.isoformat()}")
    )
    return Aggregates(
        start=start,
        end=end,
        label=label,
        suppressed=suppressed,
        cases=shown(n),
        police_reports=shown(sums["police"]),
        sek_paid=shown(int(sums["paid"] or 0)),
        sek_reclaimed=shown(int(sums["reclaimed"] or 0)),
        median_days_to_police=shown(statistics.median(days) if days else None),
        notifications_sent=shown(sums["sent"] or 0),
        notifications_received=shown(sums["received"] or 0),
        high_risk_analysed=len(analysed),
        high_risk_total=len(HIGH_RISK),
        controls=len(controls),
        controls_overdue=sum(1 for c in controls if c.overdue(today)),
        control_runs=runs["n"],
        control_deviations=runs["deviations"],
    )


def aggregates_sentence(figures: Aggregates) -> str:
    """One Swedish sentence for the lägesbild and the annual follow-up."""
    share = round(100 * figures.high_risk_share)
    runs = count_text(figures.control_runs, "kontroll", "kontroller")
    text = (
        f"{figures.high_risk_analysed} av {figures.high_risk_total} högriskregelverk har en "
        f"brottsförebyggande analys ({share} %); {runs} genomfördes {figures.label}, "
        f"{format_number(figures.control_deviations)} med avvikelse"
    )
    if figures.controls_overdue:
        late = count_text(figures.controls_overdue, "kontroll", "kontroller")
        text += f", och {late} {'är försenad' if figures.controls_overdue == 1 else 'är försenade'}"
    if figures.suppressed:
        return text + ". Färre än 5 misstänkta välfärdsbrott upptäcktes; siffrorna visas inte."
    text += (
        f". {format_number(figures.cases)} misstänkta välfärdsbrott upptäcktes, "
        f"{format_number(figures.police_reports)} polisanmäldes och "
        f"{format_kronor(figures.sek_reclaimed)} återkrävdes"
    )
    if figures.median_days_to_police is not None:
        days = count_text(figures.median_days_to_police, "dag", "dagar")
        text += f"; mediantiden från upptäckt till polisanmälan var {days}"
    return text + "."
