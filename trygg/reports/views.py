import math

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core import bounds
from trygg.core.decorators import member_required
from trygg.core.forms import add_validation_errors
from trygg.core.selectors import organisation_list
from trygg.core.viewer import viewer_for_request
from trygg.geo.selectors import area_choices, area_index

from . import export_views, exports, idempotency, maps, photo_access, selectors, services
from .forms import (
    ApiKeyForm,
    AssignForm,
    CategoryForm,
    CommentForm,
    DuplicateForm,
    NewCategoryForm,
    ReplyForm,
    SavedFilterForm,
    StaffReportForm,
    StatusForm,
)
from .models import Category, Report, SavedFilter
from .selectors import ReportFilter
from .services.intake import outside_message

PAGE_SIZE = 50
# Leaflet's deepest zoom with the tile sources in use.
MAX_ZOOM = 22


def _categories_with_last_first(viewer):
    groups = selectors.category_choices(municipality=viewer.municipality)
    last = selectors.last_used_category_id(viewer=viewer)
    if last is None:
        return groups
    label = next((name for _, opts in groups for pk, name in opts if pk == last), None)
    return ([("Senast använd", [(last, label)])] if label else []) + groups


def placed_note(report) -> str:
    """Where the gazetteer put a report given only as text, for the receipt (the page's
    and the outbox's): an address, an area, or the text alone."""
    match = getattr(report, "place_match", None)
    if match is None or match.status == "tom":
        return ""
    if report.precision == "adress" and report.lat is not None:
        return f" Den ligger på adressen {match.label}."
    if report.precision == "omrade":
        return f" Den räknas i området {match.label}."
    return " Platsen finns inte i kommunens adresser och platser: den sparades som text."


def staff_report_form(viewer, request):
    """The staff report form, bound to the request: the page and the outbox's JSON endpoint
    (outbox_views) validate with the same form, so a report queued offline meets exactly
    the rules of one sent from the page."""
    return StaffReportForm(
        request.POST or None,
        request.FILES or None,
        category_choices=_categories_with_last_first(viewer),
    )


def staff_report_store(viewer, form) -> tuple[Report, bool]:
    """Stores a valid staff form's report and photo; raises ValidationError or UuidConflict.
    The bool is False for an identical retry, which gets the report already stored."""
    data = form.cleaned_data
    category = Category.objects.filter(
        municipality=viewer.municipality, pk=data["category"]
    ).first()
    photo_bytes = data["photo"].read() if data.get("photo") else None
    org_id = next(iter(sorted(viewer.organisation_ids)), None)
    return services.report_create_with_photo(
        viewer=viewer,
        data=services.ReportInput(
            category=category,
            kind=data["kind"],
            occurred_at=data["occurred_at"],
            occurred_until=data["occurred_until"],
            lat=data["lat"],
            lon=data["lon"],
            place_name=data["place_name"],
            description=data["description"],
            cost_sek=data["cost_sek"],
            police_report_number=data["police_report_number"],
            people_count=data["people_count"],
            youth_involved=data["youth_involved"],
            sensitivity=data["sensitivity"] or None,
            organisation=organisation_list(municipality=viewer.municipality)
            .filter(pk=org_id)
            .first(),
            uuid=data["client_uuid"],
        ),
        photo=photo_bytes,
    )


@member_required("reports.create")
def report_create(request):
    viewer = viewer_for_request(request)
    form = staff_report_form(viewer, request)
    form.setup_place(municipality=viewer.municipality, search_url=reverse("geo:place_search"))
    if request.method == "POST" and form.is_valid():
        try:
            report, _ = staff_report_store(viewer, form)
        except ValidationError as error:
            add_validation_errors(form, error)
        except idempotency.UuidConflict:
            # A new UUID on the page, so that saving again stores a new report.
            form.add_error(None, idempotency.FORM_MESSAGE)
            form.data = form.data.copy()
            form.data["client_uuid"] = ""
            return render(
                request, "reports/report_form.html", _form_context(viewer, form), status=409
            )
        else:
            messages.success(
                request, f"Tack! Rapport nr {report.pk} är registrerad.{placed_note(report)}"
            )
            return redirect("reports:detail", report.pk)
    return render(request, "reports/report_form.html", _form_context(viewer, form))


