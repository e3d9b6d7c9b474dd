"""What the lägesbild says, as blocks of trygg.documents' neutral document model, and the
documents as PDF and DOCX; the summary and hot-spot blocks also go into the lägesbildsmöte's
minutes (written by trygg.forums.minutes). Pure Python: plain data in (trygg.lagesbild.picture),
never models or queries, so the caller decides what the reader may see."""

import html
import re
from datetime import datetime

from trygg.analytics.compare import Comparison, format_p
from trygg.documents.formatting import format_datetime, format_period, reports
from trygg.documents.model import Block, Document, column, heading, image, para, table
from trygg.documents.pdf import render_pdf
from trygg.documents.word import render_docx
from trygg.locale_sv import MINUS, format_kronor, format_number

from . import svg
from .picture import Picture

NO_POLICE = "Ingen lägesbild från polisen registrerad för perioden."
# Approximate area of one hexagon per H3 resolution, for the reader's sense of scale.
HEX_AREA = {7: "5,2 km²", 8: "0,74 km²", 9: "0,11 km²"}
DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)


def picture_document(picture: Picture, *, generated_at: datetime) -> Document:
    """The full lägesbild for a period."""
    title = f"Lägesbild {picture.municipality_name} {format_period(picture.start, picture.end)}"
    blocks = [heading(title, 1), *_summary(picture)]
    blocks += [heading("Kategorier"), *_categories(picture)]
    blocks += [heading("Kostnader per organisation"), *_costs(picture)]
    blocks += [heading("Områden"), *_areas(picture)]
    blocks += [heading("Heta punkter"), *_hotspots(picture)]
    blocks += [heading("Utveckling per vecka"), *_weekly(picture)]
    blocks += [heading("Veckodag och tid på dygnet"), *_weekday_hour(picture)]
    blocks += [heading("Särskilt uppmärksammade rapporter"), *_notable(picture)]
    blocks += [heading("Polisens lägesbild"), *_police(picture)]
    return Document(
        title=title,
        subtitle=f"{picture.days} dagar",
        footer=f"Trygg · {title} · skapad {format_datetime(generated_at)}",
        blocks=blocks,
        marking=_police_marking(picture),
        author=picture.municipality_official_name,
        keywords=("lägesbild", format_period(picture.start, picture.end)),
    )


# --- Lägesbild sections ------------------------------------------------------------------------


def _summary(p: Picture) -> list[Block]:
    return [
        para(
            f"{reports(p.total)} under perioden {format_period(p.start, p.end)} ({p.days} dagar).",
            label="Totalt:",
        ),
        para(
            p.total_vs_previous.text,
            label=f"Mot föregående period ({format_period(p.previous_start, p.previous_end)}):",
        ),
        para(
            p.total_vs_last_year.text,
            label=(
                f"Mot samma period i fjol ({format_period(p.last_year_start, p.last_year_end)}):"
            ),
        ),
    ]


def _categories(p: Picture) -> list[Block]:
    if not p.categories:
        return [para("Inga rapporter under perioden eller jämförelseperioderna.")]
    rows = [
        [
            c.name,
            format_number(c.current),
            format_number(c.previous),
            format_number(c.last_year),
            short_change(c.vs_previous),
            short_change(c.vs_last_year),
        ]
        for c in p.categories
    ]
    return [
        table(
            [
                column("Kategori", width=2),
                column("Perioden", width=0.9, align="right"),
                column("Föregående", width=1, align="right"),
                column("I fjol", width=0.8, align="right"),
                column("Mot föregående", width=2.1),
                column("Mot i fjol", width=2.1),
            ],
            rows,
        ),
        para(
            "Förändringen är skillnaden mot jämförelseperioden omräknad till periodens längd. "
            "”Säkerställd” betyder att skillnaden är större än vad slumpen brukar ge (p < 0,05); "
            "med få händelser kan bara stora skillnader säkerställas.",
            small=True,
        ),
    ]


def _costs(p: Picture) -> list[Block]:
    if not p.costs:
        return [para("Inga kostnader rapporterade under perioden.")]
    return [
        table(
            [
                column("Organisation", width=3),
                column("Rapporter", width=1, align="right"),
                column("Kostnad", width=1.4, align="right"),
            ],
            [[c.organisation, format_number(c.reports), format_kronor(c.cost)] for c in p.costs],
            foot=[
                "Totalt",
                format_number(sum(c.reports for c in p.costs)),
                format_kronor(p.cost_total),
            ],
        )
    ]


def _areas(p: Picture) -> list[Block]:
    if not p.areas:
        return [para("Inga stadsdelar är inlagda för kommunen.")]
    return [
        table(
            [
                column("Område", width=2),
                column("Perioden", width=0.9, align="right"),
                column("Föregående", width=1, align="right"),
                column("Förändring", width=2.6),
            ],
            [
                [
                    a.name,
                    format_number(a.current),
                    format_number(a.previous),
                    short_change(a.vs_previous),
                ]
                for a in p.areas
            ],
        )
    ]


