"""The county user's pages (Länsstyrelsen): only what snapshots carry, in the county's scope."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..codes import CODE_LABELS, SUPPRESSED
from ..selectors import county as selectors
from ..tasks import run_county_hotspots
from ..viewer import county_required


@county_required
def overview(request):
    viewer = request.county_viewer
    return render(
        request,
        "county/overview.html",
        {
            "county": viewer.county,
            "members": selectors.members(viewer),
            "table": selectors.side_by_side(viewer),
            "suppressed": SUPPRESSED,
        },
    )


@county_required
def member(request, kommunkod):
    viewer = request.county_viewer
    found = selectors.member_get(viewer, kommunkod)
    if found is None:
        raise Http404("Kommunen finns inte i länet eller publicerar inget.")
    counts = found.snapshot.figures["counts"]
    rows = [
        (
            CODE_LABELS[r["code"]],
            [
                (q, selectors.shown(c), selectors.shown(x) if c is not None else SUPPRESSED)
                for q, c, x in zip(counts["quarters"], r["counts"], r["rates"], strict=True)
            ],
        )
        for r in counts["rows"]
    ]
    return render(
        request,
        "county/member.html",
        {
            "county": viewer.county,
            "member": found,
            "quarters": counts["quarters"],
            "rows": rows,
            # Snapshots published before dialogues were part of them have none.
            "dialogues": found.snapshot.figures.get("dialogues", []),
        },
    )


@county_required
def law(request):
    labels, rows = selectors.law_matrix(request.county_viewer)
    return render(
        request,
        "county/law.html",
        {"county": request.county_viewer.county, "labels": labels, "rows": rows},
    )


@county_required
def measures(request):
    verdict = request.GET.get("effekt", "")
    if verdict not in selectors.VERDICTS:
        verdict = ""
    return render(
        request,
        "county/measures.html",
        {
            "county": request.county_viewer.county,
            "rows": selectors.measure_library(request.county_viewer, verdict),
            "verdicts": selectors.VERDICTS.items(),
            "verdict": verdict,
        },
    )


@county_required
def hotspots(request):
    run = selectors.latest_hotspots(request.county_viewer)
    return render(
        request, "county/hotspots.html", {"county": request.county_viewer.county, "run": run}
    )


@require_POST
@county_required
def hotspots_start(request):
    run_county_hotspots.enqueue(request.county_viewer.county.pk)
    messages.success(request, "Analysen har startats. Ladda om sidan om en stund.")
    return redirect("county:hotspots")


@county_required
def bra(request):
    return render(
        request,
        "county/bra.html",
        {
            "county": request.county_viewer.county,
            "sections": selectors.bra_draft(request.county_viewer),
        },
    )


@county_required
def api_overview(request):
    """The same aggregates as the overview page, for the county's own tools."""
    viewer = request.county_viewer
    out = []
    for m in selectors.members(viewer):
        row = {"kommunkod": m.kommunkod, "kommun": m.name, "publicerar": m.publishes}
        if m.publishes:
            row["publicerad"] = m.snapshot.published_at.isoformat()
            row["period"] = [m.snapshot.period_start.isoformat(), m.snapshot.period_end.isoformat()]
            row["antal"] = m.snapshot.figures["counts"]
            row["lagen"] = m.snapshot.figures.get("law", [])
        out.append(row)
    return JsonResponse({"lan": viewer.county.code, "kommuner": out, "undertryckt": SUPPRESSED})
