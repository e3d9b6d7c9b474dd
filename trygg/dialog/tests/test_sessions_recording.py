"""Interviews and focus groups: consent first, composition as counts, notes redacted, quotes
refused with the reason when the PII scan finds something."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from tests.helpers import category, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.dialog.models import Session
from trygg.dialog.services.sessions import pseudonyms, session_note_add, session_record
from trygg.dialog.tests.follow_up_helpers import make_dialogue, make_session


def _record(viewer, dialogue, **overrides):
    values = {
        "kind": Session.Kind.FOKUSGRUPP,
        "title": "Unga på Karlsdal",
        "held_on": date(2026, 5, 4),
        "purpose": "Höra unga om kvällarna",
        "recruitment": "Via fritidsgården",
        "participants": 7,
        "composition": {"sex": {"kvinna": 4, "man": 3}, "age_band": {"16-24": 7}},
        "consent_recorded": True,
        "consent_method": "Skriftligt på blankett",
    }
    values.update(overrides)
    with scope(municipality=viewer.municipality):
        return session_record(viewer=viewer, dialogue=dialogue, **values)


def test_a_focus_group_is_stored_with_counts_and_audited(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    session = _record(viewer, make_dialogue(koping))
    assert session.composition == {"sex": {"kvinna": 4, "man": 3}, "age_band": {"16-24": 7}}
    with scope(municipality=koping):
        assert AuditEvent.objects.filter(event="dialog.session_recorded").count() == 1


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"consent_recorded": False}, "consent_recorded", "Samtycke måste vara inhämtat"),
        ({"consent_method": " "}, "consent_method", "Skriv hur samtycket inhämtades."),
        ({"participants": 0}, "participants", "Minst en deltagare."),
        (
            {"composition": {"sex": {"kvinna": 6, "man": 3}}},
            "composition",
            "Fler deltagare per kön (9) än deltagare totalt (7).",
        ),
        (
            {"composition": {"age_band": {"16-24": -1}}},
            "composition",
            "Antalen måste vara heltal, 0 eller fler.",
        ),
        ({"composition": {"namn": {"Anna": 1}}}, "composition", "Okänd indelning av deltagarna."),
    ],
)
def test_a_session_with_bad_input_is_refused_in_swedish(users, koping, overrides, field, message):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with pytest.raises(ValidationError) as error:
        _record(viewer, make_dialogue(koping), **overrides)
    assert message in error.value.message_dict[field][0]
    with scope(municipality=koping):
        assert Session.objects.count() == 0


def test_a_role_without_the_grant_cannot_record_a_session(users, koping):
    viewer = viewer_for(users[Role.POLIS], koping)
    with pytest.raises(PermissionDenied):
        _record(viewer, make_dialogue(koping))


def test_a_session_of_another_municipalitys_dialogue_is_refused(users, koping, arboga):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with pytest.raises(ValidationError):
        _record(viewer, make_dialogue(arboga))


def test_pseudonyms_follow_the_participants():
    assert pseudonyms(3) == ["Deltagare A", "Deltagare B", "Deltagare C"]
    assert pseudonyms(28)[-1] == "Deltagare AB"


def _note(viewer, session, text, **fields):
    with scope(municipality=viewer.municipality):
        return session_note_add(viewer=viewer, session=session, text=text, **fields)


def test_a_note_with_a_phone_number_is_stored_redacted(users, koping):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    session = make_session(make_dialogue(koping))
    note = _note(viewer, session, "Hon gav oss numret 070-123 45 67 till fritidsgården.")
    assert note.text == "Hon gav oss numret [telefonnummer borttaget] till fritidsgården."
    with scope(municipality=koping):
        audit = AuditEvent.objects.get(event="dialog.session_note_added")
    assert audit.data["redacted"] == {"telefon": 1}


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Ring mig på 070-123 45 67 så berättar jag", "ett telefonnummer"),
        ("Skriv till kim@example.se om det", "en e-postadress"),
        ("Bilen ABC 123 står där varje kväll", "ett registreringsnummer"),
        ("Jag är 811218-9876 och bor här", "ett personnummer"),
        ("Det var bättre när fritidsledaren Anna Berg var här", "något som ser ut som ett namn"),
    ],
)
def test_a_quote_with_personal_data_is_refused_with_the_reason(users, koping, text, reason):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    session = make_session(make_dialogue(koping))
    with pytest.raises(ValidationError) as error:
        _note(viewer, session, text, is_quote=True, speaker="Deltagare A")
    assert error.value.message_dict["text"] == [
        f"Texten innehåller {reason}. Skriv om den utan personuppgifter."
    ]
    with scope(municipality=koping):
        assert session.notes.count() == 0


def test_a_clean_quote_is_stored_with_its_pseudonym_and_themes(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    session = make_session(make_dialogue(koping), participants=3)
    theme = category(koping, "klotter")
    note = _note(
        viewer,
        session,
        "Det är mörkt vid busstationen på kvällen.",
        is_quote=True,
        speaker="Deltagare C",
        themes=[theme],
    )
    with scope(municipality=koping):
        assert (note.speaker, list(note.themes.all())) == ("Deltagare C", [theme])


def test_a_quote_needs_a_pseudonym_of_the_session(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    session = make_session(make_dialogue(koping), participants=2)
    with pytest.raises(ValidationError) as error:
        _note(viewer, session, "Mörkt vid stationen.", is_quote=True, speaker="Deltagare C")
    assert "pseudonym" in error.value.message_dict["speaker"][0]


def test_a_theme_from_another_municipality_is_refused(users, koping, arboga):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    session = make_session(make_dialogue(koping))
    with pytest.raises(ValidationError):
        _note(viewer, session, "Klotter överallt.", themes=[category(arboga, "klotter")])
