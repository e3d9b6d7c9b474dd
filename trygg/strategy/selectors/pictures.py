"""Reads for the biennial strategic lägesbild and its versions."""

from django.db.models import QuerySet

from trygg.core import charts
from trygg.core.kernel import require
from trygg.core.viewer import Viewer
from trygg.locale_sv import year_bounds
from trygg.reports.selectors import report_counts_by_category_and_year

from ..models import StrategicPicture


def picture_list(*, viewer: Viewer) -> QuerySet[StrategicPicture]:
    require(viewer, "strategy.view")
    return StrategicPicture.objects.filter(municipality=viewer.municipality)


def picture_get(*, viewer: Viewer, pk: int) -> StrategicPicture | None:
    return picture_list(viewer=viewer).filter(pk=pk).first()


YEARS_SHOWN = 5  # the picture's two years and the three before them


def picture_year_chart(*, viewer: Viewer, picture: StrategicPicture) -> charts.Chart:
    """Every report per year up to the picture's last year, as bars (the strategic view:
    how the extent has moved). A year whose total is suppressed for this viewer (under 5,
    for one who may not read single reports) is left out and named in the title."""
    years = list(range(picture.end_year - YEARS_SHOWN + 1, picture.end_year + 1))
    totals = report_counts_by_category_and_year(
        viewer=viewer, years=years, bounds=year_bounds, limit=0
    ).totals
    bars = [(str(y), n) for y, n in zip(years, totals, strict=True) if n is not None]
    hidden = len(years) - len(bars)
    title = f"Rapporter per år {years[0]}–{years[-1]}"
    if hidden:
        title += f" (år med färre än 5 rapporter visas inte: {hidden})"
    return charts.bar_chart(
        bars, title=title, chart_id="rapporter-per-ar", headings=("År", "Rapporter")
    )
