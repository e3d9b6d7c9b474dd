"""The SVG charts (trygg/core/charts.py): values become the geometry they should, an empty
series, one point, zeros and negative values are drawn without error, every chart carries a
text alternative, and the module stays free of Django."""

import ast
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from trygg.core import charts, colours

SVG = "{http://www.w3.org/2000/svg}"


def _parse(chart):
    return ElementTree.fromstring(chart.svg)


def _polyline(chart) -> list[tuple[float, float]]:
    line = _parse(chart).find(f"{SVG}polyline")
    return [tuple(map(float, p.split(","))) for p in line.get("points").split()]


# (values, rows top to bottom: the y of each point in a 36 px line, padding 4)
SCALES = [
    ([0, 10], [32.0, 4.0]),
    ([5, 5, 5], [18.0, 18.0, 18.0]),
    ([0, 0], [18.0, 18.0]),
    ([-10, 0, 10], [32.0, 18.0, 4.0]),
    ([3, 1, 2], [4.0, 32.0, 18.0]),
]


@pytest.mark.parametrize(("values", "ys"), SCALES)
def test_a_sparkline_puts_the_largest_value_on_top_and_the_smallest_at_the_bottom(values, ys):
    chart = charts.sparkline(
        [(str(i), v) for i, v in enumerate(values)], title="Rapporter", chart_id="s"
    )
    assert [y for _, y in _polyline(chart)] == ys


def test_a_sparkline_spreads_its_points_over_the_width_and_marks_the_last():
    chart = charts.sparkline([("a", 1), ("b", 2), ("c", 3)], title="T", chart_id="s", width=100)
    assert [x for x, _ in _polyline(chart)] == [4.0, 50.0, 96.0]
    dot = _parse(chart).find(f"{SVG}circle")
    assert (dot.get("cx"), dot.get("cy")) == ("96.0", "4.0")


def test_a_sparkline_of_one_point_is_a_dot_in_the_middle_without_a_line():
    chart = charts.sparkline([("v. 12", 7)], title="T", chart_id="s", width=100, height=36)
    svg = _parse(chart)
    assert svg.find(f"{SVG}polyline") is None
    assert (svg.find(f"{SVG}circle").get("cx"), svg.find(f"{SVG}circle").get("cy")) == (
        "50.0",
        "18.0",
    )
    assert chart.rows == [("v. 12", "7")]


@pytest.mark.parametrize(
    "make",
    [
        lambda: charts.sparkline([], title="Tom", chart_id="x"),
        lambda: charts.bar_chart([], title="Tom", chart_id="x"),
        lambda: charts.status_strip([], title="Tom", chart_id="x"),
    ],
)
def test_an_empty_series_says_so_in_the_image_and_has_no_rows(make):
    chart = make()
    svg = _parse(chart)
    assert svg.find(f"{SVG}text").text == "Inga värden att visa"
    assert svg.find(f"{SVG}desc").text == "Inga värden att visa."
    assert chart.rows == []


def test_bars_stand_on_the_zero_line_with_heights_in_proportion():
    chart = charts.bar_chart(
        [("2025", 50), ("2026", 100)], title="Kostnad", chart_id="b", unit="kr", height=200
    )
    rects = _parse(chart).findall(f"{SVG}rect")
    heights = [float(r.get("height")) for r in rects]
    bottoms = [float(r.get("y")) + float(r.get("height")) for r in rects]
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)
    assert bottoms[0] == pytest.approx(bottoms[1])
    # The earlier year lighter, this year darker.
    assert [r.get("fill") for r in rects] == [charts.BAR_EARLIER, charts.BAR]
    assert chart.rows == [("2025", "50 kr"), ("2026", "100 kr")]


def test_a_negative_bar_hangs_below_the_zero_line_in_its_own_colour():
    chart = charts.bar_chart([("2025", -20), ("2026", 40)], title="Förändring", chart_id="b")
    svg = _parse(chart)
    zero = float(svg.findall(f"{SVG}line")[-1].get("y1"))
    negative, positive = svg.findall(f"{SVG}rect")
    assert float(negative.get("y")) == pytest.approx(zero, abs=0.1)
    assert float(positive.get("y")) + float(positive.get("height")) == pytest.approx(zero, abs=0.1)
    assert negative.get("fill") == charts.NEGATIVE
    assert chart.rows[0] == ("2025", "−20")


def test_bars_of_only_zeros_are_flat_on_an_axis_from_zero_to_one():
    chart = charts.bar_chart([("2025", 0), ("2026", 0)], title="T", chart_id="b")
    assert [float(r.get("height")) for r in _parse(chart).findall(f"{SVG}rect")] == [0.0, 0.0]


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 10, [0, 5, 10]),
        (0, 7, [0, 2, 4, 6, 8]),
        (-20, 40, [-20, 0, 20, 40]),
        (3, 3, [0, 1, 2, 3]),
        (0, 0, [0, 1]),
        (0, 1_234_567, [0, 500_000, 1_000_000, 1_500_000]),
    ],
)
def test_axis_ticks_are_round_steps_that_include_zero(low, high, ticks):
    assert charts._ticks(low, high) == ticks


def test_the_goal_strip_shows_each_goal_with_a_symbol_and_a_word_not_only_a_colour():
    chart = charts.status_strip(
        [("G1", "ok", "En trygg kommun"), ("G2", "saknas", "Få skador")],
        title="Målen",
        chart_id="g",
        width=204,
    )
    svg = _parse(chart)
    boxes = svg.findall(f"{SVG}rect")
    assert [float(b.get("x")) for b in boxes] == [0.0, 104.0]
    assert [float(b.get("width")) for b in boxes] == [100.0, 100.0]
    assert [t.text for t in svg.findall(f"{SVG}text")] == ["G1", "✓", "G2", "–"]
    assert chart.rows == [
        ("G1 En trygg kommun", "Uppgifter finns"),
        ("G2 Få skador", "Uppgifter saknas"),
    ]
    assert boxes[0].get("fill") == colours.TOKENS["ok-bg"]


def test_every_chart_is_one_labelled_image_with_its_values_in_words():
    chart = charts.sparkline(
        [("1 dec", 2), ("2 dec", 4)], title="Rapporter <14 dagar>", chart_id="a b"
    )
    svg = _parse(chart)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") is None
    assert svg.find(f"{SVG}title").get("id") == "a-b-title"
    assert svg.find(f"{SVG}title").text == "Rapporter <14 dagar>"
    assert svg.find(f"{SVG}desc").text == (
        "2 värden från 1 dec till 2 dec: lägst 2, högst 4, senast 4."
    )
    assert "style=" not in chart.svg


def test_the_same_values_give_the_same_bytes():
    make = lambda: charts.bar_chart([("2025", 1.5), ("2026", 2)], title="T", chart_id="b")  # noqa: E731
    assert make().svg == make().svg


def test_colours_in_charts_come_from_the_palette_the_stylesheet_declares():
    chart = charts.bar_chart([("2025", -1), ("2026", 2)], title="T", chart_id="b")
    used = set(re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', chart.svg))
    assert used <= set(colours.TOKENS.values())


def test_the_chart_module_imports_nothing_of_django():
    tree = ast.parse(Path(charts.__file__).read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {name for name in imported if name and name.split(".")[0] == "django"}
