"""trygg.documents stays pure: no Django, no models, no queries, no app (import-linter checks
the apps too; this also catches Django)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
TRYGG = PACKAGE.parent
MODULES = sorted(PACKAGE.rglob("*.py"))
# What a module here may import from the project: itself and the pure Swedish locale module.
ALLOWED_TRYGG = ("trygg.documents", "trygg.locale_sv")


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


def impure_imports(path: Path, allowed: tuple[str, ...]) -> list[tuple[int, str]]:
    """The imports of Django, or of a project module outside `allowed`, with their lines."""
    bad = []
    for line, name in imported_names(path):
        if name.split(".")[0] == "django":
            bad.append((line, name))
        elif name.startswith("trygg") and not name.startswith(allowed):
            bad.append((line, name))
    return bad


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(TRYGG)))
def test_imports_stay_pure(path):
    bad = impure_imports(path, ALLOWED_TRYGG)
    assert not bad, f"{path.name} imports {bad}"


def test_the_check_sees_the_modules():
    names = {p.name for p in MODULES}
    assert {"model.py", "pdf.py", "word.py", "formatting.py"} <= names
