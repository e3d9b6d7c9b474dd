"""`in_array` finds the same rows as `in` on either database, for long lists too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from tests.helpers import make_report
from trygg.reports.models import Report


@pytest.mark.parametrize("n", [1, 3, 5000])
def test_in_array_matches_in(koping, n):
    for i in range(3):
        make_report(koping, external_id=f"p{i}", source="polisen")
    ids = [f"p{i}" for i in range(n)] + [None]
    with scopes_disabled(), CaptureQueriesContext(connection) as queries:
        found = set(Report.objects.filter(external_id__in_array=ids).values_list("pk", flat=True))
    with scopes_disabled():
        expected = set(Report.objects.filter(external_id__in=ids).values_list("pk", flat=True))
    assert found == expected and len(found) == min(n, 3)
    if connection.vendor == "postgresql":
        assert "= ANY(" in queries[0]["sql"]


def test_in_array_of_nothing_matches_nothing(koping):
    make_report(koping, external_id="p1", source="polisen")
    with scopes_disabled():
        assert not Report.objects.filter(external_id__in_array=[]).exists()
        assert not Report.objects.filter(external_id__in_array=[None]).exists()
