"""The demo's gazetteer (issue 15): Köping's districts, DeSO, tätorter and kommundelar and
the names seen in Police notices; a citizen who types "Nibblesbacke" gets a report in that
district's row of the lägesbild, and Police notices naming Kolsva count in Kolsva."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import Municipality
from trygg.geo.gazetteer.selectors import PlaceStatus, place_lookup, place_suggestions
from trygg.geo.models import Area
from trygg.lagesbild.selectors import picture_for_period
from trygg.reports.models import Report
from trygg.reports.tests.test_citizen_report import _submit


def test_the_demo_gazetteer_places_nibblesbacke_and_kolsva(client, loaded_demo):
    with scopes_disabled():
        koping = Municipality.objects.get(kommunkod="1983")
        kolsva = Area.objects.get(municipality=koping, kind="tatort", name="Kolsva")
        kolsva_district = Area.objects.get(municipality=koping, kind="stadsdel", name="Kolsva")
    with scope(municipality=koping):
        # One answer for Kolsva: the tätort, the smaller polygon, held by its district.
        match = place_lookup(municipality=koping, text="Kolsva")
        assert (match.status, match.area_ids[:2]) == (
            PlaceStatus.OMRADE,
            (kolsva.pk, kolsva_district.pk),
        )
        assert {"label": "Nibblesbackevägen", "kind": "Gata eller väg"} in place_suggestions(
            municipality=koping, text="Nibbles"
        )
        notices = Report.objects.filter(municipality=koping, source="polisen", areas=kolsva)
        assert notices.count() >= 2
        assert set(notices.values_list("precision", flat=True)) == {"omrade"}

    response = _submit(client, koping, place_name="Nibblesbacke")
    assert response.status_code == 302
    samordnare = get_user_model().objects.get(username="samordnare")
    today = timezone.localdate()
    with scope(municipality=koping):
        picture = picture_for_period(viewer=viewer_for(samordnare, koping), start=today, end=today)
    rows = {row.name: row.current for row in picture.areas}
    assert rows["Nibblesbacke"] >= 1
    with scopes_disabled():
        report = Report.objects.get(
            municipality=koping, source="medborgare", place_name="Nibblesbacke"
        )
        assert (report.precision, report.lat) == ("omrade", None)
