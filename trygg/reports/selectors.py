"""Reads for reports: the filtered list, one report, duplicates, map aggregates, export rows,
and the totals official documents publish. Every selector filters by municipality first, then
by what the viewer may read (the official totals count every report and suppress small
counts instead)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from trygg.core import bounds
from trygg.core.localtime import local_hour, local_weekday
from trygg.core.viewer import Viewer
from trygg.geo.selectors import areas_named
from trygg.locale_sv import day_bounds, day_start

from .county_figures import counts_by_category_and_period as counts_by_category_and_period
from .county_figures import counts_by_h3_r8 as counts_by_h3_r8
from .models import POINT_LIKE, ApiKey, Category, ImportJob, Report, SavedFilter
from .permissions import report_visibility
from .time_of_day import WHOLE_DAY_Q
from .time_of_day import with_time_of_day as with_time_of_day  # read by lagesbild here

# What other apps name a report's kind and source by (the public form files an observation
# by a citizen): through the reports' reads, not their models.
ReportKind = Report.Kind
ReportSource = Report.Source

SORTS = {
    "-tid": ("-occurred_at", "-pk"),
    "tid": ("occurred_at", "pk"),
    "kategori": ("category__name", "-occurred_at"),
    "status": ("status", "-occurred_at"),
    "-kostnad": ("-cost_sek", "-occurred_at"),
    "-rapporterad": ("-reported_at", "-pk"),
}


@dataclass
class ReportFilter:
    """The list's filters, parsed from and written back to a query string."""

    date_from: date | None = None
    date_to: date | None = None
    categories: list[int] = field(default_factory=list)
    area: int | None = None
    organisation: int | None = None
    status: list[str] = field(default_factory=list)
    sensitivity: str = ""
    kind: str = ""
    source: str = ""
    q: str = ""
    # An H3 cell (hex string) at resolution 7, 8 or 9: the reports of one map hexagon.
    cell: str = ""
    sort: str = "-tid"
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_query(cls, params) -> "ReportFilter":
        """Parses what a page's query string says; a value that cannot be used is left out
        and its Swedish reason kept in `errors` (the page shows it, exports refuse)."""
        f = cls()
        f.date_from = f._date(params.get("fran"), "fran")
        f.date_to = f._date(params.get("till"), "till")
        if f.date_from and f.date_to and f.date_from > f.date_to:
            f.errors["till"] = "Slutdatum ligger före startdatum."
        getlist = params.getlist if hasattr(params, "getlist") else lambda key: []
        f.categories = f._ids(getlist("kategori"), "kategori", "Okänd kategori.")
        f.area = (f._ids([params.get("omrade")], "omrade", "Okänt område.") or [None])[0]
        f.organisation = (
            f._ids([params.get("organisation")], "organisation", "Okänd organisation.") or [None]
        )[0]
        f.status = [s for s in getlist("status") if s in Report.Status.values]
        f.sensitivity = (
            params.get("skyddsniva", "")
            if params.get("skyddsniva") in ("oppen", "intern", "begransad")
            else ""
        )
        f.kind = params.get("typ", "") if params.get("typ") in Report.Kind.values else ""
        f.source = params.get("kalla", "") if params.get("kalla") in Report.Source.values else ""
        # PostgreSQL refuses NUL in a text parameter; nobody searches for one.
        f.q = (params.get("q") or "").replace("\x00", "").strip()[:200]
        f.cell = f._cell(params.get("cell") or "")
        f.sort = params.get("sortering") if params.get("sortering") in SORTS else "-tid"
        return f

    def _date(self, value, key):
        if not value:
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.errors[key] = f"'{value[:20]}' är inte ett datum (ÅÅÅÅ-MM-DD)."
            return None
        if not bounds.date_in_range(parsed):
            self.errors[key] = bounds.DATE_MESSAGE
            return None
        return parsed

    def _cell(self, value: str) -> str:
        if not value:
            return ""
        import h3

        try:
            valid = h3.is_valid_cell(value) and h3.get_resolution(value) in (7, 8, 9)
        except (OverflowError, ValueError):
            # h3 parses the text as a 64-bit number first: longer or signed text overflows.
            valid = False
        if not valid:
            self.errors["cell"] = "Okänd kartruta."
            return ""
        return value

    def _ids(self, values, key: str, message: str) -> list[int]:
        """Row ids from select options; anything else is an error, never a database overflow."""
        out = []
        for v in values:
            if v in (None, ""):
                continue
            try:
                number = int(v)
            except ValueError:
                number = 0
            if bounds.id_in_range(number):
                out.append(number)
            else:
                self.errors[key] = message
        return out

    def to_query(self, **override) -> str:
        params = []
        if self.date_from:
            params.append(("fran", self.date_from.isoformat()))
        if self.date_to:
            params.append(("till", self.date_to.isoformat()))
        params += [("kategori", c) for c in self.categories]
        if self.area:
            params.append(("omrade", self.area))
        if self.organisation:
            params.append(("organisation", self.organisation))
        params += [("status", s) for s in self.status]
        for key, value in (
            ("skyddsniva", self.sensitivity),
            ("typ", self.kind),
            ("kalla", self.source),
            ("q", self.q),
        ):
            if value:
                params.append((key, value))
        if self.sort != "-tid":
            params.append(("sortering", self.sort))
        for key, value in override.items():
            params = [p for p in params if p[0] != key] + ([(key, value)] if value else [])
        return urlencode(params)

    @property
    def active(self) -> bool:
        return bool(self.to_query(sortering=""))


