"""Reads of the support programmes. Counts of young people go to roles that may not see
individuals (analytiker, rådsledamot) with 1–4 shown as "färre än 5", and a total hidden
when it would give a hidden count away (the total minus the shown quarters)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils import timezone

from trygg.core.kernel import REFUSED
from trygg.dialog.selectors.coding import SUPPRESS_BELOW, shown_count
from trygg.forums import selectors as forum_selectors
from trygg.locale_sv import format_number

from ..models import (
    AnnualReport,
    CooperationRoutine,
    Programme,
    ProgrammeKind,
    QuarterCount,
    RecruitmentConcern,
    SupportAgreement,
)
from ..outputs import Output
from ..services.support import COOPERATION_KINDS, MANAGE, RECORD

VIEW = "programmes.view_support"
COUNT_FIELDS = ("open_at_start", "started", "ended", "goal_met", "consent")
HIDDEN = "–"


def _require_view(viewer) -> None:
    if not viewer.may(VIEW):
        raise PermissionDenied(REFUSED)


def sees_individual_counts(viewer) -> bool:
    """Those who enter the counts see them as entered; everyone else suppressed."""
    return viewer.may(RECORD)


def kvinnojour_programmes(*, viewer):
    return Programme.objects.filter(
        municipality=viewer.municipality, kind=ProgrammeKind.KVINNOJOUR
    ).order_by("name")


def cooperation_programmes(*, viewer):
    _require_view(viewer)
    return Programme.objects.filter(
        municipality=viewer.municipality, kind__in=COOPERATION_KINDS
    ).order_by("kind", "name")


def agreement_list(*, viewer):
    """The municipality's kvinnojour agreements with their organisation and report count."""
    _require_view(viewer)
    return (
        SupportAgreement.objects.filter(municipality=viewer.municipality)
        .select_related("organisation", "programme")
        .annotate(n_reports=Count("annual_reports"))
        .order_by("-start", "pk")
    )


def agreement_get(*, viewer, pk: int) -> SupportAgreement | None:
    """The agreement; None (a 404) when it is another municipality's."""
    _require_view(viewer)
    return (
        SupportAgreement.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("organisation", "programme")
        .first()
    )


def agreement_reports(*, agreement):
    return agreement.annual_reports.select_related("reviewed_by").prefetch_related(
        "reviews__indicator"
    )


def report_get(*, viewer, pk: int) -> AnnualReport | None:
    """An annual report for its review or file: only those who manage support."""
    if not viewer.may(MANAGE):
        raise PermissionDenied(REFUSED)
    return (
        AnnualReport.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("agreement__organisation")
        .first()
    )


def cooperation_get(*, viewer, pk: int) -> Programme | None:
    _require_view(viewer)
    return Programme.objects.filter(
        municipality=viewer.municipality, kind__in=COOPERATION_KINDS, pk=pk
    ).first()


@dataclass(frozen=True)
class QuarterRow:
    label: str
    values: list[str]  # in COUNT_FIELDS order, as this viewer may see them
    concerns: str


def _shown(values: list[int], total: int, exact: bool) -> tuple[list[str], str]:
    if exact:
        return [format_number(v) for v in values], format_number(total)
    shown = [shown_count(v) for v in values]
    hidden = [v for v in values if 0 < v < SUPPRESS_BELOW]
    # One hidden part, or hidden parts summing under 5, would be the total minus the rest.
    give_away = len(hidden) == 1 or (hidden and sum(hidden) < SUPPRESS_BELOW)
    return shown, (HIDDEN if give_away else shown_count(total))


def quarter_table(*, viewer, programme, year: int) -> dict:
    """The year's quarters (rows) × counts (columns) and a year total, suppressed for
    viewers who may not see individual counts. Ongoing at start is not summed over quarters."""
    _require_view(viewer)
    exact = sees_individual_counts(viewer)
    quarters = list(
        QuarterCount.objects.filter(programme=programme, year=year)
        .annotate(n_concerns=Sum("concerns__count"))
        .order_by("quarter")
    )
    columns = {f: [getattr(q, f) for q in quarters] for f in COUNT_FIELDS}
    concerns = [q.n_concerns or 0 for q in quarters]
    shown_columns, totals = {}, []
    for field in COUNT_FIELDS:
        shown, total = _shown(columns[field], sum(columns[field]), exact)
        shown_columns[field] = shown
        totals.append(HIDDEN if field == "open_at_start" else total)
    shown_concerns, concerns_total = _shown(concerns, sum(concerns), exact)
    rows = [
        QuarterRow(
            f"Kvartal {q.quarter}",
            [shown_columns[f][i] for f in COUNT_FIELDS],
            shown_concerns[i],
        )
        for i, q in enumerate(quarters)
    ]
    return {"rows": rows, "totals": totals, "concerns_total": concerns_total, "exact": exact}