def _form_context(viewer, form) -> dict:
    return {
        "form": form,
        "offline_outline": area_index(viewer.municipality).offline_outline(),
        # The outline the map picker opens on.
        "boundary": area_index(viewer.municipality).boundary_geojson,
        "outside_message": outside_message(viewer.municipality),
    }


@member_required("reports.view")
def report_list(request):
    viewer = viewer_for_request(request)
    filters = ReportFilter.from_query(request.GET)
    qs = selectors.report_list(viewer=viewer, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(
        request,
        "reports/report_list.html",
        {
            "page": page,
            "filters": filters,
            "query": filters.to_query(),
            "category_groups": selectors.category_choices(municipality=viewer.municipality),
            # Without DeSO districts: a report read never loads an area outline.
            "areas": area_choices(municipality=viewer.municipality, districts=False),
            "organisations": organisation_list(municipality=viewer.municipality),
            "statuses": Report.Status.choices,
            "kinds": Report.Kind.choices,
            "sorts": [
                ("-tid", "Senast inträffade"),
                ("tid", "Tidigast inträffade"),
                ("-rapporterad", "Senast rapporterade"),
                ("kategori", "Kategori"),
                ("status", "Status"),
                ("-kostnad", "Högst kostnad"),
            ],
            "saved": selectors.saved_filters(viewer=viewer),
            "save_form": SavedFilterForm(),
        },
    )


@member_required("reports.view")
def report_detail(request, pk):
    viewer = viewer_for_request(request)
    report = selectors.report_get(viewer=viewer, pk=pk)
    if report is None:
        raise Http404
    show_original = request.GET.get("original") == "1" and viewer.may("reports.view_original")
    if show_original:
        services.report_log_original_read(viewer=viewer, report=report)
    organisations = organisation_list(municipality=viewer.municipality).filter(active=True)
    public = report.tracking_code is not None
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "photos": photo_access.photos_for(
                viewer=viewer, report=report, originals=show_original
            ),
            "citizen_photos_hidden": not show_original
            and any(p.from_citizen for p in report.photos.all())
            and viewer.may("reports.view_original"),
            "history": selectors.report_history(report=report),
            "candidates": selectors.duplicate_candidates(viewer=viewer, report=report)
            if viewer.may("reports.triage")
            else [],
            "show_original": show_original,
            "has_redactions": bool(report.personal_data_found),
            "status_form": StatusForm(initial={"status": report.status}, public=public),
            "reply_form": ReplyForm() if public else None,
            "assign_form": AssignForm(
                organisations=organisations,
                initial={"organisation": report.assigned_organisation_id},
            ),
            "comment_form": CommentForm(),
            "duplicate_form": DuplicateForm(initial={"original": report.duplicate_of_id}),
            "place_on_map": maps.report_place(report),
        },
    )


def _report_for_action(request, pk):
    viewer = viewer_for_request(request)
    report = selectors.report_get(viewer=viewer, pk=pk)
    if report is None:
        raise Http404
    return viewer, report


def _after_action(request, pk, action):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Ändringen är sparad.")
    return redirect("reports:detail", pk)


@require_POST
@member_required("reports.triage")
def report_status(request, pk):
    viewer, report = _report_for_action(request, pk)
    form = StatusForm(request.POST, public=report.tracking_code is not None)
    if not form.is_valid():
        messages.error(request, "Välj en status.")
        return redirect("reports:detail", pk)
    return _after_action(
        request,
        pk,
        lambda: services.report_set_status(
            viewer=viewer,
            report=report,
            status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
            reply=form.cleaned_data.get("reply", ""),
        ),
    )


@require_POST
@member_required("reports.reply_public")
def report_reply(request, pk):
    viewer, report = _report_for_action(request, pk)
    return _after_action(
        request,
        pk,
        lambda: services.report_reply_public(
            viewer=viewer, report=report, text=request.POST.get("reply", "")
        ),
    )


