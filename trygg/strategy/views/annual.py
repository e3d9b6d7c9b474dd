"""The annual follow-up (uppföljning) of the åtgärdsplan and the goals, as a page, PDF or DOCX."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from trygg.core import bounds
from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request
from trygg.documents.pdf import render_pdf
from trygg.documents.word import render_docx

from ..annual import annual_document, cost_trend, goal_figures, goal_strip
from ..models import Goal


@member_required("strategy.view")
def annual_report(request):
    viewer = viewer_for_request(request)
    year = request.GET.get("ar", str(timezone.localdate().year))
    if not (year.isascii() and year.isdigit() and bounds.year_in_range(int(year))):
        return bounds.bad_request_page(
            request, [bounds.YEAR_MESSAGE], back=reverse("strategy:annual_report")
        )
    year = int(year)
    fmt = request.GET.get("format", "")
    if fmt in ("pdf", "docx"):
        document = annual_document(viewer=viewer, year=year)
        now = timezone.localtime()
        if fmt == "pdf":
            body, content_type = render_pdf(document, generated_at=now), "application/pdf"
        else:
            body = render_docx(document, generated_at=now)
            content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="uppfoljning-{viewer.municipality.slug}-{year}.{fmt}"'
        )
        return response

    figures = goal_figures(viewer=viewer, year=year)
    return render(
        request,
        "strategy/annual.html",
        {
            "year": year,
            "goals": [(g, g.label, figures.get(g.value, [])) for g in Goal],
            "strip": goal_strip(figures, year=year),
            "cost_trend": cost_trend(viewer=viewer, year=year),
        },
    )
