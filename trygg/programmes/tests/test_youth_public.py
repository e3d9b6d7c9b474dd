"""The public activities page: this week's activities, filtered by age, area and weekday,
without JavaScript and without another municipality's activities."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.helpers import make_area
from trygg.programmes.tests.youth_helpers import make_activity


def _page(client, **query):
    return client.get(reverse("public:activities", args=["koping"]), query)


def test_a_parent_sees_this_weeks_activities_with_time_place_and_age(client, koping, arboga):
    make_activity(koping, "Fritidsgården Bryggan", weekdays=str(timezone.localdate().weekday()))
    make_activity(arboga, "Arbogas fritidsgård")
    response = _page(client)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Den här veckan" in body
    assert "Fritidsgården Bryggan" in body
    assert "18:00–21:00" in body
    assert "För dig som är 13–17 år." in body
    assert "Arbogas fritidsgård" not in body


def test_the_age_filter_keeps_only_activities_for_that_age(client, koping):
    make_activity(koping, "Pingis för yngre", age_min=7, age_max=10)
    make_activity(koping, "Rockskolan", age_min=13, age_max=17)
    body = _page(client, alder="8").content.decode()
    assert "Pingis för yngre" in body
    assert "Rockskolan" not in body


def test_area_and_weekday_filters(client, koping):
    north = make_area(koping, "Norr", kind="deso")
    make_activity(koping, "Dans i Norr", area=north, weekdays="2")
    make_activity(koping, "Dans i Söder", weekdays="2")
    make_activity(koping, "Bad på måndag", area=north, weekdays="0")
    body = _page(client, omrade=str(north.pk), dag="2").content.decode()
    assert "Dans i Norr" in body
    assert "Dans i Söder" not in body
    assert "Bad på måndag" not in body


def test_a_bad_age_is_explained_and_kept_in_the_field(client, koping):
    make_activity(koping, "Fritidsgården")
    body = _page(client, alder="tretton").content.decode()
    assert "Skriv en ålder i hela år, 0–30." in body
    assert 'value="tretton"' in body
    assert "Fritidsgården" in body


def test_no_match_and_ended_activities_say_so(client, koping):
    make_activity(koping, "Sommarläger", season_end=timezone.localdate() - timedelta(days=1))
    body = _page(client).content.decode()
    assert "Sommarläger" not in body
    assert "har inte lagt upp några aktiviteter" in body
    assert "Inga aktiviteter passar det du valde" in _page(client, alder="3").content.decode()


def test_the_public_start_page_links_to_activities_and_parent_support(client, koping):
    body = client.get(reverse("public:municipality", args=["koping"])).content.decode()
    assert reverse("public:activities", args=["koping"]) in body
    assert reverse("public:parents", args=["koping"]) in body


def test_an_unknown_municipality_is_404(client, koping):
    assert client.get(reverse("public:activities", args=["nowhere"])).status_code == 404