@require_POST
@member_required("reports.assign")
def report_assign(request, pk):
    viewer, report = _report_for_action(request, pk)
    form = AssignForm(
        request.POST, organisations=organisation_list(municipality=viewer.municipality)
    )
    if not form.is_valid():
        messages.error(request, "Välj en organisation i listan.")
        return redirect("reports:detail", pk)
    return _after_action(
        request,
        pk,
        lambda: services.report_assign(
            viewer=viewer, report=report, organisation=form.cleaned_data["organisation"]
        ),
    )


@require_POST
@member_required("reports.comment")
def report_comment(request, pk):
    viewer, report = _report_for_action(request, pk)
    return _after_action(
        request,
        pk,
        lambda: services.report_comment(
            viewer=viewer, report=report, text=request.POST.get("text", "")
        ),
    )


@require_POST
@member_required("reports.triage")
def report_duplicate(request, pk):
    viewer, report = _report_for_action(request, pk)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ange numret på en rapport.")
        return redirect("reports:detail", pk)
    original_pk = form.cleaned_data["original"]
    original = selectors.report_get(viewer=viewer, pk=original_pk) if original_pk else None
    if original_pk and original is None:
        messages.error(request, f"Rapport nr {original_pk} finns inte.")
        return redirect("reports:detail", pk)
    return _after_action(
        request,
        pk,
        lambda: services.report_mark_duplicate(viewer=viewer, report=report, original=original),
    )


@member_required("reports.view")
def report_photo(request, pk, photo_pk, size):
    viewer, report = _report_for_action(request, pk)
    photo = photo_access.photo_get(viewer=viewer, report=report, pk=photo_pk)
    if photo is None:
        raise Http404
    if photo.from_citizen and size != "liten":
        # The thumbnail is shown on the original view, whose read is already audited.
        services.report_log_citizen_photo_read(viewer=viewer, report=report, photo=photo)
    field = photo.thumbnail if size == "liten" and photo.thumbnail else photo.image
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@member_required("reports.view")
def report_map(request):
    viewer = viewer_for_request(request)
    chosen = ReportFilter.from_query(request.GET)
    all_years = request.GET.get("alla") == "1"
    filters = chosen if all_years else maps.with_default_period(chosen, today=timezone.localdate())
    return render(
        request,
        "reports/report_map.html",
        {
            "boundary": area_index(viewer.municipality).boundary_geojson,
            "filters": filters,
            "query": filters.to_query(),
            "default_period": filters is not chosen,
            "all_years": all_years,
            "all_years_query": chosen.to_query(alla="1"),
            "recent_query": chosen.to_query(),
        },
    )


def _bbox_and_zoom(params) -> tuple[tuple, int, str]:
    """The map's view from its script: finite WGS84 bounds and a Leaflet zoom level."""
    try:
        bbox = tuple(float(v) for v in params.get("bbox", "").split(","))
    except ValueError:
        bbox = ()
    west, south, east, north = bbox if len(bbox) == 4 else (math.nan,) * 4
    # Comparisons with NaN are false, so NaN, inf and overflowed 1e400 all fail here.
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        return (), 0, "bbox=väst,syd,öst,nord krävs, i grader (WGS 84)."
    zoom = params.get("zoom", "12")
    if not (zoom.isascii() and zoom.isdigit() and int(zoom) <= MAX_ZOOM):
        return (), 0, f"zoom ska vara ett heltal mellan 0 och {MAX_ZOOM}."
    return bbox, int(zoom), ""


@member_required("reports.view")
def report_map_data(request):
    viewer = viewer_for_request(request)
    filters = ReportFilter.from_query(request.GET)
    bbox, zoom, problem = _bbox_and_zoom(request.GET)
    problem = problem or " ".join(filters.errors.values())
    if problem:
        return JsonResponse({"error": problem}, status=400)
    data = maps.map_features(viewer=viewer, filters=filters, bbox=bbox, zoom=zoom)
    return JsonResponse(data)


