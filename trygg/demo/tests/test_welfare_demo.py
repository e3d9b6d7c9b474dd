"""The demo's welfare-crime workspace: three analysed regelverk, a year of control runs with
one control overdue, a few pseudonymous cases, labelled as demo data and loaded once."""

import pytest
from django.utils import timezone
from django_scopes import scope

from tests.helpers import make_member, viewer_for
from trygg.core.models import Role
from trygg.demo.welfare import load_demo_welfare
from trygg.welfare.models import Analysis, Case, ControlRun
from trygg.welfare.selectors.aggregates import year_aggregates
from trygg.welfare.selectors.register import controls_overdue


@pytest.fixture
def valfard(koping, koping_org):
    return make_member("valfard", koping_org, Role.VALFARD)


def test_the_demo_workspace_is_complete_and_loaded_once(koping, valfard):
    with scope(municipality=koping):
        assert load_demo_welfare(koping) is True
        assert load_demo_welfare(koping) is False
        viewer = viewer_for(valfard, koping)
        assert Analysis.objects.count() == 3
        runs = ControlRun.objects.order_by("run_on")
        assert (timezone.localdate() - runs.first().run_on).days > 300
        assert [c.name for c in controls_overdue(viewer=viewer, today=timezone.localdate())] == [
            "Uppföljning av avtalsvillkor"
        ]
        assert Case.objects.count() == 6
        assert all("(demodata)" in case.summary for case in Case.objects.all())
        figures = year_aggregates(
            viewer=viewer, year=timezone.localdate().year, today=timezone.localdate()
        )
    assert figures.high_risk_analysed == 3
