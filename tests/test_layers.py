"""The layer graph of design.md holds (import-linter, as `make lint` runs it), and an import
against it is caught: a copy of the code with one wrong-way import fails the check."""

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)},
    )


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory):
    target = tmp_path_factory.mktemp("layers")
    shutil.copy(ROOT / "pyproject.toml", target)
    shutil.copytree(ROOT / "trygg", target / "trygg", ignore=shutil.ignore_patterns("*.pyc"))
    return target


def test_the_code_keeps_every_contract():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


# (module that gets the wrong import, the import, what the check must say)
WRONG_WAY = [
    ("core/viewer.py", "import trygg.reports.selectors", "trygg.core is not allowed to import"),
    ("reports/selectors.py", "import trygg.strategy.models", "trygg.reports is not allowed"),
    ("documents/model.py", "import trygg.lagesbild.picture", "trygg.documents is not allowed"),
    ("analytics/compare.py", "import trygg.geo.h3cells", "trygg.analytics is not allowed"),
    ("locale_sv.py", "import trygg.documents.model", "trygg.locale_sv is not allowed"),
    (
        "strategy/annual.py",
        "from trygg.reports.models import Report",
        "trygg.strategy.annual is not allowed to import trygg.reports.models",
    ),
]


@pytest.mark.parametrize(("module", "line", "message"), WRONG_WAY)
def test_a_wrong_way_import_breaks_the_check(copy_of_the_code, module, line, message):
    path = copy_of_the_code / "trygg" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n{line}  # noqa\n", encoding="utf-8")
    try:
        result = _lint(copy_of_the_code)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout
    assert message in result.stdout


def test_every_app_of_the_project_has_its_place_in_the_layers():
    """A new app (forums, dialog, …) must be placed in the chain and forbidden to the pure
    modules, or the contracts would silently not cover it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}
    placed = {name.strip() for layer in contracts["layers"]["layers"] for name in layer.split("|")}
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("trygg.")}
    assert apps - placed == set()
    # Each pure module may use the locale module and nothing else of the project.
    others = {
        "analytics": apps | {"trygg.documents"},
        "documents": apps | {"trygg.analytics"},
        "locale": apps | {"trygg.analytics", "trygg.documents"},
    }
    for contract, forbidden in others.items():
        assert forbidden - set(contracts[contract]["forbidden_modules"]) == set(), contract


# --- Another app's data through its selectors --------------------------------------------
# The rule: outside app X, no selector or view module (selectors.py, selectors/…, views.py,
# views/…, *_views.py) imports X's models — at module level or inside a function. They read
# X through X's selectors, so X's visibility and suppression rules apply (design.md). Allowed:
# an app's own models; type-only imports under `if TYPE_CHECKING:`; models.py (ForeignKeys),
# forms.py (querysets are passed in), services, tasks, migrations, tests and the demo.


def _is_read_module(path: Path) -> bool:
    parts = path.relative_to(ROOT / "trygg").parts
    if len(parts) < 2 or "tests" in parts or "migrations" in parts:
        return False
    stem = path.stem
    return (
        parts[1] in ("selectors", "views")
        or stem in ("selectors", "views")
        or stem.endswith("_views")
    )


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of import nodes inside `if TYPE_CHECKING:` blocks."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            out |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return out


def foreign_model_imports(path: Path, source: str) -> list[str]:
    """Imports of another app's `models` in a module of trygg/<app>/."""
    package = ".".join(("trygg", *path.relative_to(ROOT / "trygg").with_suffix("").parts))
    if path.name == "__init__.py":
        package += ".__init__"
    own_app = ".".join(package.split(".")[:2])
    tree = ast.parse(source)
    skip = _type_checking_only(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: -node.level]
                base = ".".join(anchor + ([base] if base else []))
            modules = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if len(parts) >= 3 and parts[0] == "trygg" and parts[2] == "models":
                if ".".join(parts[:2]) != own_app:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {'.'.join(parts[:3])}")
                break  # one finding per import statement
    return found


def test_selectors_and_views_read_other_apps_through_their_selectors():
    read_modules = [p for p in (ROOT / "trygg").rglob("*.py") if _is_read_module(p)]
    assert len(read_modules) > 10  # the walk found the apps' modules
    found = [hit for p in read_modules for hit in foreign_model_imports(p, p.read_text())]
    assert found == []


# (module, source, what the check finds)
FOREIGN_MODEL_IMPORTS = [
    ("lagesbild/selectors.py", "from trygg.reports.models import Report", ["trygg.reports.models"]),
    ("public/views.py", "import trygg.reports.models", ["trygg.reports.models"]),
    ("strategy/views/plans.py", "from trygg.geo import models", ["trygg.geo.models"]),
    (
        "strategy/selectors/plans.py",
        "def f():\n    from trygg.lagesbild.models import Meeting",
        ["trygg.lagesbild.models"],
    ),
    ("strategy/views/plans.py", "from ..models import Measure", []),
    ("strategy/views/plans.py", "from trygg.strategy.models import Measure", []),
    ("geo/selectors.py", "if TYPE_CHECKING:\n    from trygg.core.models import Municipality", []),
    ("reports/selectors.py", "from trygg.geo.selectors import area_list", []),
]


@pytest.mark.parametrize(("module", "source", "expected"), FOREIGN_MODEL_IMPORTS)
def test_a_model_import_from_another_app_is_found(module, source, expected):
    found = foreign_model_imports(ROOT / "trygg" / module, source)
    assert [hit.split(" ")[1] for hit in found] == expected


@pytest.mark.parametrize(
    ("module", "read"),
    [
        ("strategy/views/plans.py", True),
        ("strategy/selectors/__init__.py", True),
        ("reports/imports_views.py", True),
        ("public/views.py", True),
        ("strategy/models.py", False),
        ("lagesbild/forms.py", False),
        ("reports/services/intake.py", False),
        ("strategy/tests/test_plans.py", False),
    ],
)
def test_the_rule_covers_selector_and_view_modules(module, read):
    assert _is_read_module(ROOT / "trygg" / module) is read


def test_no_module_of_the_project_is_over_600_lines():
    """The house rule (style.md): a module past ~600 lines becomes a package."""
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "trygg").rglob("*.py")
        if "migrations" not in p.parts and "tests" not in p.parts
        for n in [len(p.read_text(encoding="utf-8").splitlines())]
        if n > 600
    }
    assert long == {}
