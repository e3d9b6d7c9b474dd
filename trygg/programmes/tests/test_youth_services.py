"""The youth-activity catalogue and sessions: what is stored, what is refused and why."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.programmes.models import ActivitySession, ProgrammeKind, SessionCount
from trygg.programmes.services.youth import activity_create, session_record

from .youth_helpers import make_activity, make_programme


def _values(programme, **changes):
    values = {
        "programme": programme,
        "name": "Öppen hall",
        "organiser": programme.owner,
        "place_name": "Idrottshallen",
        "weekdays": ["1", "3"],
        "starts_at": time(18),
        "ends_at": time(20),
        "age_min": 10,
        "age_max": 15,
        "season_start": date(2026, 1, 1),
    }
    values.update(changes)
    return values


def test_coordinator_adds_an_activity_with_its_audit_row(koping, users):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        activity = activity_create(viewer=viewer, **_values(make_programme(koping)))
        assert activity.weekdays == "13"
        assert activity.weekday_labels() == ["tisdag", "torsdag"]
        assert AuditEvent.objects.filter(event="programmes.activity_created").count() == 1


def test_a_point_alone_places_the_activity_in_its_deso(koping, users):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    area = make_area(koping, "Centrum", kind="deso", lon=15.99, lat=59.51)
    with scope(municipality=koping):
        activity = activity_create(
            viewer=viewer, **_values(make_programme(koping), place_name="", lat=59.51, lon=15.99)
        )
        assert activity.area == area


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"age_max": 8}, "age_max", "Den högsta åldern kan inte vara lägre än den lägsta."),
        ({"ends_at": time(17)}, "ends_at", "Sluttiden måste vara efter starttiden."),
        ({"weekdays": []}, "weekdays", "Välj minst en veckodag."),
        (
            {"place_name": ""},
            "place_name",
            "Ange var aktiviteten är: en plats, ett område eller en punkt.",
        ),
        (
            {"description": "Ring ledaren, 19121212-1212"},
            "description",
            "Texten innehåller ett personnummer. Skriv om den utan personuppgifter.",
        ),
    ],
)
def test_bad_activity_is_refused_with_the_reason(koping, users, changes, field, message):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            activity_create(viewer=viewer, **_values(make_programme(koping), **changes))
    assert error.value.message_dict[field] == [message]


def test_an_activity_under_another_kind_of_programme_is_refused(koping, users):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    other = make_programme(koping, ProgrammeKind.NATTVANDRING)
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            activity_create(viewer=viewer, **_values(other))
    assert error.value.message_dict["programme"] == [
        "Välj ett program för aktiviteter för barn och unga."
    ]


def test_police_may_not_add_activities(koping, users):
    viewer = viewer_for(users[Role.POLIS], koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        activity_create(viewer=viewer, **_values(make_programme(koping)))


def test_a_session_stores_counts_by_age_band_and_sex_and_their_sum(koping, users):
    viewer = viewer_for(users[Role.RAPPORTOR], koping)
    activity = make_activity(koping)
    yesterday = timezone.localdate() - timedelta(days=1)
    with scope(municipality=koping):
        session = session_record(
            viewer=viewer,
            activity=activity,
            held_on=yesterday,
            counts={("13-15", "flicka"): 7, ("13-15", "pojke"): 9, ("16-19", "annat"): 0},
        )
        assert session.participants == 16
        assert sorted(SessionCount.objects.values_list("age_band", "sex", "count")) == [
            ("13-15", "flicka", 7),
            ("13-15", "pojke", 9),
        ]


def test_a_negative_count_is_refused_and_nothing_is_stored(koping, users):
    viewer = viewer_for(users[Role.RAPPORTOR], koping)
    activity = make_activity(koping)
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            session_record(
                viewer=viewer,
                activity=activity,
                held_on=timezone.localdate(),
                counts={("13-15", "flicka"): 4, ("13-15", "pojke"): -2},
            )
    assert error.value.message_dict == {"n_13-15_pojke": ["Antalet kan inte vara negativt."]}
    with scopes_disabled():
        assert ActivitySession.objects.count() == 0


def test_the_same_day_twice_and_a_future_day_are_refused(koping, users):
    viewer = viewer_for(users[Role.RAPPORTOR], koping)
    activity = make_activity(koping)
    today = timezone.localdate()
    with scope(municipality=koping):
        session_record(viewer=viewer, activity=activity, held_on=today, counts={})
        with pytest.raises(ValidationError) as again:
            session_record(viewer=viewer, activity=activity, held_on=today, counts={})
        with pytest.raises(ValidationError) as future:
            session_record(
                viewer=viewer, activity=activity, held_on=today + timedelta(days=1), counts={}
            )
    assert again.value.message_dict == {"held_on": ["Tillfället den dagen är redan registrerat."]}
    assert future.value.message_dict == {
        "held_on": ["Ett tillfälle kan bara registreras när det har hållits."]
    }


def test_another_municipalitys_activity_is_refused(koping, arboga, users):
    viewer = viewer_for(users[Role.RAPPORTOR], koping)
    theirs = make_activity(arboga)
    with scope(municipality=koping), pytest.raises(ValidationError):
        session_record(viewer=viewer, activity=theirs, held_on=timezone.localdate(), counts={})
