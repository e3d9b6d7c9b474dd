"""Parent support: the public calendar, its iCal feed (parsed with icalendar), participants
counted after an event, the evaluation survey's link, and the programme's outputs."""

from datetime import date, timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import Role
from trygg.programmes.outputs import outputs_for
from trygg.programmes.services.parents import parent_event_update, parent_offer_create

from .youth_helpers import make_event, make_offer, make_programme


def test_the_calendar_shows_coming_events_and_not_another_municipalitys(client, koping, arboga):
    make_event(koping, "Tonårsföreläsning", days=3)
    make_event(arboga, "Arbogas föreläsning", days=3)
    body = client.get(reverse("public:parents", args=["koping"])).content.decode()
    assert "Tonårsföreläsning" in body
    assert "Biblioteket" in body
    assert "Arbogas föreläsning" not in body


def test_the_ical_feed_parses_with_its_events_in_stockholm_time(client, koping, arboga):
    event = make_event(koping, "Föräldraträff, ABC", days=5)
    make_event(arboga, "Arbogas träff", days=5)
    response = client.get(reverse("public:parents_ical", args=["koping"]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Föreläsning: Föräldraträff, ABC"]
    assert events[0]["DTSTART"].dt == event.starts_at
    assert str(events[0]["LOCATION"]) == "Biblioteket"
    assert str(calendar["X-WR-CALNAME"]) == "Föräldrastöd i Köping"


def test_after_the_event_the_calendar_links_to_its_open_evaluation_survey(client, koping):
    from trygg.dialog.tests.answering_helpers import make_survey

    survey = make_survey(koping, title="Vad tyckte du om kvällen?")
    make_event(koping, "Gruppträff om skärmtid", days=-2, survey=survey)
    body = client.get(reverse("public:parents", args=["koping"])).content.decode()
    assert "Gruppträff om skärmtid" in body
    assert f'href="/enkat/{survey.token}/"' in body


def test_participants_are_counted_after_the_event_and_a_negative_count_is_refused(koping, users):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    held = make_event(koping, days=-1)
    coming = make_event(koping, "Nästa vecka", days=7)
    fields = ("offer", "kind", "title", "description", "starts_at", "ends_at", "place")
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as negative:
            parent_event_update(
                viewer=viewer, event=held, participants=-3, **{f: getattr(held, f) for f in fields}
            )
        with pytest.raises(ValidationError) as early:
            parent_event_update(
                viewer=viewer,
                event=coming,
                participants=5,
                **{f: getattr(coming, f) for f in fields},
            )
        parent_event_update(
            viewer=viewer, event=held, participants=23, **{f: getattr(held, f) for f in fields}
        )
    assert negative.value.message_dict == {"participants": ["Antalet kan inte vara negativt."]}
    assert early.value.message_dict == {
        "participants": ["Deltagarna räknas när träffen har hållits."]
    }
    with scopes_disabled():
        held.refresh_from_db()
    assert held.participants == 23


def test_an_offer_needs_a_parent_support_programme(koping, users):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    youth = make_programme(koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        parent_offer_create(
            viewer=viewer, programme=youth, name="Komet", evidence="evidens", organiser=youth.owner
        )
    assert error.value.message_dict == {
        "programme": ["Välj ett program för information och föräldrastöd."]
    }


def test_outputs_count_events_held_and_their_participants(koping):
    offer = make_offer(koping)
    make_event(koping, "Hållen", days=-10, offer=offer, participants=12)
    make_event(koping, "Hållen igen", days=-3, offer=offer, participants=8)
    make_event(koping, "Inställd", days=-2, offer=offer, cancelled=True)
    make_event(koping, "Kommande", days=5, offer=offer)
    today = timezone.localdate()
    with scope(municipality=koping):
        outputs = outputs_for(offer.programme, date(today.year - 1, 1, 1), today + timedelta(30))
    assert [(o.label, o.value, o.counts_people) for o in outputs] == [
        ("Genomförda träffar och föreläsningar", 2, False),
        ("Deltagare", 20, True),
    ]
