"""The demo's trygghetsvandring: a completed walk in Köping centrala planned from an EST
decision, its observations scored on the route with drawn photos, findings with owners (one
of them the åtgärdsplan's measure), and a re-walk 6–12 months later on the same route."""

import re
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_scopes import scope
from PIL import Image

from trygg.core.models import Municipality
from trygg.geo.selectors import area_index
from trygg.walks.models import Walk


@pytest.fixture
def demo(loaded_demo):
    return Municipality.objects.get(kommunkod="1983")


def test_the_demo_walk_is_complete_from_decision_to_rewalk(demo, client):
    with scope(municipality=demo):
        walk = Walk.objects.get(status=Walk.Status.AVSLUTAD)
        rewalk = Walk.objects.get(status=Walk.Status.PLANERAD)
        observations = list(walk.observations.select_related("item"))
        findings = list(walk.findings.select_related("measure", "owner_organisation"))
        photos = [p for o in observations for p in o.photos.all()]
        index = area_index(demo)
        inside = [walk.area_id in index.area_ids_at(o.lat, o.lon) for o in observations]
        route_inside = [
            walk.area_id in index.area_ids_at(lat, lon) for lon, lat in walk.route["coordinates"]
        ]
        template = walk.template
        assert (walk.area.name, walk.decision.meeting.forum.kind) == ("Köping centrala", "est")
        assert 20 <= len(observations) <= 30
        assert all(o.item is not None for o in observations)
        assert {o.score for o in observations} <= set(
            range(template.scale_min, template.scale_max + 1)
        )
        assert all(inside) and all(route_inside)
        assert len(photos) >= 10
        image = Image.open(BytesIO(photos[0].image.read()))
        assert (image.format, image.size) == ("JPEG", (480, 360))
        assert 4 <= len(findings) <= 6
        assert all(f.owner_name for f in findings)
        assert "Trafikverket" in [f.owner_name for f in findings]
        measures = [f.measure for f in findings if f.measure]
        assert [m.plan.title.startswith("Åtgärdsplan") for m in measures] == [True]
        assert 0 < sum(bool(f.owner_answer) for f in findings) < len(findings)
        assert all(o in f.observations.all() for f in findings for o in f.observations.all())
        assert rewalk.previous_walk_id == walk.pk
        assert rewalk.route == walk.route
        assert 182 <= (rewalk.walk_on - walk.walk_on).days <= 366
    client.force_login(get_user_model().objects.get(username="samordnare"))
    page = client.get(reverse("walks:detail", args=[walk.pk])).content.decode()
    assert "Trygghetsvandring i centrum" in page
    assert "Samling på Stora Torget." in page
    listing = client.get(reverse("walks:list")).content.decode()
    assert len(re.findall(r'<a href="/vandringar/\d+/">', listing)) == 2
