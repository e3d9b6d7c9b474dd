"""The Ludvika demo: real DeSO areas with districts and boundary dissolved from them, the
Police's DeSO file as Ludvika's own, and BRÅ's Dalarna figures as the shared source."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.geo.models import Area
from trygg.strategy.models import CrimeStatistic, DesoCrimeCount, DesoPopulation


def test_ludvika_has_its_areas_statistics_and_samordnare(client, loaded_demo):
    with scopes_disabled():  # counting the demo's rows
        kinds = dict(
            Area.objects.filter(municipality__kommunkod="2085")
            .values_list("kind")
            .annotate(n=Count("id"))
        )
        assert kinds == {"kommungrans": 1, "stadsdel": 10, "deso": 18}
        assert (
            sum(
                DesoCrimeCount.objects.filter(municipality__kommunkod="2085").values_list(
                    "count", flat=True
                )
            )
            == 6345
        )
        assert Area.objects.get(kind="deso", code="2085B2010").name == "Grängesberg 1"
        assert Area.objects.filter(
            municipality__kommunkod="2085", kind="stadsdel", name="Grängesberg"
        ).exists()
    assert DesoPopulation.objects.filter(deso_code__startswith="2085").count() == 72
    assert CrimeStatistic.objects.filter(dataset="bra-kommunindikatorer-dalarna").exists()

    user = get_user_model().objects.get(username="ludvika")
    assert user.check_password("demo")
    client.force_login(user)
    page = client.get(reverse("strategy:statistics")).content.decode()
    assert "Anmälda brott per DeSO och stadsdel (Polisen)" in page
    assert "Grängesberg 1" in page
    assert "Ingen statistik för Ludvika" not in page
