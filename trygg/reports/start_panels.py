"""The reports' panels on the start page (issue 15): what needs the person now and how things
go. Each builds its figures with a bounded number of queries (one or two), counts only what
the viewer may read (visible_reports) and links every figure to the list filtered on exactly
what it counts."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from trygg.core import charts
from trygg.core.localtime import day_number, local_day_number
from trygg.core.selectors import organisation_list
from trygg.locale_sv import day_bounds, format_kronor, format_number, local

from .models import Report
from .selectors import visible_reports

OPEN = (Report.Status.NY, Report.Status.BEDOMD, Report.Status.ATGARDAS)
LATEST = 5  # reports listed under a figure; the figure links to all of them


def _list(**params) -> str:
    return f"{reverse('reports:list')}?{urlencode(params, doseq=True)}"


def _item(report: Report, meta: str) -> dict:
    place = f", {report.place_name_redacted}" if report.place_name_redacted else ""
    return {
        "text": f"{report.category.name}{place}",
        "url": reverse("reports:detail", args=[report.pk]),
        "meta": meta,
    }


def _day(dt) -> str:
    return local(dt).date().isoformat()


def new_to_assess(viewer) -> dict:
    """How many reports wait for a first assessment, the newest of them listed."""
    new = visible_reports(viewer).filter(status=Report.Status.NY)
    n = new.count()
    if n == 0:
        return {"empty": "Inga nya rapporter väntar på bedömning."}
    newest = new.select_related("category").order_by("-reported_at", "-pk")[:LATEST]
    return {
        "figures": [
            {
                "value": format_number(n),
                "label": "nya rapporter att bedöma",
                "url": _list(status=Report.Status.NY),
            }
        ],
        "entries": [_item(r, f"Rapporterad {_day(r.reported_at)}") for r in newest],
    }


def for_my_organisations(viewer) -> dict:
    """Open reports each of the viewer's organisations reported or was assigned, per
    organisation: the same rows the list shows filtered on that organisation."""
    orgs = list(
        organisation_list(municipality=viewer.municipality)
        .filter(pk__in=viewer.organisation_ids)
        .order_by("name")
    )
    if not orgs:
        return {"empty": "Du hör inte till någon organisation i kommunen."}
    counts = (
        visible_reports(viewer)
        .filter(status__in=OPEN)
        .aggregate(
            **{
                f"o{org.pk}": Count(
                    "id", filter=Q(organisation_id=org.pk) | Q(assigned_organisation_id=org.pk)
                )
                for org in orgs
            }
        )
    )
    return {
        "figures": [
            {
                "value": format_number(counts[f"o{org.pk}"]),
                "label": f"öppna rapporter för {org.name}",
                "note": "Rapporterade av eller tilldelade organisationen, ej avslutade.",
                "url": _list(organisation=org.pk, status=list(OPEN)),
            }
            for org in orgs
        ]
    }


def my_latest(viewer) -> dict:
    """The rapportör's own latest reports with their status."""
    if viewer.user_id is None:
        return {"empty": "Inga rapporter."}
    mine = (
        visible_reports(viewer)
        .filter(reporter_id=viewer.user_id)
        .select_related("category")
        .order_by("-reported_at", "-pk")[:LATEST]
    )
    items = [_item(r, f"{r.get_status_display()} · {_day(r.reported_at)}") for r in mine]
    return {
        "entries": items,
        "empty": "Du har inte rapporterat något ännu. Din första rapport tar en minut.",
    }


def new_report(viewer) -> dict:
    """The one big button of the rapportör's (phone) start page."""
    return {
        "button": {
            "label": "Ny rapport",
            "url": reverse("reports:create"),
            "note": "Skadegörelse, klotter, otrygga platser och annat du ser i arbetet.",
        }
    }


def _daily(reports, first: date, days: int) -> list[int]:
    lo, hi = day_bounds(first, first + timedelta(days=days - 1))
    rows = (
        reports.filter(occurred_at__gte=lo, occurred_at__lt=hi)
        .values_list(local_day_number("occurred_at", lo, hi))
        .annotate(n=Count("*"))
        .order_by()
    )
    per_day = [0] * days
    for number, n in rows:
        index = number - day_number(first)
        if 0 <= index < days:
            per_day[index] += n
    return per_day


def _change(now: float, before: float) -> str:
    if before == 0:
        return "Inga rapporter perioden före."
    percent = (now - before) / before * 100
    if abs(percent) < 0.5:
        return "Lika många som perioden före."
    word = "fler" if percent > 0 else "färre"
    return f"{format_number(abs(percent))} % {word} än perioden före."


def key_figures(viewer, today: date | None = None) -> dict:
    """Reports the last 14 days against the 14 before (a daily sparkline over both), and the
    cost of damage this year so far against the same days last year (G2), with the cost per
    year for five years."""
    today = today or timezone.localdate()
    first = today - timedelta(days=27)
    reports = visible_reports(viewer)
    per_day = _daily(reports, first, 28)
    now, before = sum(per_day[14:]), sum(per_day[:14])
    spark = charts.sparkline(
        [((first + timedelta(days=i)).isoformat(), n) for i, n in enumerate(per_day)],
        title="Rapporter per dag, de senaste 28 dagarna",
        chart_id="nyckeltal-rapporter",
    )
    cost = _cost(reports, today)
    return {
        "figures": [
            {
                "value": format_number(now),
                "label": "rapporter de senaste 14 dagarna",
                "note": f"{_change(now, before)} ({format_number(before)} dagarna innan)",
                "url": _list(fran=(today - timedelta(days=13)).isoformat(), till=today.isoformat()),
                "chart": spark,
            },
            cost,
        ]
    }


def _cost(reports, today: date) -> dict:
    """G2's figure: the cost this year until today, last year until the same day, and each
    of the five years whole (one query)."""
    years = range(today.year - 4, today.year + 1)
    lo = day_bounds(date(years[0], 1, 1))[0]
    sums = reports.filter(occurred_at__gte=lo).aggregate(
        **{f"y{y}": Sum("cost_sek", filter=_within(date(y, 1, 1), date(y, 12, 31))) for y in years},
        last_to_date=Sum(
            "cost_sek", filter=_within(date(today.year - 1, 1, 1), _a_year_before(today))
        ),
    )
    this_year = sums[f"y{today.year}"] or Decimal(0)
    last_to_date = sums["last_to_date"] or Decimal(0)
    bars = charts.bar_chart(
        [(str(y), sums[f"y{y}"] or 0) for y in years],
        title="Skadekostnad per år (mål G2), i år hittills",
        chart_id="nyckeltal-kostnad",
        unit="kr",
        width=300,
        height=140,
    )
    return {
        "value": format_kronor(this_year),
        "label": "skadekostnad i år (G2)",
        "note": f"Samma period i fjol: {format_kronor(last_to_date)}.",
        "url": _list(fran=f"{today.year}-01-01", till=today.isoformat(), sortering="-kostnad"),
        "chart": bars,
    }


def _within(first: date, last: date) -> Q:
    lo, hi = day_bounds(first, last)
    return Q(occurred_at__gte=lo, occurred_at__lt=hi)


def _a_year_before(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def exports(viewer) -> dict:
    """The analytiker's exports: every report the viewer may read, as CSV or Excel; the
    list's filters narrow an export down."""
    return {
        "entries": [
            {"text": "Alla rapporter som CSV", "url": reverse("reports:export", args=["csv"])},
            {"text": "Alla rapporter som Excel", "url": reverse("reports:export", args=["xlsx"])},
        ],
        "more": {"label": "Filtrera och exportera från listan", "url": reverse("reports:list")},
    }