def _hotspots(p: Picture, *, explain: bool = True) -> list[Block]:
    if not p.hexes and not p.boundary:
        # Nothing to draw: the sentence alone says so, without an empty frame around it.
        return [para(p.hotspot_text or svg.NO_POINTS + ".")]
    map_svg = svg.hotspot_map_svg(p)
    blocks = [image(map_svg, alt=_desc(map_svg), name="karta")]
    if explain and p.hotspot_text:
        blocks.append(para(p.hotspot_text))
    elif not explain:
        blocks.append(para(_desc(map_svg)))
    area = HEX_AREA.get(p.hex_resolution)
    size = f" (sexhörningar om cirka {area})" if area else ""
    blocks.append(
        para(
            f"{reports(p.points_used)} med exakt plats ingår i kartan; "
            f"{reports(p.without_point)} saknar exakt plats och ingår inte. "
            f"H3-upplösning {p.hex_resolution}{size}.",
            small=True,
        )
    )
    return blocks


def _weekly(p: Picture) -> list[Block]:
    if not p.weekly:
        return [para("Ingen veckostatistik för perioden.")]
    chart = svg.weekly_chart_svg(p)
    return [image(chart, alt=_desc(chart), name="vecka"), para(_desc(chart), small=True)]


def _weekday_hour(p: Picture) -> list[Block]:
    chart = svg.weekday_hour_svg(p)
    if not any(any(row) for row in p.weekday_hour):
        return [para(_desc(chart))]
    return [image(chart, alt=_desc(chart), name="veckodag-timme"), para(_desc(chart), small=True)]


def _notable(p: Picture) -> list[Block]:
    if not p.notable:
        return [para("Inga särskilt uppmärksammade rapporter under perioden.")]
    rows = []
    for r in p.notable:
        occurred = getattr(r, "occurred_at", None)
        rows.append(
            [
                str(getattr(r, "pk", "")),
                format_datetime(occurred) if occurred else "–",
                str(getattr(r, "category", "")),
                getattr(r, "place_name_redacted", "") or "–",
                getattr(r, "description_redacted", "") or "",
            ]
        )
    return [
        table(
            [
                column("Nr", width=0.6),
                column("Tid", width=1.3),
                column("Kategori", width=1.3),
                column("Plats", width=1.5),
                column("Beskrivning", width=3.5),
            ],
            rows,
        ),
        para("Beskrivningarna visas med personuppgifter borttagna.", small=True),
    ]


def _police(p: Picture) -> list[Block]:
    if not p.police_inputs:
        return [para(NO_POLICE)]
    blocks = []
    for police in p.police_inputs:
        sensitivity = _call(police, "get_sensitivity_display")
        blocks.append(para(str(getattr(police, "summary", "") or ""), label="Sammanfattning:"))
        if sensitivity:
            blocks.append(para(sensitivity, label="Spridning:", small=True))
        entries = list(police.items.all()) if hasattr(police, "items") else []
        if entries:
            blocks.append(
                table(
                    [
                        column("Tema", width=1.2),
                        column("Område", width=1.2),
                        column("Polisens bedömning", width=4),
                        column("Referens", width=1),
                    ],
                    [
                        [
                            _call(item, "get_theme_display"),
                            item.area.name if getattr(item, "area", None) else "Hela kommunen",
                            getattr(item, "text", "") or "",
                            getattr(item, "reference", "") or "–",
                        ]
                        for item in entries
                    ],
                )
            )
    return blocks


def _police_marking(p: Picture) -> str:
    """A line for every page when the police's input, with its spreading rules, is included."""
    levels = sorted({_call(x, "get_sensitivity_display") for x in p.police_inputs} - {""})
    if not p.police_inputs:
        return ""
    suffix = f" ({', '.join(levels)})" if levels else ""
    return f"Innehåller polisens lägesbild{suffix}"


# --- Helpers -----------------------------------------------------------------------------------


def signed(x: float) -> str:
    """`+9`, `−2,5` or `0`, with a real minus sign and a decimal comma."""
    if x == 0:
        return "0"
    return ("+" if x > 0 else MINUS) + format_number(abs(x), 0 if float(x).is_integer() else 1)


def short_change(c: Comparison) -> str:
    """A comparison in a few words for a table cell: change, verdict and p-value."""
    if c.current == 0 and c.previous == 0:
        return "Inga händelser"
    if c.significant:
        verdict = "säkerställd ökning" if c.direction == "ökning" else "säkerställd minskning"
    else:
        verdict = "ingen säkerställd förändring"
    return f"{signed(c.change)}: {verdict} ({format_p(c.p_value)})"


def _call(obj, name: str) -> str:
    """`obj.name()` as text, or empty when the object has no such method."""
    method = getattr(obj, name, None)
    return str(method()) if callable(method) else ""


def _desc(svg_text: str) -> str:
    """The chart's own description, used as alt text so the PDF and the page agree."""
    match = DESC.search(svg_text)
    return html.unescape(match.group(1)) if match else ""


def _paragraphs(text: str) -> list[str]:
    """Free text split on blank lines; single line breaks stay inside a paragraph."""
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


# --- Rendered ----------------------------------------------------------------------------------


def picture_pdf(picture: Picture, *, generated_at: datetime) -> bytes:
    """The lägesbild for a period as PDF."""
    return render_pdf(
        picture_document(picture, generated_at=generated_at), generated_at=generated_at
    )


def picture_docx(picture: Picture, *, generated_at: datetime) -> bytes:
    """The lägesbild for a period as an editable DOCX."""
    document = picture_document(picture, generated_at=generated_at)
    return render_docx(document, generated_at=generated_at)


def summary_blocks(picture: Picture) -> list[Block]:
    """The period's totals against the previous period and the same period last year."""
    return _summary(picture)


def hotspot_blocks(picture: Picture) -> list[Block]:
    """The hot-spot map with its description, short (for the minutes)."""
    return _hotspots(picture, explain=False)
