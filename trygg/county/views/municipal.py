"""The municipality's side: map categories to the county's code list, publish a snapshot,
withdraw one."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request

from ..codes import CODE_LABELS, COUNTY_CODES
from ..selectors import municipal as selectors
from ..services.publishing import county_of, mapping_save, snapshot_publish, snapshot_withdraw


@member_required("county.view_publications")
def publications(request):
    viewer = viewer_for_request(request)
    errors, typed = [], request.POST.get("period_end", "")
    if request.method == "POST":
        if not viewer.may("county.publish"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            end = date.fromisoformat(typed)
        except ValueError:
            errors.append("Ange periodens sista dag som ÅÅÅÅ-MM-DD.")
        else:
            try:
                snapshot_publish(viewer=viewer, period_end=end)
            except ValidationError as e:
                errors.extend(e.messages)
            else:
                messages.success(request, "Sammanställningen är publicerad till länsstyrelsen.")
                return redirect("county:publications")
    return render(
        request,
        "county/publications.html",
        {
            "snapshots": selectors.own_snapshots(viewer=viewer),
            "county": county_of(viewer.municipality),
            "may_publish": viewer.may("county.publish"),
            "errors": errors,
            "typed": typed or timezone.localdate().isoformat(),
        },
        status=400 if errors else 200,
    )


@require_POST
@member_required("county.publish")
def withdraw(request, pk):
    viewer = viewer_for_request(request)
    snapshot = selectors.own_snapshot_get(viewer=viewer, pk=pk)
    if snapshot is None:
        raise Http404
    snapshot_withdraw(viewer=viewer, snapshot=snapshot)
    messages.success(request, "Sammanställningen är återkallad; länet ser den inte längre.")
    return redirect("county:publications")


@member_required("county.view_publications")
def mapping(request):
    viewer = viewer_for_request(request)
    rows = selectors.category_rows(viewer=viewer)
    errors = []
    if request.method == "POST":
        if not viewer.may("county.publish"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        codes = {c.pk: request.POST.get(f"kod-{c.pk}", "") for c, _ in rows}
        bad = [c.name for c, _ in rows if codes[c.pk] and codes[c.pk] not in CODE_LABELS]
        if bad:
            errors.append("Okänd kategori i länets kodlista för: " + ", ".join(bad))
        else:
            mapping_save(viewer=viewer, codes=codes)
            messages.success(request, "Kopplingarna är sparade.")
            return redirect("county:mapping")
        rows = [(c, codes[c.pk]) for c, _ in rows]
    return render(
        request,
        "county/mapping.html",
        {
            "rows": rows,
            "codes": COUNTY_CODES,
            "errors": errors,
            "may_publish": viewer.may("county.publish"),
        },
        status=400 if errors else 200,
    )
