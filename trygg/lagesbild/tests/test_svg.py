"""The lägesbild's server-side SVG: well-formed, accessible, CSP-safe and deterministic."""

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta

import pytest

from trygg.lagesbild import svg
from trygg.lagesbild.picture import HexCell

from .documents_sample import empty_picture, sample_picture

NS = "{http://www.w3.org/2000/svg}"
FUNCTIONS = [svg.hotspot_map_svg, svg.weekly_chart_svg, svg.weekday_hour_svg]


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    return root


def desc(root: ET.Element) -> str:
    return root.find(f"{NS}desc").text


@pytest.mark.parametrize("render", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("make", [sample_picture, empty_picture], ids=["full", "empty"])
def test_well_formed_accessible_and_csp_safe(render, make):
    text = render(make())
    root = parse(text)
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text
    assert desc(root)
    ids = root.get("aria-labelledby").split()
    assert {e.get("id") for e in root.iter() if e.get("id")} >= set(ids)
    assert "style=" not in text
    assert "<script" not in text
    assert root.get("width") and root.get("viewBox")


@pytest.mark.parametrize("render", FUNCTIONS, ids=lambda f: f.__name__)
def test_deterministic(render):
    assert render(sample_picture()) == render(sample_picture())


def test_map_marks_hot_and_cold_spots_by_more_than_colour():
    pic = sample_picture()
    root = parse(svg.hotspot_map_svg(pic, width=640, height=480))
    paths = root.iter(f"{NS}path")
    hot = [p for p in paths if p.get("stroke") == svg.HOT and p.get("stroke-width") == "3"]
    n_hot = sum(1 for h in pic.hexes if h.bin >= 2)
    # Each hot spot is outlined on the map and in the enlargement, plus one legend sample.
    assert len(hot) == 2 * n_hot + 1
    cold = [
        p
        for p in root.iter(f"{NS}path")
        if p.get("stroke") == svg.COLD and p.get("stroke-dasharray")
    ]
    assert cold, "cold spots are dashed, not only blue"
    text = desc(root)
    assert text.startswith("Karta över Köping med ")
    assert f"{n_hot} statistiskt säkerställda heta punkter" in text
    legend = " ".join(t.text for t in root.iter(f"{NS}text"))
    assert "Het punkt (95 %)" in legend and "Kall punkt (95 %)" in legend
    assert "Förstoring" in legend


def test_map_hexagon_titles_give_count_and_finding():
    root = parse(svg.hotspot_map_svg(sample_picture()))
    titles = [t.text for t in root.iter(f"{NS}title")][1:]
    assert any(re.fullmatch(r"\d+ rapporter; het punkt \(99 %\), z = [\d,]+", t) for t in titles)


def test_map_without_anything_says_so():
    text = svg.hotspot_map_svg(empty_picture())
    root = parse(text)
    assert "Inga rapporter med exakt plats under perioden" in text
    assert int(root.get("height")) <= 80


def test_map_with_boundary_only_draws_the_boundary():
    pic = replace(empty_picture(), boundary=sample_picture().boundary)
    root = parse(svg.hotspot_map_svg(pic))
    assert len(list(root.iter(f"{NS}path"))) >= 2  # boundary and the legend's line sample
    assert "inga rapporter med exakt plats" in desc(root)


def test_map_handles_multipolygon_and_escapes_names():
    pic = sample_picture()
    ring = pic.boundary["coordinates"]
    pic = replace(
        pic,
        municipality_name='Köping <b>&"x"',
        boundary={"type": "MultiPolygon", "coordinates": [ring, ring]},
        hexes=pic.hexes + [HexCell(cell=1, count=3, z=0.0, bin=0, boundary=[])],
    )
    text = svg.hotspot_map_svg(pic)
    root = parse(text)
    assert 'Köping <b>&"x"' in desc(root)
    assert "<b>" not in text


def test_control_characters_cannot_break_the_xml():
    pic = replace(sample_picture(), municipality_name="Kö\x0bping\x00")
    assert "Köping" in desc(parse(svg.hotspot_map_svg(pic)))


def test_weekly_chart_labels_weeks_and_marks_the_period():
    pic = sample_picture()
    root = parse(svg.weekly_chart_svg(pic))
    texts = [t.text for t in root.iter(f"{NS}text")]
    last_week = pic.weekly[-1][0].isocalendar()[1]
    assert f"v. {last_week}" in texts
    assert sum(1 for t in texts if t and t.startswith("v. ")) == 13
    assert "Vald period" in texts
    bars = [r for r in root.iter(f"{NS}rect")]
    assert len(bars) == len(pic.weekly)
    highlighted = [r for r in bars if r.get("fill") == svg.SEQUENTIAL[4]]
    assert len(highlighted) == 3  # 1–14 March 2025 touches ISO weeks 9, 10 and 11
    text = desc(root)
    lowest = min(n for _, n in pic.weekly)
    highest = max(n for _, n in pic.weekly)
    assert f"Lägst {lowest} " in text and f"högst {highest} " in text
    assert f"senaste veckan (v. {last_week}) {pic.weekly[-1][1]}" in text


def test_weekly_chart_for_many_weeks_keeps_labels_apart():
    end = date(2025, 3, 14)
    weekly = [(end - timedelta(weeks=200 - i), i % 9) for i in range(200)]
    root = parse(svg.weekly_chart_svg(replace(sample_picture(), weekly=weekly)))
    labels = [t for t in root.iter(f"{NS}text") if (t.text or "").startswith("v. ")]
    xs = sorted(float(t.get("x")) for t in labels)
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 35


def test_weekday_hour_has_every_cell_and_numbers_not_only_colour():
    pic = sample_picture()
    root = parse(svg.weekday_hour_svg(pic))
    cells = [r for r in root.iter(f"{NS}rect")]
    assert len(cells) == 7 * 24
    numbers = [t.text for t in root.iter(f"{NS}text") if t.text and t.text.isdigit()]
    assert "9" in numbers  # Friday 22:00
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert labels[:1] == ["Mån"] and "Sön" in labels
    assert "Flest på fredag kl. 22 (9 rapporter)" in desc(root)


def test_counts_in_the_charts_have_swedish_digit_grouping():
    picture = sample_picture()
    weekly = [(week, n * 100) for week, n in picture.weekly]
    matrix = [[n * 1000 for n in row] for row in picture.weekday_hour]
    busy = replace(picture, weekly=weekly, weekday_hour=matrix)
    high = max(n for _, n in weekly)
    chart, grid = parse(svg.weekly_chart_svg(busy)), parse(svg.weekday_hour_svg(busy))
    assert f"högst {high // 1000}\u00a0{high % 1000:03d} (" in desc(chart)
    labels = [t.text for t in chart.iter(f"{NS}text")]
    assert "1\u00a0000" in labels and "1000" not in labels
    cells = [t.text for t in grid.iter(f"{NS}text") if t.text and t.text[0].isdigit()]
    assert any("\u00a0" in c for c in cells) and not any(c.isdigit() and len(c) > 3 for c in cells)


def test_map_draws_localities_water_and_named_districts_under_its_cells():
    pic = sample_picture()
    ring = pic.boundary["coordinates"][0]
    (x0, y0), (x1, y1) = ring[0], ring[2]
    square = {
        "type": "Polygon",
        "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
    }
    pic = replace(pic, background={
        "tatorter": [("Köping", square)],
        "water": [("Mälaren", square)],
        "areas": [("Köping & centrala", square, ((x0 + x1) / 2, (y0 + y1) / 2))],
    })  # fmt: skip
    root = parse(svg.hotspot_map_svg(pic, width=640, height=480))
    paths = list(root.iter(f"{NS}path"))
    fills = [p.get("fill") for p in paths]
    first_cell = next(i for i, p in enumerate(paths) if p.get("stroke") == svg.CELL_LINE)
    assert fills.index(svg.colours.MAP_LOCALITY) < first_cell
    assert fills.index(svg.colours.MAP_WATER) < first_cell
    titles = [
        p.find(f"{NS}title").text for p in paths[:first_cell] if p.find(f"{NS}title") is not None
    ]
    assert titles == ["Köping", "Mälaren", "Köping & centrala"]
    assert [t.text for t in root.iter(f"{NS}text") if t.text == "Köping & centrala"] == [
        "Köping & centrala"
    ]


def test_map_without_a_background_draws_as_before():
    pic = sample_picture()
    assert svg.hotspot_map_svg(pic) == svg.hotspot_map_svg(replace(pic, background={}))
    assert 'fill-opacity="0.45"' not in svg.hotspot_map_svg(pic)
