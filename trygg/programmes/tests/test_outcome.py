"""The outcome on the programme page: outputs from a registered source for the chosen
period (people under 5 suppressed for those who may not see individuals), reports in the
area against the comparison area (strategy's difference in differences), survey items or
"uppgift saknas", and the annual follow-up's sentence per goal."""

from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_area, make_report, viewer_for
from trygg.core.contributions import follow_up_rows
from trygg.core.models import Role
from trygg.programmes.outputs import Output, OutputSource, output_sources
from trygg.programmes.selectors.outcome import programme_outcome

from .helpers import register_programme

S, L = Role.SAMORDNARE, Role.RADSLEDAMOT
SEEN = []


def _walks(programme, start, end):
    SEEN.append((programme.pk, start, end))
    return [
        Output("Genomförda nattvandringar", 12, "st"),
        Output("Vuxna som vandrat", 3, "deltagare", counts_people=True),
        Output("Ersättning", None, "kr"),
    ]


SOURCE = OutputSource("test.nattvandring", frozenset({"nattvandring"}), _walks)


def test_outputs_for_the_chosen_period_suppress_few_people_for_the_council(
    client, users, koping, koping_org
):
    programme = register_programme(koping, users, koping_org)
    url = reverse("programmes:detail", args=[programme.pk])
    with output_sources.registered(SOURCE):
        client.force_login(users[S])
        page = client.get(url + "?fran=2026-03-01&till=2026-05-31").content.decode()
        assert SEEN[-1] == (programme.pk, date(2026, 3, 1), date(2026, 5, 31))
        assert "Genomförda nattvandringar" in page and "12 st" in page and "3 deltagare" in page
        assert "uppgift saknas" in page
        client.force_login(users[L])
        page = client.get(url).content.decode()
        assert "3 deltagare" not in page and "färre än 5" in page


def test_a_period_ending_before_it_starts_is_refused(client, users, koping, koping_org):
    programme = register_programme(koping, users, koping_org)
    client.force_login(users[S])
    page = client.get(
        reverse("programmes:detail", args=[programme.pk]) + "?fran=2026-05-01&till=2026-01-01"
    ).content.decode()
    assert "Slutet av perioden kan inte vara före början." in page


def test_without_a_source_or_a_dialogue_the_page_says_so(
    client, users, koping, koping_org, monkeypatch
):
    # Every kind has its own output source now; this is the page of a kind without one.
    monkeypatch.setattr(output_sources, "_items", {})
    programme = register_programme(koping, users, koping_org, kind="sspf")
    client.force_login(users[S])
    page = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "Uppgift saknas: inga prestationer registreras" in page
    assert "Uppgift saknas: programmet har inga områden." in page


def test_reports_in_the_area_are_compared_with_the_comparison_area(koping, users, koping_org):
    centrum = make_area(koping, "Centrum", lon=15.99, lat=59.51)
    other = make_area(koping, "Karlberg", lon=16.2, lat=59.6)
    klotter = category(koping)
    start = timezone.localdate() - timedelta(days=100)
    programme = register_programme(
        koping,
        users,
        koping_org,
        areas=[centrum],
        comparison_area=other,
        effect_category=klotter,
        start=start,
    )
    before = timezone.make_aware(datetime.combine(start - timedelta(days=50), datetime.min.time()))
    after = timezone.make_aware(datetime.combine(start + timedelta(days=50), datetime.min.time()))
    with scopes_disabled():
        for when, n in ((before, 8), (after, 2)):
            for _ in range(n):
                make_report(koping, lat=59.51, lon=15.99, when=when).areas.add(centrum)
        for when in (before, after):
            for _ in range(5):
                make_report(koping, lat=59.6, lon=16.2, when=when).areas.add(other)
    viewer = viewer_for(users[S], koping)
    with scope(municipality=koping):
        outcome = programme_outcome(
            viewer=viewer, programme=programme, start=start, end=timezone.localdate()
        )
    [row] = outcome.areas
    assert row.area == centrum
    assert row.effect.ready
    assert row.effect.counts == (8, 2, 5, 5)


def test_the_follow_up_writes_one_sentence_per_goal(koping, users, koping_org, monkeypatch):
    # Only the test's source, not nattvandring's own, so the sentence is known.
    monkeypatch.setattr(output_sources, "_items", {})
    register_programme(koping, users, koping_org, name="Nattvandring A")
    register_programme(koping, users, koping_org, name="Nattvandring B")
    viewer = viewer_for(users[L], koping)
    with output_sources.registered(SOURCE), scope(municipality=koping):
        rows = follow_up_rows(viewer=viewer, year=2026)
    assert rows["G5"] == [
        "2 program (Nattvandring A, Nattvandring B): genomförda nattvandringar: 24 st; "
        "vuxna som vandrat: 6 deltagare; ersättning: uppgift saknas."
    ]
    # Other apps speak to G4 too; the register adds its sentence after theirs.
    assert rows["G4"][-1] == "Inga program registrerade för målet under året."
