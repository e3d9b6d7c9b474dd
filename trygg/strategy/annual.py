"""The annual follow-up to Kommunstyrelsen: per guideline goal G1–G8, what was done
(measures, promise activities, meetings and decisions), indicator values and effects,
with figures from the apps that register rows per goal. Built as a neutral document,
rendered to PDF and DOCX."""

from trygg.core import charts, contributions
from trygg.core.viewer import Viewer
from trygg.documents.model import Document, column, heading, image, para, table
from trygg.locale_sv import year_bounds
from trygg.reports.selectors import report_totals

from .models import Goal, Measure, PromiseActivity
from .selectors import measure_effect

COST_YEARS = 5  # the G2 trend: this year and the four before it


def goal_figures(*, viewer: Viewer, year: int) -> dict[str, list[str]]:
    """Sentences with the year's figures for the goals the data can speak to, from every
    app that registered its rows (core.contributions)."""
    return contributions.follow_up_rows(viewer=viewer, year=year)


def goal_strip(figures: dict[str, list[str]], *, year: int) -> charts.Chart:
    """G1–G8 at a glance: which goals the year's data speaks to."""
    return charts.status_strip(
        [(g.value, "ok" if figures.get(g.value) else "saknas", _goal_name(g)) for g in Goal],
        title=f"Målen G1–G8 {year}: var uppgifter ur Trygg finns",
        chart_id="malremsa",
    )


def cost_trend(*, viewer: Viewer, year: int) -> charts.Chart:
    """G2's cost of damage per year, the five years up to `year` (never suppressed: kronor
    count no people)."""
    years = range(year - COST_YEARS + 1, year + 1)
    bars = [
        (
            str(y),
            report_totals(viewer=viewer, start=year_bounds(y)[0], end=year_bounds(y)[1]).cost_sek,
        )
        for y in years
    ]
    return charts.bar_chart(
        bars,
        title=f"Skadekostnad per år {years[0]}–{year} (mål G2)",
        chart_id="kostnad-g2",
        unit="kr",
        headings=("År", "Skadekostnad"),
    )


def _goal_name(goal: Goal) -> str:
    # "G2 Få störningar …" → "Få störningar …": the strip writes the code beside it.
    label = str(goal.label)
    return label.split(" ", 1)[1] if label.startswith(goal.value) else label


def annual_document(*, viewer: Viewer, year: int) -> Document:
    municipality = viewer.municipality
    figures = goal_figures(viewer=viewer, year=year)
    measures = list(
        Measure.objects.filter(
            municipality=municipality, start__year__lte=year, end__year__gte=year
        )
        .select_related("owner", "plan")
        .prefetch_related("follow_ups", "indicators")
    )
    activities = list(
        PromiseActivity.objects.filter(
            municipality=municipality, promise__year=year
        ).select_related("promise")
    )
    blocks = [
        para(
            f"Uppföljning av riktlinjen för trygghetsskapande och brottsförebyggande arbete "
            f"{year}, till Kommunstyrelsen som fullmäktige delegerat uppföljningen till. "
            "Siffrorna kommer från Trygg; verksamheterna har beskrivit åtgärderna."
        ),
    ]
    strip = goal_strip(figures, year=year)
    blocks.append(image(strip.svg, alt=_alt(strip), name="malremsa"))
    for goal in Goal:
        blocks.append(heading(str(goal.label)))
        if goal == Goal.G2:
            trend = cost_trend(viewer=viewer, year=year)
            blocks.append(image(trend.svg, alt=_alt(trend), width=75, name="kostnad-g2"))
        for sentence in figures.get(goal.value, []):
            blocks.append(para(sentence))
        goal_measures = [m for m in measures if m.goal == goal.value]
        if goal_measures:
            rows = []
            for m in goal_measures:
                last = max(m.follow_ups.all(), key=lambda f: f.on, default=None)
                rows.append(
                    [
                        m.title,
                        m.owner.name,
                        m.get_status_display(),
                        last.text if last else "Ingen uppföljning",
                    ]
                )
            blocks.append(
                table(
                    [
                        column("Åtgärd", width=2),
                        column("Ansvarig"),
                        column("Status"),
                        column("Senaste uppföljning", width=2),
                    ],
                    rows,
                )
            )
            for m in goal_measures:
                effect = measure_effect(viewer=viewer, measure=m)
                if effect.ready:
                    blocks.append(para(effect.text, label=f"Effekt av {m.title}: "))
        goal_activities = [a for a in activities if a.goal == goal.value]
        if goal_activities:
            blocks.append(
                table(
                    [
                        column("Aktivitet i medborgarlöftet", width=2),
                        column("Status"),
                        column("Uppföljning", width=2),
                    ],
                    [
                        [a.title, a.get_status_display(), a.follow_up or "–"]
                        for a in goal_activities
                    ],
                )
            )
        if not (figures.get(goal.value) or goal_measures or goal_activities):
            blocks.append(para("Inga åtgärder eller aktiviteter registrerade för målet i år."))
    return Document(
        title=f"Uppföljning {year}: trygghetsskapande och brottsförebyggande arbete",
        subtitle=f"{municipality.official_name} – till Kommunstyrelsen",
        footer=f"{municipality.name} · Trygg",
        blocks=blocks,
        author=municipality.official_name,
        keywords=("uppföljning", "brottsförebyggande arbete", "Kommunstyrelsen", str(year)),
    )


def _alt(chart: charts.Chart) -> str:
    return chart.caption + ": " + "; ".join(f"{label} {value}" for label, value in chart.rows)