def concerns_by_area(*, viewer, programme, year: int) -> list[tuple[str, str]]:
    """Recruitment concerns summed over the year per area, suppressed as the quarters are."""
    _require_view(viewer)
    rows = (
        RecruitmentConcern.objects.filter(quarter__programme=programme, quarter__year=year)
        .values("area__name")
        .annotate(n=Sum("count"))
        .order_by("area__name")
    )
    exact = sees_individual_counts(viewer)
    return [
        (r["area__name"], format_number(r["n"]) if exact else shown_count(r["n"])) for r in rows
    ]


def years_recorded(*, programme) -> list[int]:
    return sorted(
        set(QuarterCount.objects.filter(programme=programme).values_list("year", flat=True)),
        reverse=True,
    )


def quarter_get(*, programme, year: int, quarter: int) -> QuarterCount | None:
    return (
        QuarterCount.objects.filter(programme=programme, year=year, quarter=quarter)
        .prefetch_related("concerns")
        .first()
    )


def routines(*, programme):
    return CooperationRoutine.objects.filter(programme=programme).order_by("review_by", "pk")


def routine_get(*, viewer, pk: int) -> CooperationRoutine | None:
    if not viewer.may(RECORD):
        raise PermissionDenied(REFUSED)
    return (
        CooperationRoutine.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("programme")
        .first()
    )


def overdue_routines(*, viewer):
    """Routines past their review date, oldest first: the samordnare's start page."""
    return (
        CooperationRoutine.objects.filter(
            municipality=viewer.municipality, review_by__lt=timezone.localdate()
        )
        .select_related("programme")
        .order_by("review_by", "pk")
    )


def cooperation_forum(*, viewer, programme):
    """The linked forum and its coming meetings, read through the forums app; (None, [])
    when none is linked or the viewer may not read it."""
    link = getattr(programme, "cooperation_forum", None)
    if link is None:
        return None, []
    try:
        forum = forum_selectors.forum_get(viewer=viewer, pk=link.forum_id)
    except PermissionDenied:
        return None, []
    if forum is None:
        return None, []
    now = timezone.now()
    meetings = [
        m for m in forum_selectors.meeting_list(viewer=viewer, forum=forum) if m.held_at >= now
    ]
    return forum, meetings[:5]


def forum_choices(*, viewer):
    return forum_selectors.forum_list(viewer=viewer)


def forum_for_link(*, viewer, pk: int):
    return forum_selectors.forum_get(viewer=viewer, pk=pk)


def programme_outputs(programme, start: date, end: date) -> list[Output]:
    """The OutputSource of the three kinds: for a kvinnojour, the support paid and agreed vs
    reported activities (annual reports of the period's years); for the cooperation and SSPF,
    the quarters' counts summed (quarters starting inside the period)."""
    if programme.kind == ProgrammeKind.KVINNOJOUR:
        agreements = SupportAgreement.objects.filter(
            programme=programme, start__lte=end, end__gte=start
        )
        paid = agreements.aggregate(s=Sum("paid_sek"))["s"]
        years = range(start.year, end.year + 1)
        agreed = sum(
            (
                i.target
                for a in agreements.prefetch_related("indicators")
                for i in a.indicators.all()
            ),
            0,
        ) * len(years)
        reported = AnnualReport.objects.filter(agreement__in=agreements, year__in=years).aggregate(
            s=Sum("reviews__reported")
        )["s"]
        return [
            Output(
                "Utbetalt stöd till kvinnojouren", float(paid) if paid is not None else None, "kr"
            ),
            Output("Överenskomna aktiviteter (mål)", float(agreed) if agreements else None, "st"),
            Output(
                "Redovisade aktiviteter", float(reported) if reported is not None else None, "st"
            ),
        ]
    quarters = [
        q
        for q in QuarterCount.objects.filter(
            programme=programme, year__gte=start.year, year__lte=end.year
        )
        if start <= date(q.year, 3 * q.quarter - 2, 1) <= end
    ]
    if not quarters:
        return [Output("Påbörjade ärenden", None, "st", counts_people=True)]
    total = {
        f: sum(getattr(q, f) for q in quarters) for f in ("started", "ended", "goal_met", "consent")
    }
    return [
        Output("Påbörjade ärenden", float(total["started"]), "st", counts_people=True),
        Output("Avslutade ärenden", float(total["ended"]), "st", counts_people=True),
        Output("Avslutade med uppnått mål", float(total["goal_met"]), "st", counts_people=True),
        Output("Samtycke inhämtat", float(total["consent"]), "st", counts_people=True),
    ]