@member_required("reports.export")
def report_export(request, fmt):
    viewer = viewer_for_request(request)
    filters = ReportFilter.from_query(request.GET)
    if filters.errors:
        # An export without the filter asked for would hand out more than was meant.
        back = reverse("reports:list") + "?" + request.GET.urlencode()
        return bounds.bad_request_page(request, filters.errors.values(), back=back)
    qs = selectors.report_list(viewer=viewer, filters=filters)
    count = qs.count()
    if count > exports.DIRECT_LIMIT:
        # Too large to make while the browser waits: the page offers it as a job.
        return export_views.export_large(request, fmt=fmt, filters=filters, count=count)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        # Streamed line by line: memory stays flat and the first bytes leave at once.
        response = StreamingHttpResponse(
            exports.csv_lines(viewer=viewer, reports=qs, count=count),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            exports.to_xlsx(viewer=viewer, reports=qs),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="rapporter-{stamp}.{fmt}"'
    return response


@require_POST
@member_required("reports.view")
def saved_filter_create(request):
    viewer = viewer_for_request(request)
    form = SavedFilterForm(request.POST)
    query = ReportFilter.from_query(request.POST).to_query()
    if form.is_valid():
        SavedFilter.objects.create(
            municipality=viewer.municipality,
            user=request.user,
            name=form.cleaned_data["name"],
            query=query,
        )
        messages.success(request, "Filtret är sparat.")
    else:
        messages.error(request, "Ge filtret ett namn.")
    return redirect(reverse("reports:list") + (f"?{query}" if query else ""))


@require_POST
@member_required("reports.view")
def saved_filter_delete(request, pk):
    viewer = viewer_for_request(request)
    deleted, _ = selectors.saved_filters(viewer=viewer).filter(pk=pk).delete()
    if not deleted:
        raise Http404
    messages.success(request, "Filtret är borttaget.")
    return redirect("reports:list")


@member_required("reports.manage_categories")
def category_list(request):
    viewer = viewer_for_request(request)
    parents = Category.objects.filter(municipality=viewer.municipality, parent__isnull=True)
    form = NewCategoryForm(
        request.POST or None,
        parents=parents,
        initial={"sensitivity": "intern", "retention_days": 1826},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.category_create(
                viewer=viewer,
                code=d["code"],
                name=d["name"],
                parent=d["parent"],
                sensitivity=d["sensitivity"],
                retention_days=d["retention_days"],
                citizen=d["citizen"],
                youth_related=d["youth_related"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Kategorin är skapad.")
            return redirect("reports:categories")
    return render(
        request,
        "reports/category_list.html",
        {
            "categories": selectors.category_tree(
                municipality=viewer.municipality, only_active=False
            ),
            "form": form,
        },
    )


@member_required("reports.manage_categories")
def category_edit(request, pk):
    viewer = viewer_for_request(request)
    category = Category.objects.filter(municipality=viewer.municipality, pk=pk).first()
    if category is None:
        raise Http404
    form = CategoryForm(
        request.POST or None,
        initial={
            "name": category.name,
            "sensitivity": category.sensitivity,
            "retention_days": category.retention_days,
            "citizen": category.citizen,
            "youth_related": category.youth_related,
            "active": category.active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.category_update(viewer=viewer, category=category, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Kategorin är sparad.")
            return redirect("reports:categories")
    return render(request, "reports/category_form.html", {"form": form, "category": category})


@member_required("reports.manage_api_keys")
def api_key_list(request):
    viewer = viewer_for_request(request)
    organisations = organisation_list(municipality=viewer.municipality).filter(active=True)
    form = ApiKeyForm(request.POST or None, organisations=organisations)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            key, secret = services.api_key_create(
                viewer=viewer,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            form = ApiKeyForm(organisations=organisations)
    return render(
        request,
        "reports/api_keys.html",
        {"keys": selectors.api_keys(viewer=viewer), "form": form, "secret": secret},
    )


@require_POST
@member_required("reports.manage_api_keys")
def api_key_revoke(request, pk):
    viewer = viewer_for_request(request)
    key = selectors.api_keys(viewer=viewer).filter(pk=pk).first()
    if key is None:
        raise Http404
    services.api_key_revoke(viewer=viewer, key=key)
    messages.success(request, f"Nyckeln {key.name} är återkallad.")
    return redirect("reports:api_keys")
