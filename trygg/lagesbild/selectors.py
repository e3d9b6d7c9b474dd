"""Reads for the operational lägesbild: the period's picture and the police's input.

The picture is computed from the reports the viewer may read: a handful of indexed queries
on (municipality, occurred_at) that return plain columns, then numpy and the analytics
package. Every figure carries a link to the filtered report list that produced it."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from trygg.analytics.compare import compare_counts
from trygg.analytics.hotspots import gi_star
from trygg.analytics.patterns import weekday_hour, weekly_counts
from trygg.core.localtime import (
    day_number,
    local_day_number,
    local_hour,
    local_weekday,
)
from trygg.core.viewer import Viewer
from trygg.forums import selectors as forum_selectors
from trygg.geo.h3cells import cell_boundary
from trygg.geo.selectors import area_index, map_background
from trygg.locale_sv import day_bounds
from trygg.reports.selectors import (
    ReportFilter,
    category_tree,
    point_precise,
    visible_reports,
    with_time_of_day,
)

from .models import DocumentJob, PoliceInput, PoliceInputItem
from .picture import AreaRow, CategoryRow, CostRow, HexCell, Picture

DEFAULT_DAYS = 14
HEX_RESOLUTIONS = (7, 8, 9)


class PeriodError(ValueError):
    pass


def max_period_days() -> int:
    return int(getattr(settings, "LAGESBILD_MAX_DAYS", 2200))


_bounds = day_bounds  # local days [start, end] as aware datetimes [from, to)


def validate_period(start: date, end: date) -> None:
    if end < start:
        raise PeriodError("Slutdatum ligger före startdatum.")
    days = (end - start).days + 1
    if days > max_period_days():
        raise PeriodError(
            f"Perioden är {days} dagar; den längsta som kan visas är {max_period_days()} dagar."
        )


def default_period(*, municipality, today: date | None = None) -> tuple[date, date]:
    """The 14 days before the next meeting (or before today when none is planned)."""
    today = today or timezone.localdate()
    next_meeting = forum_selectors.next_operational_meeting_at(
        municipality=municipality, on_or_after=today
    )
    end = timezone.localtime(next_meeting).date() - timedelta(days=1) if next_meeting else today
    # A meeting planned ahead must not pull days that have not happened into the picture.
    end = min(end, today)
    return end - timedelta(days=DEFAULT_DAYS - 1), end


def _link(start: date, end: date, **filters) -> str:
    f = ReportFilter(date_from=start, date_to=end, **filters)
    return reverse("reports:list") + "?" + f.to_query()


def _counts_by_category(qs, start, end) -> Counter:
    lo, hi = _bounds(start, end)
    rows = (
        qs.filter(occurred_at__gte=lo, occurred_at__lt=hi)
        .values_list("category_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    return Counter(dict(rows))


def picture_for_period(
    *, viewer: Viewer, start: date, end: date, resolution: int = 8, k: int = 1
) -> Picture:
    """The lägesbild for [start, end]: counts with significance against the previous period
    and the same period last year, costs (G2), areas, hot spots, time patterns, trend."""
    validate_period(start, end)
    today = timezone.localdate()
    if start > today:
        raise PeriodError("Perioden har inte börjat ännu.")
    # Days that have not happened would read as a fall against full earlier periods.
    end = min(end, today)
    if resolution not in HEX_RESOLUTIONS:
        raise PeriodError("Upplösningen ska vara 7, 8 eller 9.")
    municipality = viewer.municipality
    days = (end - start).days + 1
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - timedelta(days=days - 1)
    ly_start, ly_end = _shift_year(start), _shift_year(end)
    qs = visible_reports(viewer)
    lo, hi = _bounds(start, end)
    period = qs.filter(occurred_at__gte=lo, occurred_at__lt=hi)

    cats = {c.pk: c for c in category_tree(municipality=municipality, only_active=False)}
    current = _counts_by_category(qs, start, end)
    previous = _counts_by_category(qs, prev_start, prev_end)
    last_year = _counts_by_category(qs, ly_start, ly_end)
    ly_days = (ly_end - ly_start).days + 1

    # Categories are shown at the top level; sub-categories add up into their parent.
    def top_level(cid):
        c = cats.get(cid)
        return c.parent_id or c.pk if c else cid

    def roll_up(counter):
        out = Counter()
        for cid, n in counter.items():
            out[top_level(cid)] += n
        return out

    cur_p, prev_p, ly_p = roll_up(current), roll_up(previous), roll_up(last_year)
    categories = [
        CategoryRow(
            category_id=cid,
            name=cats[cid].name,
            current=cur_p[cid],
            previous=prev_p[cid],
            last_year=ly_p[cid],
            vs_previous=compare_counts(cur_p[cid], prev_p[cid]),
            vs_last_year=compare_counts(
                cur_p[cid], ly_p[cid], current_length=days, previous_length=ly_days
            ),
            link=_link(start, end, categories=[cid]),
        )
        for cid in sorted(
            set(cur_p) | set(prev_p) | set(ly_p),
            key=lambda c: (-cur_p[c], cats[c].name if c in cats else ""),
        )
        if cid in cats
    ]
    trends = _category_trends(qs, end, top_level)
    for row in categories:
        row.trend = trends.get(row.category_id, [])
    total, total_prev, total_ly = (
        sum(current.values()),
        sum(previous.values()),
        sum(last_year.values()),
    )

    cost_rows = (
        period.filter(cost_sek__isnull=False)
        .values("organisation_id", "organisation__name")
        .annotate(n=Count("id"), cost=Sum("cost_sek"))
        .order_by("-cost")
    )
    costs = [
        CostRow(
            organisation=r["organisation__name"] or "Medborgare och övriga",
            reports=r["n"],
            cost=r["cost"] or Decimal(0),
            link=_link(start, end, organisation=r["organisation_id"])
            if r["organisation_id"]
            else _link(start, end),
        )
        for r in cost_rows
    ]

    index = area_index(municipality)
    areas = _area_rows(qs, index, start, end, prev_start, prev_end)

    # Point-precise reports only, for hot spots: counted per cell in the database.
    column = f"h3_r{resolution}"
    cell_counts = dict(
        point_precise(period)
        .filter(**{f"{column}__isnull": False})
        .values_list(column)
        .annotate(n=Count("*"))
        .order_by()
    )
    points_used = sum(cell_counts.values())
    without_point = total - points_used
    hexes, hot_text, n_hot, n_cold = _hotspots(
        cell_counts, index.study_cells(resolution), resolution, k
    )
    _name_hot_cells(hexes, index, start, end)

    wd, hr = local_weekday("occurred_at", lo, hi), local_hour("occurred_at", lo, hi)
    groups = list(with_time_of_day(period).values_list(wd, hr).annotate(n=Count("*")).order_by())
    matrix = weekday_hour(*_columns(groups, 3))

    weekly = _weekly(qs, end)
    notable = list(
        period.filter(
            Q(sensitivity="begransad")
            | Q(cost_sek__gte=10000)
            | Q(youth_involved=True)
            | Q(category__code__in=["anlagd_brand", "hot_vald"])
        )
        .select_related("category", "category__parent")
        .order_by("-cost_sek", "-occurred_at")[:10]
    )
    police = (
        list(
            PoliceInput.objects.filter(
                municipality=municipality, period_start__lte=end, period_end__gte=start
            ).prefetch_related("items__area")
        )
        if viewer.may("lagesbild.view_police")
        else []
    )

    return Picture(
        municipality_name=municipality.name,
        municipality_official_name=municipality.official_name,
        start=start,
        end=end,
        previous_start=prev_start,
        previous_end=prev_end,
        last_year_start=ly_start,
        last_year_end=ly_end,
        total=total,
        total_vs_previous=compare_counts(total, total_prev),
        total_vs_last_year=compare_counts(
            total, total_ly, current_length=days, previous_length=ly_days
        ),
        categories=categories,
        costs=costs,
        cost_total=sum((c.cost for c in costs), Decimal(0)),
        areas=areas,
        hexes=hexes,
        hex_resolution=resolution,
        hotspot_text=hot_text,
        n_hot=n_hot,
        n_cold=n_cold,
        points_used=points_used,
        without_point=without_point,
        weekday_hour=matrix.tolist(),
        weekly=weekly,
        notable=notable,
        police_inputs=police,
        boundary=index.boundary_geojson,
        list_link=_link(start, end),
        background=map_background(municipality=viewer.municipality),
    )


def _shift_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def _area_rows(qs, index, start, end, prev_start, prev_end) -> list[AreaRow]:
    districts = index.district_names()
    if not districts:
        return []
    ids = list(districts)

    def counts(a, b):
        lo, hi = _bounds(a, b)
        rows = (
            qs.filter(occurred_at__gte=lo, occurred_at__lt=hi, areas__id__in=ids)
            .values_list("areas__id")
            .annotate(n=Count("*"))
            .order_by()
        )
        return Counter(dict(rows))

    cur, prev = counts(start, end), counts(prev_start, prev_end)
    rows = [
        AreaRow(
            area_id=pk,
            name=name,
            current=cur[pk],
            previous=prev[pk],
            vs_previous=compare_counts(cur[pk], prev[pk]),
            link=_link(start, end, area=pk),
        )
        for pk, name in districts.items()
    ]
    return sorted(rows, key=lambda r: (-r.current, r.name))


def _hotspots(counts: dict[int, int], study: np.ndarray | None, resolution, k):
    cells = set(counts)
    if study is not None:
        cells.update(study.tolist())
    if not cells:
        return [], "Inga rapporter med exakt plats under perioden.", 0, 0
    cell_array = np.array(sorted(cells), dtype=np.int64)
    count_array = np.array([counts.get(int(c), 0) for c in cell_array], dtype=np.float64)
    result = gi_star(cell_array, count_array, k=k)
    hexes = [
        HexCell(cell=int(c), count=int(n), z=float(z), bin=int(b), boundary=cell_boundary(int(c)))
        for c, n, z, b in zip(result.cells, result.counts, result.z, result.bins, strict=True)
        if n > 0 or b != 0
    ]
    return hexes, result.text, int(result.n_hot), int(result.n_cold)


def _name_hot_cells(hexes, index, start, end) -> None:
    """Gives the significant cells a place name (the district of the centre) and a link."""
    import h3

    district = index.district_names()
    for cell in hexes:
        if cell.bin == 0:
            continue
        lat, lon = h3.cell_to_latlng(h3.int_to_str(cell.cell))
        names = [district[i] for i in index.area_ids_at(lat, lon) if i in district]
        cell.place = names[0] if names else "Utanför stadsdelarna"
        cell.link = _link(start, end, cell=h3.int_to_str(cell.cell))


def _weekly(qs, end: date, weeks: int = 52) -> list[tuple[date, int]]:
    """Reports per week for the 52 weeks (Monday–Sunday) up to the period's end: counted per
    local day in the database, binned into weeks here."""
    last_monday = end - timedelta(days=end.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    lo, hi = _bounds(first, last_monday + timedelta(days=6))
    days = list(
        qs.filter(occurred_at__gte=lo, occurred_at__lt=hi)
        .values_list(local_day_number("occurred_at", lo, hi))
        .annotate(n=Count("*"))
        .order_by()
    )
    day_numbers, counts = _columns(days, 2)
    per_week = weekly_counts(day_numbers, start_day=day_number(first), weeks=weeks, counts=counts)
    return [(first + timedelta(weeks=i), int(n)) for i, n in enumerate(per_week)]


TREND_WEEKS = 12


def _category_trends(qs, end: date, top_of, weeks: int = TREND_WEEKS):
    """Reports per top-level category and week (Monday–Sunday) for the weeks up to the
    period's end, in one GROUP BY of category and local day."""
    last_monday = end - timedelta(days=end.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    lo, hi = _bounds(first, last_monday + timedelta(days=6))
    rows = (
        qs.filter(occurred_at__gte=lo, occurred_at__lt=hi)
        .values_list("category_id", local_day_number("occurred_at", lo, hi))
        .annotate(n=Count("*"))
        .order_by()
    )
    per_week: dict[int, list[int]] = {}
    for cid, day, n in rows:
        week = (day - day_number(first)) // 7
        if 0 <= week < weeks:
            per_week.setdefault(top_of(cid), [0] * weeks)[week] += n
    return {
        cid: [(first + timedelta(weeks=i), n) for i, n in enumerate(counts)]
        for cid, counts in per_week.items()
    }


def _columns(rows: list[tuple], width: int) -> list[np.ndarray]:
    """GROUP BY rows as int64 columns (empty columns for no rows)."""
    if not rows:
        return [np.zeros(0, dtype=np.int64) for _ in range(width)]
    return list(np.array(rows, dtype=np.int64).T)


# --- Police input ----------------------------------------------------------------------


def police_input_list(*, viewer: Viewer):
    # The list names each item's area: fetched with the items, not once per item.
    return PoliceInput.objects.filter(municipality=viewer.municipality).prefetch_related(
        "items__area"
    )


# --- Totals for official documents ---------------------------------------------------------
# The annual follow-up and the strategic lägesbild publish these totals to whoever may read
# those documents, as trygg.reports.selectors.report_totals does for reports: only counts and
# theme names leave here, never a decision's or the police's text.


@dataclass(frozen=True)
class PoliceThemes:
    inputs: int
    themes: Counter  # theme label → items, in the order the inputs are listed


def police_themes(*, viewer: Viewer, first: date, last: date) -> PoliceThemes:
    """The police's inputs whose period overlaps [first, last], and how often each theme
    comes up in their items."""
    inputs = PoliceInput.objects.filter(
        municipality=viewer.municipality, period_start__lte=last, period_end__gte=first
    )
    labels = dict(PoliceInputItem.Theme.choices)
    themes = (
        PoliceInputItem.objects.filter(police_input__in=inputs)
        .order_by("-police_input__period_end", "-police_input__pk", "pk")
        .values_list("theme", flat=True)
    )
    return PoliceThemes(
        inputs=inputs.count(), themes=Counter(str(labels.get(t, t)) for t in themes)
    )


def police_inputs_on_theme(*, viewer: Viewer, year: int, theme: str) -> int:
    """The police's inputs starting in `year` with at least one item on `theme`."""
    return (
        PoliceInput.objects.filter(
            municipality=viewer.municipality, period_start__year=year, items__theme=theme
        )
        .distinct()
        .count()
    )


# --- Documents made by the task worker -----------------------------------------------------


def document_jobs(*, viewer: Viewer):
    """The viewer's own ordered documents: each holds what its creator may read."""
    if viewer.user_id is None:
        return DocumentJob.objects.none()
    return DocumentJob.objects.filter(
        municipality=viewer.municipality, created_by_id=viewer.user_id
    )


def document_job_get(*, viewer: Viewer, pk: int) -> DocumentJob | None:
    return document_jobs(viewer=viewer).filter(pk=pk).first()
