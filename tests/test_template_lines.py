"""Templates one element per line: a line past MAX_LINE characters hides what it holds from a
reviewer and from a diff (some were 582 characters before this test)."""

from pathlib import Path

TRYGG = Path(__file__).resolve().parents[1] / "trygg"
MAX_LINE = 200


def _templates():
    return sorted(p for p in TRYGG.glob("**/templates/**/*") if p.is_file())


def test_there_are_templates_to_scan():
    assert len(_templates()) > 50


def test_no_template_line_is_longer_than_the_limit():
    long_lines = [
        f"{path.relative_to(TRYGG)}:{number} ({len(line)} tecken)"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert long_lines == []
