"""The layer graph of design.md holds (import-linter, as `make lint` runs it), and an import
against it is caught: a copy of the code with one wrong-way import fails the check."""

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