def visible_reports(viewer: Viewer) -> QuerySet[Report]:
    """All reports of the viewer's municipality that the viewer may read; withdrawn ones
    (an event the Police moved elsewhere) are out of every list and count."""
    visibility = report_visibility(viewer)
    qs = Report.objects.filter(municipality=viewer.municipality, withdrawn_at__isnull=True)
    if visibility is None:
        return qs.none()
    return qs.filter(visibility)


def report_list(*, viewer: Viewer, filters: ReportFilter) -> QuerySet[Report]:
    qs = visible_reports(viewer)
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=day_bounds(filters.date_to)[1])
    if filters.categories:
        qs = qs.filter(
            Q(category_id__in=filters.categories) | Q(category__parent_id__in=filters.categories)
        )
    if filters.area:
        qs = qs.filter(areas__id=filters.area)
    if filters.organisation:
        qs = qs.filter(
            Q(organisation_id=filters.organisation)
            | Q(assigned_organisation_id=filters.organisation)
        )
    if filters.status:
        qs = qs.filter(status__in=filters.status)
    if filters.sensitivity:
        qs = qs.filter(sensitivity=filters.sensitivity)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.cell:
        import h3

        column = f"h3_r{h3.get_resolution(filters.cell)}"
        qs = qs.filter(**{column: h3.str_to_int(filters.cell)})
    if filters.q:
        qs = qs.filter(
            Q(description_redacted__icontains=filters.q)
            | Q(place_name_redacted__icontains=filters.q)
            | Q(police_report_number__icontains=filters.q)
        )
    return qs.select_related(
        "category", "category__parent", "organisation", "assigned_organisation"
    ).order_by(*SORTS[filters.sort])


