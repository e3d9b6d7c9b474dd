"""The lägesbild's totals for the annual follow-up and the strategic draft: meetings and
decisions of a year, and the themes the police's pictures took up, counted in full."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django_scopes import scope, scopes_disabled

from tests.helpers import make_meeting, make_organisation, viewer_for
from trygg.core.models import Role
from trygg.forums.models import Decision
from trygg.forums.selectors import meeting_totals
from trygg.lagesbild.models import PoliceInput, PoliceInputItem
from trygg.lagesbild.selectors import police_inputs_on_theme, police_themes

TZ = ZoneInfo("Europe/Stockholm")


def _meeting(municipality, held_at, statuses):
    org = make_organisation(municipality, f"Förvaltning {held_at:%m%d}")
    meeting = make_meeting(municipality, held_at)
    with scopes_disabled():
        for status in statuses:
            Decision.objects.create(
                municipality=municipality,
                meeting=meeting,
                what="Extra patrullering",
                responsible=org,
                until=held_at.date(),
                status=status,
            )


def _police(municipality, start, end, themes):
    with scopes_disabled():
        police_input = PoliceInput.objects.create(
            municipality=municipality, period_start=start, period_end=end
        )
        for theme in themes:
            PoliceInputItem.objects.create(
                municipality=municipality, police_input=police_input, theme=theme, text="Hemligt"
            )


def test_meetings_of_the_year_and_their_decisions_are_counted_for_every_reader(
    users, koping, arboga
):
    done, decided = Decision.Status.GENOMFORD, Decision.Status.BESLUTAD
    _meeting(koping, datetime(2026, 1, 1, 0, 30, tzinfo=TZ), [done, decided])
    _meeting(koping, datetime(2026, 6, 1, 9, tzinfo=TZ), [done])
    _meeting(koping, datetime(2025, 12, 31, 23, 30, tzinfo=TZ), [done])  # last year, local
    _meeting(arboga, datetime(2026, 6, 1, 9, tzinfo=TZ), [done])
    council = viewer_for(users[Role.RADSLEDAMOT], koping)  # may not open a meeting
    with scope(municipality=koping):
        totals = meeting_totals(
            viewer=council,
            start=datetime(2026, 1, 1, tzinfo=TZ),
            end=datetime(2027, 1, 1, tzinfo=TZ),
        )
    assert (totals.meetings, totals.decisions, totals.decisions_done) == (2, 3, 2)


def test_police_themes_give_labels_and_counts_never_the_text(users, koping, arboga):
    _police(koping, date(2025, 12, 20), date(2026, 1, 2), ["ungdomar", "narkotika"])
    _police(koping, date(2026, 3, 1), date(2026, 3, 14), ["ungdomar", "ungdomar"])
    _police(koping, date(2024, 3, 1), date(2024, 3, 14), ["vald"])  # before the period
    _police(arboga, date(2026, 3, 1), date(2026, 3, 14), ["vald"])
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping):
        themes = police_themes(viewer=viewer, first=date(2026, 1, 1), last=date(2026, 12, 31))
        on_youth = police_inputs_on_theme(viewer=viewer, year=2026, theme="ungdomar")
    assert themes.inputs == 2
    assert themes.themes.most_common() == [
        ("Ungdomar och grupperingar", 3),
        ("Narkotika", 1),
    ]
    assert on_youth == 1  # the December input started in 2025
