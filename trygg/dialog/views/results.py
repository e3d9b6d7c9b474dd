"""A survey's results page and its exports (thin: the selector decides what is shown)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from trygg.core.charts import bar_chart
from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request

from ..selectors.results import survey_for_results, survey_results
from ..selectors.results_format import BREAKDOWNS
from ..selectors.results_map import heat_map_svg, place_labels
from ..services.results_export import results_export

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _survey(request, pk):
    viewer = viewer_for_request(request)
    survey = survey_for_results(viewer=viewer, pk=pk)
    if survey is None:
        raise Http404
    return viewer, survey


@member_required("dialog.view_results")
def results(request, pk):
    viewer, survey = _survey(request, pk)
    data = survey_results(viewer=viewer, survey=survey, breakdown=request.GET.get("indelning", ""))
    charts, maps = {}, {}
    for q in data.questions:
        if q.rows:
            bars = [(label, c.share.share * 100) for label, c in zip(q.options, q.rows[0].cells,
                    strict=True) if c.share is not None]  # fmt: skip
            if bars:
                charts[q.key] = bar_chart(
                    bars, title=f"{q.text} – hela kommunen", chart_id=f"diagram-{q.key}",
                    unit="%", headings=("Svarsalternativ", "Andel"), highlight_last=False,
                )  # fmt: skip
        if q.map is not None and q.map.show_grid:
            labels = place_labels(
                municipality=viewer.municipality, cells=[c for c, _ in q.map.cells]
            )
            maps[q.key] = {
                "svg": heat_map_svg(
                    municipality=viewer.municipality, cells=q.map.cells,
                    title=f"Värmekarta: {q.text}",
                ),
                "rows": [(labels[c], n) for c, n in q.map.cells],
            }  # fmt: skip
    return render(
        request,
        "dialog/results_page.html",
        {
            "results": data,
            "survey": survey,
            "breakdowns": BREAKDOWNS,
            "charts": charts,
            "maps": maps,
            "may_export": viewer.may("dialog.export"),
        },
    )


@member_required("dialog.export")
def results_download(request, pk, fmt):
    viewer, survey = _survey(request, pk)
    data = results_export(
        viewer=viewer, survey=survey, breakdown=request.GET.get("indelning", ""), fmt=fmt
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="enkatresultat-{survey.pk}-{stamp}.{fmt}"'
    )
    return response
