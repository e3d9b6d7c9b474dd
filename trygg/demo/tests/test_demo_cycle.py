"""The demo's strategic half: every strategic page and the public medborgarlöfte show the
loaded cycle to the demo users, not an empty state, and the measure at Stora Torget has an
effect computed from the demo reports."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.strategy.models import (
    ActionPlan,
    CitizenPromise,
    Measure,
    ProblemPicture,
    StrategicPicture,
)

# Every role that may read the strategy pages (strategy.view) in Köping.
READERS = ("samordnare", "analytiker", "polis", "radsledamot", "admin")


def _strategic_pages():
    """(url, text the page must show) for every strategic page of Köping's demo."""
    with scopes_disabled():  # the demo's rows, looked up to name their pages
        picture = StrategicPicture.objects.get(municipality__kommunkod="1983")
        plan = ActionPlan.objects.get(municipality__kommunkod="1983")
        promise = CitizenPromise.objects.get(municipality__kommunkod="1983")
        measures = list(Measure.objects.filter(municipality__kommunkod="1983"))
        problems = list(ProblemPicture.objects.filter(municipality__kommunkod="1983"))
    pages = [
        (reverse("strategy:pictures"), str(picture)),
        (reverse("strategy:picture_detail", args=[picture.pk]), "Kommunstyrelsen"),
        (reverse("strategy:plans"), plan.title),
        (reverse("strategy:plan_detail", args=[plan.pk]), measures[0].title),
        (reverse("strategy:promises"), promise.title),
        (reverse("strategy:promise_detail", args=[promise.pk]), "Nattvandring helgkvällar"),
        (reverse("strategy:annual_report"), "Uppskattad kostnad för skador"),
    ]
    pages += [(reverse("strategy:measure_detail", args=[m.pk]), m.title) for m in measures]
    pages += [(reverse("strategy:problem_detail", args=[p.pk]), p.title) for p in problems]
    return pages


def test_demo_strategic_pages_and_public_promise_show_the_cycle_to_every_reader(
    client, loaded_demo
):
    pages = _strategic_pages()
    assert len(pages) == 13
    User = get_user_model()
    for username in READERS:
        client.force_login(User.objects.get(username=username))
        for url, expected in pages:
            response = client.get(url)
            page = response.content.decode()
            assert (username, url, response.status_code) == (username, url, 200)
            assert 'class="empty"' not in page, (username, url)
            assert expected in page, (username, url)
    client.logout()
    public = client.get(reverse("public:promise", args=["koping"])).content.decode()
    assert "Tryggare kvällar i centrum" in public
    assert "Klotter vid torget tas bort inom ett dygn" in public
    assert "har inget publicerat medborgarlöfte" not in public


def test_demo_measure_at_stora_torget_has_an_effect_from_the_demo_reports(client, loaded_demo):
    with scopes_disabled():  # the demo's measure, looked up to open its page
        measure = Measure.objects.get(municipality__kommunkod="1983", comparison_area__isnull=False)
    client.force_login(get_user_model().objects.get(username="samordnare"))
    page = client.get(reverse("strategy:measure_detail", args=[measure.pk])).content.decode()
    assert "Köping centrala jämfört med Köping nordväst" in page
    assert "färre händelser än väntat" in page
    assert "Skillnaden är statistiskt säkerställd." in page
