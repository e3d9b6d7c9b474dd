"""The lägesbild's document content and charts are pure Python: plain data in, so only the
selectors decide what a reader may see, and the documents render without a database."""

from pathlib import Path

import pytest

from trygg.documents.tests.test_no_django import impure_imports

LAGESBILD = Path(__file__).resolve().parent.parent
PURE = ["document_content.py", "picture.py", "svg.py"]
ALLOWED_TRYGG = (
    "trygg.core.colours",  # the palette, itself pure (trygg/core/tests/test_colours.py)
    "trygg.documents",
    "trygg.analytics",
    "trygg.locale_sv",
    "trygg.lagesbild.document_content",
    "trygg.lagesbild.picture",
    "trygg.lagesbild.svg",
)


@pytest.mark.parametrize("name", PURE)
def test_the_document_modules_import_no_django_and_no_model(name):
    path = LAGESBILD / name
    assert path.exists()
    bad = impure_imports(path, ALLOWED_TRYGG)
    assert not bad, f"{name} imports {bad}"
