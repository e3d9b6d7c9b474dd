"""trygg.documents and the SVG module stay pure: no Django, no models, no queries."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
TRYGG = PACKAGE.parent
MODULES = sorted(PACKAGE.rglob("*.py")) + [TRYGG / "lagesbild" / "svg.py"]
# What a module here may import from the project: plain data and pure analytics.
ALLOWED_TRYGG = (
    "trygg.documents",
    "trygg.lagesbild.picture",
    "trygg.lagesbild.svg",
    "trygg.analytics",
    "trygg.locale_sv",
)


def imported_names(path: Path) -> list[tuple[int, str]]:
    """Every imported name, fully qualified: `from a.b import c` gives `a.b.c`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(TRYGG.parent).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{node.module}" if node.module else parent
            names += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(TRYGG)))
def test_imports_stay_pure(path):
    bad = []
    for line, name in imported_names(path):
        if name.split(".")[0] == "django":
            bad.append((line, name))
        elif name.startswith("trygg") and not name.startswith(ALLOWED_TRYGG):
            bad.append((line, name))
    assert not bad, f"{path.name} imports {bad}"


def test_the_check_sees_the_modules():
    names = {p.name for p in MODULES}
    assert {"content.py", "pdf.py", "word.py", "svg.py"} <= names
