"""The demo's youth activities and parent support: ten fictional activities labelled as
demo data with a year of sessions, parent-support events, shown on the public pages."""

from django.urls import reverse
from django_scopes import scope

from trygg.core.models import Municipality
from trygg.demo.youth import load_demo_youth
from trygg.programmes.models import Activity, ActivitySession, ParentEvent
from trygg.reports.models import Category


def test_demo_has_ten_labelled_activities_with_a_year_of_sessions(loaded_demo, client):
    koping = Municipality.objects.get(kommunkod="1983")
    with scope(municipality=koping):
        activities = list(Activity.objects.filter(municipality=koping).select_related("organiser"))
        assert len(activities) == 10
        assert all(a.organiser.name.endswith("(demodata)") for a in activities)
        assert ActivitySession.objects.filter(municipality=koping).count() > 500
        assert ParentEvent.objects.filter(municipality=koping, participants__gt=0).count() > 10
        assert Category.objects.filter(municipality=koping, youth_related=True).count() == 4
        assert load_demo_youth(koping) is False
    body = client.get(reverse("public:activities", args=[koping.slug])).content.decode()
    assert "Öppen fritidsgård" in body or "Fredagskväll för unga" in body
    calendar = client.get(reverse("public:parents", args=[koping.slug])).content.decode()
    assert "(demodata)" in calendar
