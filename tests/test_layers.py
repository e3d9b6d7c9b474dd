"""The layer graph of design.md holds (import-linter, as `make lint` runs it), and an import
against it is caught: a copy of the code with one wrong-way import fails the check."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