def point_precise(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports at a point (GPS, map, an address of the register): what hot spots, near-repeat
    and the map's points may use (design.md, location precision)."""
    return reports.filter(POINT_LIKE)


def with_area_names(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Prefetches each report's areas as id and name only. An outline is GeoJSON of up to
    ~100 kB, joined once per report: a list of 1,000 read 140 MB before this."""
    return reports.prefetch_related(Prefetch("areas", queryset=areas_named()))


def area_names_by_report(report_ids) -> dict[int, list[str]]:
    """Report id → its areas' names, in the areas' order, from one query of two columns.
    Tuples rather than Area objects: for a page of 1,000 reports they are ~4,000 rows."""
    names: dict[int, list[str]] = {}
    rows = (
        Report.areas.through.objects.filter(report_id__in=report_ids)
        .order_by("area__kind", "area__name")
        .values_list("report_id", "area__name")
    )
    for report_id, name in rows:
        names.setdefault(report_id, []).append(name)
    return names


def _with_names(reports) -> list[Report]:
    reports = list(reports)
    names = area_names_by_report([r.pk for r in reports])
    for r in reports:
        r.area_names = names.get(r.pk, [])
    return reports


# What the API shows of a report (ReportOut): building 1,000 full rows with their contact
# fields, cells and JSON was most of a page's time once the outlines were gone.
API_FIELDS = (
    *("uuid", "kind", "status", "occurred_at", "occurred_until", "reported_at", "lat", "lon"),
    *("precision", "place_name", "place_name_redacted", "description", "description_redacted"),
    *("cost_sek", "police_report_number", "people_count", "youth_involved", "sensitivity"),
    "updated_at",
    *("category__code", "category__name", "organisation__name", "assigned_organisation__name"),
)


def _api_rows(reports: QuerySet[Report]) -> QuerySet[Report]:
    return reports.select_related("category", "organisation", "assigned_organisation").only(
        *API_FIELDS
    )


def api_report_page(*, reports: QuerySet[Report], offset: int, limit: int) -> list[Report]:
    """One page of the API's list, newest first, each with `area_names`."""
    return _with_names(_api_rows(reports).order_by("-occurred_at", "-pk")[offset : offset + limit])


def api_report_get(*, viewer: Viewer, uuid) -> Report | None:
    found = _with_names(_api_rows(visible_reports(viewer).filter(uuid=uuid)))
    return found[0] if found else None


def api_external_id_taken(*, viewer: Viewer, external_id: str, uuid) -> bool:
    """Another API report of the municipality already carries this external id."""
    return (
        Report.objects.filter(
            municipality=viewer.municipality, source=Report.Source.API, external_id=external_id
        )
        .exclude(uuid=uuid)
        .exists()
    )


def report_get(*, viewer: Viewer, pk: int) -> Report | None:
    return (
        visible_reports(viewer)
        .filter(pk=pk)
        .select_related(
            "category",
            "category__parent",
            "organisation",
            "assigned_organisation",
            "reporter",
            "duplicate_of",
            "status_changed_by",
        )
        .prefetch_related(Prefetch("areas", queryset=areas_named()), "photos")
        .first()
    )


def report_by_uuid(*, viewer: Viewer, uuid) -> Report | None:
    return visible_reports(viewer).filter(uuid=uuid).select_related("category").first()


def report_history(*, report: Report):
    return report.events.select_related("actor").order_by("at", "pk")


def duplicate_candidates(*, viewer: Viewer, report: Report, limit: int = 5) -> list[Report]:
    """Same category, within about 250 m (same or neighbouring H3 r8 cell) and 3 days."""
    if report.h3_r8 is None:
        qs = (
            visible_reports(viewer).filter(place_name__iexact=report.place_name)
            if report.place_name
            else None
        )
        if qs is None:
            return []
    else:
        import h3

        ring = [h3.str_to_int(c) for c in h3.grid_disk(h3.int_to_str(report.h3_r8), 1)]
        qs = visible_reports(viewer).filter(h3_r8__in=ring)
    window = timedelta(days=3)
    return list(
        qs.filter(
            category_id=report.category_id,
            occurred_at__gte=report.occurred_at - window,
            occurred_at__lte=report.occurred_at + window,
        )
        .exclude(pk=report.pk)
        # The page names each candidate's category as "parent – name".
        .select_related("category", "category__parent")
        .order_by("occurred_at")[:limit]
    )


def category_tree(
    *, municipality, only_active: bool = True, citizen: bool = False
) -> list[Category]:
    qs = Category.objects.filter(municipality=municipality).select_related("parent")
    if only_active:
        qs = qs.filter(active=True)
    if citizen:
        qs = qs.filter(citizen=True)
    return list(qs.order_by("sort_order", "name"))


def citizen_category_get(*, municipality, pk) -> Category | None:
    """A category a citizen may choose (active and open to citizens), or None."""
    return category_list(municipality=municipality).filter(pk=pk, citizen=True).first()


def report_by_tracking_code(*, municipality, code: str) -> Report | None:
    """The report a citizen follows with its tracking code, their only handle on it; the
    status page shows its category, status and redacted text."""
    return (
        Report.objects.filter(municipality=municipality, tracking_code=code.upper())
        .select_related("category")
        .first()
    )


def category_list(*, municipality, only_active: bool = True) -> QuerySet[Category]:
    """The municipality's categories as a queryset, for a form's choice field."""
    qs = Category.objects.filter(municipality=municipality)
    return qs.filter(active=True) if only_active else qs


def category_choices(
    *, municipality, citizen: bool = False
) -> list[tuple[str, list[tuple[int, str]]]]:
    """Grouped for <optgroup>: parents as groups, each parent selectable as "annat/allmänt"."""
    cats = category_tree(municipality=municipality, citizen=citizen)
    parents = [c for c in cats if c.parent_id is None]
    children: dict[int, list[Category]] = {}
    for c in cats:
        if c.parent_id:
            children.setdefault(c.parent_id, []).append(c)
    groups = []
    for p in parents:
        kids = children.get(p.pk, [])
        if kids:
            groups.append((p.name, [(k.pk, k.name) for k in kids] + [(p.pk, f"{p.name} – övrigt")]))
        else:
            groups.append((p.name, [(p.pk, p.name)]))
    return groups


def last_used_category_id(*, viewer: Viewer) -> int | None:
    if viewer.user_id is None:
        return None
    return (
        Report.objects.filter(municipality=viewer.municipality, reporter_id=viewer.user_id)
        .order_by("-created_at")
        .values_list("category_id", flat=True)
        .first()
    )


def status_counts(*, viewer: Viewer) -> dict[str, int]:
    rows = visible_reports(viewer).values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


def saved_filters(*, viewer: Viewer) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(municipality=viewer.municipality, user_id=viewer.user_id)


def api_keys(*, viewer: Viewer) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(municipality=viewer.municipality).select_related("organisation")


def import_jobs(*, viewer: Viewer) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(municipality=viewer.municipality).select_related("created_by")


def import_job_get(*, viewer: Viewer, pk: int) -> ImportJob | None:
    return import_jobs(viewer=viewer).filter(pk=pk).first()


# --- Totals for official documents ------------------------------------------------------
# The annual follow-up and the strategic lägesbild count every report of the municipality:
# visibility rules decide which rows a reader sees, not which reports a published total
# includes (issue 12's decision). A reader who may not read single reports (a council member)
# gets counts under 5 suppressed, as published statistics are (design.md, privacy).

SUPPRESS_BELOW = 5
# Friday and Saturday from 20 to Saturday and Sunday at 04 (Monday = 0): 14 % of the week.
_WEEKEND_NIGHTS = Q(wd__in=[4, 5], hr__gte=20) | Q(wd__in=[5, 6], hr__lt=4)


def published_count(viewer: Viewer, n: int) -> int | None:
    """`n` as an official document may show it to this viewer: None when it is 1–4 and the
    viewer may not read single reports (a zero reveals nobody)."""
    if 0 < n < SUPPRESS_BELOW and not viewer.may("reports.view"):
        return None
    return n


def _official(viewer: Viewer, start: datetime, end: datetime) -> QuerySet[Report]:
    return Report.objects.filter(
        municipality=viewer.municipality,
        occurred_at__gte=start,
        occurred_at__lt=end,
        withdrawn_at__isnull=True,
    )


@dataclass(frozen=True)
class ReportTotals:
    """Counts are None where suppressed; kronor are never suppressed (not a count of people)."""

    reports: int | None
    insecurity: int | None
    youth: int | None
    welfare_crime: int | None
    weekend_nights: int | None
    with_cost: int | None
    cost_sek: Decimal


def report_totals(*, viewer: Viewer, start: datetime, end: datetime) -> ReportTotals:
    """Totals of every report that occurred in [start, end), in one scan."""
    # The category by id, not by a join on every row's category (a million rows in a city).
    welfare = list(
        Category.objects.filter(municipality=viewer.municipality, code="valfardsbrott").values_list(
            "pk", flat=True
        )
    )
    counted = (
        _official(viewer, start, end)
        .annotate(
            wd=local_weekday("occurred_at", start, end), hr=local_hour("occurred_at", start, end)
        )
        .aggregate(
            reports=Count("id"),
            insecurity=Count("id", filter=Q(kind=Report.Kind.OTRYGGHET)),
            youth=Count("id", filter=Q(youth_involved=True)),
            welfare_crime=Count("id", filter=Q(category_id__in=welfare)),
            weekend_nights=Count("id", filter=_WEEKEND_NIGHTS & ~WHOLE_DAY_Q),
            with_cost=Count("id", filter=Q(cost_sek__isnull=False)),
            cost_sek=Sum("cost_sek"),
        )
    )
    cost = counted.pop("cost_sek") or Decimal(0)
    return ReportTotals(
        **{k: published_count(viewer, n) for k, n in counted.items()}, cost_sek=cost
    )


@dataclass(frozen=True)
class CategoryYears:
    """Reports per main category and year; `rows` most reports first."""

    years: list[int]
    rows: list[tuple[str, list[int | None]]]
    totals: list[int | None]


def report_counts_by_category_and_year(
    *, viewer: Viewer, years: list[int], bounds, limit: int = 8
) -> CategoryYears:
    """Every report per main category (subcategories counted in their parent) for each year;
    `bounds(year)` gives the year's local [start, end)."""
    categories = {c.pk: c for c in Category.objects.filter(municipality=viewer.municipality)}

    def main(cid):
        c = categories.get(cid)
        return (c.parent_id or c.pk) if c else cid

    # One scan for all years, each year a conditional count on its local bounds, so no row is
    # converted to local time (measured: a query per year was several times slower).
    per_year = {
        f"y{year}": Count(
            "id", filter=Q(occurred_at__gte=bounds(year)[0], occurred_at__lt=bounds(year)[1])
        )
        for year in years
    }
    rows = (
        _official(viewer, bounds(years[0])[0], bounds(years[-1])[1])
        .values("category_id")
        .annotate(**per_year)
        .order_by()
    )
    counts: dict[int, list[int]] = {}
    for r in rows:
        per_main = counts.setdefault(main(r["category_id"]), [0] * len(years))
        for i, year in enumerate(years):
            per_main[i] += r[f"y{year}"]
    ranked = sorted(counts.items(), key=lambda item: -sum(item[1]))[:limit]
    totals = [sum(c[i] for c in counts.values()) for i in range(len(years))]

    def shown(values):
        return [published_count(viewer, n) for n in values]

    return CategoryYears(
        years=years,
        rows=[
            (categories[cid].name if cid in categories else "Okänd", shown(values))
            for cid, values in ranked
        ],
        totals=shown(totals),
    )


def report_counts_by_area(
    *, viewer: Viewer, start: datetime, end: datetime, kind: str, limit: int
) -> list[tuple[str, int | None]]:
    """The areas of a kind with the most reports in [start, end), most first."""
    rows = (
        _official(viewer, start, end)
        .filter(areas__kind=kind)
        .values("areas__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n")[:limit]
    )
    return [(r["areas__name"], published_count(viewer, r["n"])) for r in rows]


def report_costs_by_organisation(
    *, viewer: Viewer, start: datetime, end: datetime, limit: int
) -> list[tuple[str | None, Decimal]]:
    """The organisations with the largest reported damage costs; None for citizens and others."""
    rows = (
        _official(viewer, start, end)
        .filter(cost_sek__isnull=False)
        .values("organisation__name")
        .annotate(cost=Sum("cost_sek"))
        .order_by("-cost")[:limit]
    )
    return [(r["organisation__name"], r["cost"] or Decimal(0)) for r in rows]


def report_points(
    *,
    viewer: Viewer,
    start: datetime,
    end: datetime,
    category_codes: list[str],
    parent_codes: list[str],
    limit: int,
) -> list[tuple[float, float, datetime]]:
    """(lat, lon, occurred_at) of every point-precise report in the categories, for an
    analysis whose result is a statistic (the near-repeat test); rows of single reports, so
    only for a viewer who may read reports."""
    if not viewer.may("reports.view"):
        raise PermissionDenied("Du har inte behörighet att läsa rapporter.")
    return list(
        _official(viewer, start, end)
        .filter(POINT_LIKE)
        .filter(Q(category__code__in=category_codes) | Q(category__parent__code__in=parent_codes))
        .values_list("lat", "lon", "occurred_at")[:limit]
    )
