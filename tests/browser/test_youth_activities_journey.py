"""Youth activities and parent support (issue 19): a parent opens the public start page,
finds this week's activities, filters by the child's age, and opens the parent-support
calendar. Every page passes axe (WCAG 2.1 AA)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import follow, submit, visit
from trygg.core.models import Municipality
from trygg.programmes.tests.youth_helpers import make_activity, make_event

pytestmark = pytest.mark.browser


@pytest.fixture
def koping(transactional_db):
    koping = Municipality.objects.create(
        name="Köping", kommunkod="1983", county_code="19", slug="koping", population=25806
    )
    today = str(timezone.localdate().weekday())
    make_activity(koping, "Pingis för yngre", weekdays=today, age_min=7, age_max=10)
    make_activity(koping, "Rockskolan", weekdays=today, age_min=13, age_max=17)
    make_event(koping, "Föreläsning om skärmtid", days=4)
    return koping


def test_a_parent_finds_this_weeks_activities_for_an_eight_year_old_and_the_calendar(
    page, live_server, koping
):
    visit(page, f"{live_server.url}/kommun/koping/")
    follow(page, page.get_by_role("link", name="Aktiviteter för barn och unga"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktiviteter för barn och unga")
    expect(page.get_by_role("heading", name="Den här veckan")).to_be_visible()
    # Held today, so listed this week and on the same day next week.
    expect(page.get_by_role("heading", name="Rockskolan")).to_have_count(2)

    page.get_by_label("Ålder").fill("8")
    submit(page, page.get_by_role("button", name="Visa"))
    expect(page.get_by_role("heading", name="Pingis för yngre")).to_have_count(2)
    expect(page.get_by_role("heading", name="Rockskolan")).to_have_count(0)
    expect(page.get_by_label("Ålder")).to_have_value("8")

    follow(page, page.get_by_role("link", name="Föreläsningar och träffar för föräldrar"))
    expect(page.get_by_role("heading", name="Föreläsning om skärmtid")).to_be_visible()
    expect(page.get_by_role("link", name="Prenumerera på kalendern (iCal)")).to_be_visible()
