"""Reads for reports: the filtered list, one report, duplicates, map aggregates, export rows.
Every selector filters by municipality first, then by what the viewer may read."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, QuerySet

from trygg.core import bounds
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.locale_sv import day_bounds, day_start

from .models import ApiKey, Category, ImportJob, Report, SavedFilter
from .permissions import report_visibility

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
    """All reports of the viewer's municipality that the viewer may read."""
    visibility = report_visibility(viewer)
    qs = Report.objects.filter(municipality=viewer.municipality)
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


def with_area_names(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Prefetches each report's areas as id and name only. An outline is GeoJSON of up to
    ~100 kB, joined once per report: a list of 1,000 read 140 MB before this."""
    return reports.prefetch_related(Prefetch("areas", queryset=Area.objects.only("id", "name")))


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
        .prefetch_related(Prefetch("areas", queryset=Area.objects.only("id", "name")), "photos")
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
