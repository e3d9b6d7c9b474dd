"""The demo's grannsamverkan (issue 19, item 9): two areas in Köping with demo-labelled ombud
at example.org, their comparison areas, and a year of messages without an address."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from trygg.core.models import Municipality
from trygg.demo.neighbourhood import load_demo_neighbourhood
from trygg.programmes.models import AreaMessage, NeighbourhoodArea, Ombud
from trygg.programmes.services.neighbourhood import message_problems


def test_the_demo_has_two_areas_with_demo_ombud_and_a_year_of_messages(client, loaded_demo):
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        areas = list(NeighbourhoodArea.objects.filter(municipality=koping))
        ombud = list(Ombud.objects.filter(municipality=koping))
        messages = list(AreaMessage.objects.filter(municipality=koping))
    assert sorted(a.name for a in areas) == [
        "Grannsamverkan Nibblesbacke",
        "Grannsamverkan Östanås",
    ]
    assert all(a.comparison_area_id and a.area.kind == "egen" for a in areas)
    assert all("(demodata)" in o.name and o.email.endswith("@example.org") for o in ombud)
    assert len(messages) == 8
    assert all(not message_problems(m.body) for m in messages)
    span = max(m.created_at for m in messages) - min(m.created_at for m in messages)
    assert span.days >= 300
    with scope(municipality=koping):
        assert load_demo_neighbourhood(koping) is False
    client.force_login(get_user_model().objects.get(username="polis"))
    page = client.get(reverse("programmes:neighbourhood_area", args=[areas[0].pk]))
    assert page.status_code == 200
    assert "Inbrott" in page.content.decode()
