"""The samordnare's night-walk pages: groups with their agreements and secret links, the
walk calendar and logs of a group, an observation made a report, the compensation per month
and the walked routes against the hot spots. The phone pages are in nightwalk_link.py."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request

from ..nightwalk_forms import EveningForm, GroupForm
from ..selectors import nightwalk as selectors
from ..services import nightwalk as services

view = member_required("programmes.view_nightwalks")
manage = member_required("programmes.manage_nightwalks")
LOGS_PER_PAGE = 20


def _add_errors(form, error: ValidationError) -> None:
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, texts in by_field.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


@view
def group_list(request):
    viewer = viewer_for_request(request)
    may_manage = viewer.may(services.MANAGE)
    form = GroupForm(request.POST or None, viewer=viewer) if may_manage else None
    status = 200
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                group = services.group_create(viewer=viewer, **data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Gruppen {group.name} är registrerad.")
                return redirect("programmes:nightwalk_group", group.pk)
        status = 400
    return render(
        request,
        "programmes/nightwalk_groups.html",
        {"groups": selectors.group_list(viewer=viewer), "form": form},
        status=status,
    )


def _group_page(request, group, viewer, *, evening_form=None, status=200):
    page = Paginator(selectors.logs(group=group), LOGS_PER_PAGE).get_page(request.GET.get("sida"))
    return render(
        request,
        "programmes/nightwalk_group.html",
        {
            "group": group,
            "may_manage": viewer.may(services.MANAGE),
            "link": request.build_absolute_uri(
                reverse("programmes:nightwalk_link", args=[group.link_token])
            ),
            "link_ok": selectors.link_state(group) == selectors.LINK_OK,
            "evenings": selectors.evenings(group=group, upcoming_only=True),
            "evening_form": evening_form or EveningForm(),
            "page": page,
        },
        status=status,
    )


@view
def group_detail(request, pk):
    viewer = viewer_for_request(request)
    return _group_page(request, selectors.group_get(viewer=viewer, pk=pk), viewer)


@require_POST
@manage
def evening_plan(request, pk):
    viewer = viewer_for_request(request)
    group = selectors.group_get(viewer=viewer, pk=pk)
    form = EveningForm(request.POST)
    if form.is_valid():
        try:
            evening = services.evening_plan(viewer=viewer, group=group, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Kvällen {evening.walk_on:%Y-%m-%d} är planerad.")
            return redirect("programmes:nightwalk_group", group.pk)
    return _group_page(request, group, viewer, evening_form=form, status=400)


@require_POST
@manage
def link_revoke(request, pk):
    viewer = viewer_for_request(request)
    group = selectors.group_get(viewer=viewer, pk=pk)
    services.link_revoke(viewer=viewer, group=group)
    messages.success(request, "Gruppens länk är återkallad och fungerar inte längre.")
    return redirect("programmes:nightwalk_group", group.pk)


@require_POST
@manage
def link_renew(request, pk):
    viewer = viewer_for_request(request)
    group = selectors.group_get(viewer=viewer, pk=pk)
    services.link_renew(viewer=viewer, group=group)
    messages.success(request, "En ny länk är skapad. Den gamla fungerar inte längre.")
    return redirect("programmes:nightwalk_group", group.pk)


@require_POST
@manage
def observation_report(request, pk):
    viewer = viewer_for_request(request)
    observation = selectors.observation_get(viewer=viewer, pk=pk)
    try:
        report = services.observation_to_report(viewer=viewer, observation=observation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Observationen är nu rapport nr {report.pk}.")
    return redirect("programmes:nightwalk_group", observation.log.group_id)


def _year(request) -> int:
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@manage
def compensation(request):
    viewer = viewer_for_request(request)
    result = selectors.compensation(viewer=viewer, year=_year(request))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="nattvandring-ersattning-{result.year}.csv"'
        )
        response.write("\ufeff")  # Excel reads UTF-8 with a BOM
        out = csv.writer(response, delimiter=";")
        out.writerow(["Månad", "Grupp", "Förening", "Kvällar", "Ersättning per kväll", "Summa"])
        for row in result.rows:
            out.writerow(
                [
                    f"{row.month:%Y-%m}",
                    row.group,
                    row.association,
                    row.evenings,
                    row.rate_sek,
                    row.amount_sek,
                ]
            )
        out.writerow(["Totalt", "", "", result.total_evenings, "", result.total_sek])
        return response
    return render(request, "programmes/nightwalk_compensation.html", {"result": result})


@view
def route_map(request):
    viewer = viewer_for_request(request)
    result = selectors.routes_against_hot_spots(viewer=viewer)
    return render(
        request,
        "programmes/nightwalk_map.html",
        {
            "result": result,
            "map_data": {
                "routes": result.routes,
                "hot": [
                    {"boundary": h.boundary, "bin": h.bin, "place": h.place, "evenings": h.evenings}
                    for h in result.hot
                ],
                "boundary": result.boundary,
            },
        },
    )
