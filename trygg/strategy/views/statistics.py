"""The official crime statistics: import of BRÅ's and the Police's files, and the comparison
of the municipality with its county and the country."""

from django.shortcuts import render

from trygg.core.decorators import member_required
from trygg.core.viewer import viewer_for_request

from .. import crimestats, desostats, selectors, services
from ..forms import StatisticsImportForm


@member_required("strategy.view")
def statistics(request):
    viewer = viewer_for_request(request)

    form = StatisticsImportForm(request.POST or None, request.FILES or None)
    errors, imported = [], None
    if request.method == "POST" and viewer.may("strategy.import_statistics") and form.is_valid():
        data = form.cleaned_data
        raw = data["file"].read()
        try:
            if data["layout"] == "polisen-deso":
                counts, errors = desostats.parse_police_deso(
                    raw, kommunkod=viewer.municipality.kommunkod
                )
                rows = None
            elif data["layout"] == "indikatorer":
                rows, errors = crimestats.parse_indicators(raw)
            else:
                if not data["offence"] or not data["year"]:
                    raise ValueError("Välj brottskategori och år för filen per brott.")
                rows, errors = crimestats.parse_municipal_file(
                    raw, offence=data["offence"], year=data["year"]
                )
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            if rows is None:
                imported = services.deso_crime_import(viewer=viewer, counts=counts)
            else:
                imported = services.statistics_import(viewer=viewer, rows=rows)
    years = selectors.deso_crime_years(viewer=viewer)
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        year = years[-1] if years else None
    return render(
        request,
        "strategy/statistics.html",
        {
            "form": form,
            "errors": errors[:500],
            "error_count": len(errors),
            "imported": imported,
            "comparison": selectors.statistics_comparison(municipality=viewer.municipality),
            "deso_years": years,
            "deso": (
                selectors.deso_crime_table(viewer=viewer, year=year) if year in years else None
            ),
        },
    )
