"""The annual follow-up to Kommunstyrelsen: per guideline goal G1–G8, what was done
(measures, promise activities, meetings and decisions), indicator values and effects,
with figures from the apps that register rows per goal. Built as a neutral document,
rendered to PDF and DOCX."""

from trygg.core import contributions
from trygg.core.viewer import Viewer
from trygg.documents.model import Document, column, heading, para, table

from .models import Goal, Measure, PromiseActivity
from .selectors import measure_effect


def goal_figures(*, viewer: Viewer, year: int) -> dict[str, list[str]]:
    """Sentences with the year's figures for the goals the data can speak to, from every
    app that registered its rows (core.contributions)."""
    return contributions.follow_up_rows(viewer=viewer, year=year)


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
    for goal in Goal:
        blocks.append(heading(str(goal.label)))
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
        subtitle=f"{municipality.name} kommun – till Kommunstyrelsen",
        footer=f"{municipality.name} · Trygg",
        blocks=blocks,
    )
