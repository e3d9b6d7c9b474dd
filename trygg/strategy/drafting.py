"""Drafts the strategic lägesbild's sections from the municipality's data, as Markdown.

What the data can say is written out (figures, comparisons, where and when it happens, what
the police have reported); what it cannot say is said too, so the authors know what to add.
Each app writes its own passages and registers them at start-up (core.contributions): the
reports, the operational lägesbild, and below the official statistics, strategy's own."""

from trygg.core import contributions
from trygg.core.contributions import DraftPassage
from trygg.core.viewer import Viewer
from trygg.locale_sv import format_number

from .selectors import deso_crime_table, deso_crime_years, statistics_comparison


def draft_sections(*, viewer: Viewer, start_year: int, end_year: int) -> dict[str, str]:
    """Markdown for omfattning, konsekvenser, orsaker and källor from every registered app
    (each app's selectors decide what may be published)."""
    return contributions.draft_sections(viewer=viewer, start_year=start_year, end_year=end_year)


def statistics_passages(*, viewer: Viewer, start_year: int, end_year: int) -> list[DraftPassage]:
    """BRÅ's official figures against the county and the country."""
    municipality = viewer.municipality
    stats = statistics_comparison(municipality=municipality)
    total_stats = next(
        (cells for name, cells in stats["rows"] if name == "Totalt antal anmälda brott"), None
    )
    # The latest year with the municipality's own figure (not suppressed or missing).
    total_stats = [cells for cells in total_stats or [] if isinstance(cells[1], float)]
    if total_stats:
        year, m, c, r = total_stats[-1]
        c, r = (v if isinstance(v, float) else None for v in (c, r))
        extent = (
            f"Enligt BRÅ:s statistik anmäldes {year} **{format_number(m or 0)} brott per "
            f"100 000 invånare** i {municipality.name}, mot {format_number(c or 0)} i länet "
            f"och {format_number(r or 0)} i riket."
        )
    else:
        extent = (
            "Ingen officiell brottsstatistik är importerad ännu; importera BRÅ:s statistik "
            "under Brottsstatistik för att jämföra med länet och riket."
        )
    source = "- BRÅ:s officiella statistik över anmälda brott per kommun" + (
        f" (år {stats['years'][0]}–{stats['years'][-1]})."
        if stats["years"]
        else " (inte importerad)."
    )
    passages = [DraftPassage("omfattning", extent), DraftPassage("kallor", source)]
    return passages + _deso_passages(viewer=viewer, end_year=end_year)


def _deso_passages(*, viewer: Viewer, end_year: int) -> list[DraftPassage]:
    """The Police's file per DeSO, per district per 1,000 inhabitants; as published text,
    with counts under 5 suppressed whoever drafts."""
    years = [y for y in deso_crime_years(viewer=viewer) if y <= end_year]
    if not years:
        return []
    table = deso_crime_table(viewer=viewer, year=years[-1], published=True)
    lines = [
        f"- {d.name}: {format_number(d.total.count) if d.total.count is not None else 'färre än 5'}"
        + (
            f" ({format_number(d.total.per_1000, 1)} per 1 000 invånare)"
            if d.total.per_1000
            else ""
        )
        for d in sorted(table["districts"], key=lambda d: -(d.total.per_1000 or 0))
    ]
    text = (
        f"Enligt Polisens brottsstatistik per DeSO registrerades {table['year']} "
        f"**{format_number(table['offences'])} brott** i kommunen, per stadsdel:\n\n"
        + "\n".join(lines)
    )
    return [
        DraftPassage("omfattning", text),
        DraftPassage(
            "kallor",
            f"- Polisens brottsstatistik per DeSO (år {years[0]}–{years[-1]}) och SCB:s "
            "befolkning per DeSO.",
        ),
    ]


def guidance_passages(*, viewer: Viewer, start_year: int, end_year: int) -> list[DraftPassage]:
    """What the figures cannot say, last in the causes so it follows every app's figures."""
    return [
        DraftPassage(
            "orsaker",
            "Rapporterna visar var och när brott och otrygghet uppstår, inte varför. "
            "Komplettera med polisens analys, medborgardialoger och trygghetsundersökningar "
            "när orsakerna beskrivs.",
        )
    ]
