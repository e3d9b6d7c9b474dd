"""The demo's night walking: the fictional association's group with its agreement, a year of
logged Fridays on routes in central Köping, observations of which some are reports, and the
coming evenings — loaded once, and shown on the samordnare's pages."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_scopes import scope

from trygg.core.models import Municipality
from trygg.demo.nightwalk import GROUP, load_demo_nightwalk
from trygg.geo.selectors import area_index
from trygg.programmes.models import NightWalkGroup, NightWalkObservation


def test_the_demo_group_has_a_year_of_walks_inside_koping(loaded_demo, client):
    koping = Municipality.objects.get(kommunkod="1983")
    with scope(municipality=koping):
        group = NightWalkGroup.objects.get(name=GROUP)
        logs = list(group.logs.all())
        reports = NightWalkObservation.objects.filter(log__group=group, report__isnull=False)
        index = area_index(koping)
        inside = {index.inside_municipality(lat, lon) for log in logs for lat, lon in log.route}
        assert "(demodata)" in group.name
        assert group.association.name == "Nattvandrarna i Köping"
        assert 30 <= len(logs) <= 52
        assert (max(log.walked_on for log in logs) - min(log.walked_on for log in logs)).days > 300
        assert inside == {True}
        assert reports.count() == 4
        assert group.evenings.count() == 4
        assert load_demo_nightwalk(koping) is False
    client.force_login(get_user_model().objects.get(username="samordnare"))
    page = client.get(reverse("programmes:nightwalk_group", args=[group.pk])).content.decode()
    assert "Rapport nr" in page
    assert client.get(reverse("programmes:nightwalk_compensation")).status_code == 200
    assert client.get(reverse("programmes:nightwalk_map")).status_code == 200
