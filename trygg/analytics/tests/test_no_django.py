"""trygg.analytics stays pure: no Django, no other Trygg package but the pure locale module,
no esda outside tests."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))
FORBIDDEN_EVERYWHERE = ("django",)
FORBIDDEN_OUTSIDE_TESTS = ("esda", "libpysal")
# The Swedish locale module is pure Python too, and shared by every layer.
ALLOWED_TRYGG = ("trygg.analytics", "trygg.locale_sv")


def imported_names(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative imports stay inside trygg.analytics by construction
                base = ".".join(path.relative_to(PACKAGE.parent.parent).with_suffix("").parts)
                base = base.rsplit(".", node.level)[0]
                names.append((node.lineno, f"{base}.{node.module or ''}".rstrip(".")))
            else:
                names.append((node.lineno, node.module or ""))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            names += [(node.lineno, a.value) for a in node.args[:1] if isinstance(a, ast.Constant)]
    return names


def top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_stay_inside_analytics(path):
    in_tests = "tests" in path.relative_to(PACKAGE).parts
    bad = []
    for line, name in imported_names(path):
        if top(name) in FORBIDDEN_EVERYWHERE:
            bad.append((line, name))
        elif name.startswith("trygg") and not name.startswith(ALLOWED_TRYGG):
            bad.append((line, name))
        elif name == "trygg":
            bad.append((line, name))
        elif not in_tests and top(name) in FORBIDDEN_OUTSIDE_TESTS:
            bad.append((line, name))
    assert not bad, f"{path.name} imports {bad}"


def test_the_check_sees_something():
    assert len(MODULES) >= 6
    names = [n for _, n in imported_names(PACKAGE / "evaluation.py")]
    assert "trygg.analytics.compare" in names
