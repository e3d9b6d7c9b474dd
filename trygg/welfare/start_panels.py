"""The welfare panels on the start page: overdue controls and reviews for the handläggare,
the year's aggregates (suppressed under five cases) for the samordnare."""

from django.urls import reverse
from django.utils import timezone

from trygg.locale_sv import format_kronor, format_number

from .selectors.aggregates import year_aggregates
from .selectors.register import analyses_review_overdue, controls_overdue


def overdue_panel(viewer) -> dict:
    today = timezone.localdate()
    controls = controls_overdue(viewer=viewer, today=today)
    reviews = analyses_review_overdue(viewer=viewer, today=today)
    panel: dict = {"more": {"label": "Kontrollplanen", "url": reverse("welfare:controls")}}
    if not controls and not reviews:
        panel["empty"] = "Inga kontroller eller granskningar är försenade."
        return panel
    panel["entries"] = [
        {
            "text": control.name,
            "url": reverse("welfare:control_detail", args=[control.pk]),
            "meta": f"Skulle ha gjorts senast {control.due_on.isoformat()}",
        }
        for control in controls
    ] + [
        {
            "text": f"Granska analysen av {analysis}",
            "url": reverse("welfare:analysis_detail", args=[analysis.pk]),
            "meta": f"Skulle ha granskats senast {analysis.next_review_on.isoformat()}",
        }
        for analysis in reviews
    ]
    return panel


def aggregates_panel(viewer) -> dict:
    today = timezone.localdate()
    figures = year_aggregates(viewer=viewer, year=today.year, today=today)
    # The samordnare may not open the register: the figures lead to the annual follow-up.
    url = reverse("strategy:annual_report")
    return {
        "figures": [
            {
                "value": figures.cases_text(),
                "label": f"misstänkta välfärdsbrott upptäckta {figures.label}",
                "url": url,
            },
            {
                "value": "–" if figures.suppressed else format_kronor(figures.sek_reclaimed),
                "label": "återkrävt",
                "url": url,
            },
            {
                "value": f"{figures.high_risk_analysed} av {figures.high_risk_total}",
                "label": "högriskregelverk analyserade",
                "url": url,
            },
            {
                "value": format_number(figures.controls_overdue),
                "label": "försenade kontroller",
                "url": url,
            },
        ],
    }
