"""Gallring of the dialog stores: the sample goes when its survey closes, device hashes when it
is closed, result subscribers 30 days after publication (two years at most), free text three
years after the close while the answers stay. Every rule dated against one fixed morning."""

from datetime import date, datetime, timedelta

import pytest
from django_scopes import scope, scopes_disabled

from trygg.core.models import AuditEvent
from trygg.dialog.models import (
    Answer,
    Dialogue,
    Invitation,
    Question,
    Response,
    ResultSubscriber,
    Survey,
    SurveyVersion,
)
from trygg.dialog.services.retention import dialog_retention_run
from trygg.dialog.tasks import purge_dialog_stores
from trygg.locale_sv import STOCKHOLM

NOW = datetime(2026, 12, 2, 4, 0, tzinfo=STOCKHOLM)
TODAY = NOW.date()
OPEN, CLOSED, DRAFT = Survey.Status.PUBLICERAD, Survey.Status.STANGD, Survey.Status.UTKAST


def _dialogue(municipality, *, published_at=None) -> Dialogue:
    return Dialogue.objects.create(
        municipality=municipality,
        title="Trygghet i centrum",
        question="Var känner ni er otrygga?",
        decided_by="BRÅ",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        feedback_plan="På webbplatsen.",
        published_at=published_at,
    )


def _survey(municipality, *, status, closes_on=None, closed_at=None) -> tuple[Survey, Question]:
    survey = Survey.objects.create(
        municipality=municipality,
        dialogue=_dialogue(municipality),
        title="Trygghetsenkät",
        mode=Survey.Mode.SAMPLED,
        status=status,
        closes_on=closes_on,
        closed_at=closed_at,
    )
    version = SurveyVersion.objects.create(municipality=municipality, survey=survey, number=1)
    question = Question.objects.create(
        municipality=municipality, version=version, key="karta", kind="map", text="Var?"
    )
    return survey, question


def _answered(survey, question, *, device_hash="", text="", reason="") -> Answer:
    response = Response.objects.create(
        municipality=survey.municipality,
        survey=survey,
        version=question.version,
        mode=survey.mode,
        submitted_on=date(2023, 1, 1),
        device_hash=device_hash,
    )
    return Answer.objects.create(
        municipality=survey.municipality,
        response=response,
        question=question,
        choice="3",
        text=text,
        reason=reason,
        quotable=bool(text),
    )


def _run(municipality):
    with scope(municipality=municipality):
        return dialog_retention_run(municipality=municipality, now=NOW)


# status, last day (days from today, or None), whether the survey counts as closed
CLOSING = [
    (CLOSED, 20, True),  # closed by hand before its last day
    (CLOSED, None, True),
    (OPEN, -1, True),  # its last day was yesterday
    (OPEN, 0, False),  # today is its last day
    (OPEN, None, False),
    (DRAFT, None, False),
]


@pytest.mark.parametrize("status, last_day, closed", CLOSING)
def test_sample_and_device_hashes_are_deleted_once_the_survey_is_closed(
    koping, status, last_day, closed
):
    closes_on = TODAY + timedelta(days=last_day) if last_day is not None else None
    with scopes_disabled():  # test setup
        survey, question = _survey(koping, status=status, closes_on=closes_on)
        Invitation.objects.create(municipality=koping, survey=survey, code="K7Q2-M4XW")
        Invitation.objects.create(municipality=koping, survey=survey, code="P9TT-3ZRB")
        answer = _answered(survey, question, device_hash="ab" * 32)
    done = _run(koping)
    with scopes_disabled():
        kept_invitations = Invitation.objects.filter(survey=survey).count()
        answer.response.refresh_from_db()
        answer.refresh_from_db()
        audited = AuditEvent.objects.filter(event="dialog.sample_deleted").count()
    assert (kept_invitations, answer.response.device_hash, done["invitations"], audited) == (
        (0, "", 2, 1) if closed else (2, "ab" * 32, 0, 0)
    )
    # The answer itself stays: only the link to the sample and the device go.
    assert answer.choice == "3"


# published (days ago, or None), left (days ago), kept
SUBSCRIBERS = [
    (31, 40, False),  # told a month ago
    (29, 40, True),
    (None, 729, True),  # a dialogue not yet published
    (None, 731, False),  # never told, but two years is the cap
    (10, 800, False),
]


@pytest.mark.parametrize("published, left, kept", SUBSCRIBERS)
def test_result_subscribers_are_deleted_a_month_after_publication_or_after_two_years(
    koping, published, left, kept
):
    with scopes_disabled():  # test setup
        dialogue = _dialogue(
            koping, published_at=NOW - timedelta(days=published) if published else None
        )
        subscriber = ResultSubscriber.objects.create(
            municipality=koping, dialogue=dialogue, email="svarande@example.org"
        )
        ResultSubscriber.objects.filter(pk=subscriber.pk).update(
            created_at=NOW - timedelta(days=left)
        )
    done = _run(koping)
    with scopes_disabled():
        exists = ResultSubscriber.objects.filter(pk=subscriber.pk).exists()
        audit = list(
            AuditEvent.objects.filter(event="dialog.subscribers_deleted").values_list(
                "data", flat=True
            )
        )
    assert (exists, done["subscribers"]) == (kept, 0 if kept else 1)
    assert audit == ([] if kept else [{"dialogue": dialogue.pk, "subscribers": 1}])
    assert "svarande" not in str(audit)


THREE_YEARS_AGO = date(2023, 12, 2)

# status, last day, closed at (local day), whether the free text is deleted
FREE_TEXT = [
    (CLOSED, None, THREE_YEARS_AGO - timedelta(days=1), True),
    (CLOSED, None, THREE_YEARS_AGO, True),
    (CLOSED, None, THREE_YEARS_AGO + timedelta(days=1), False),
    # Closed by hand before its last day: the three years count from the earlier day.
    (CLOSED, THREE_YEARS_AGO + timedelta(days=60), THREE_YEARS_AGO - timedelta(days=5), True),
    # Never closed by hand, but its last day passed more than three years ago.
    (OPEN, THREE_YEARS_AGO - timedelta(days=1), None, True),
    (OPEN, THREE_YEARS_AGO + timedelta(days=1), None, False),
    (OPEN, None, None, False),
]


@pytest.mark.parametrize("status, last_day, closed_on, deleted", FREE_TEXT)
def test_free_text_is_deleted_three_years_after_the_survey_closed_and_the_answer_kept(
    koping, status, last_day, closed_on, deleted
):
    closed_at = datetime.combine(closed_on, datetime.min.time(), STOCKHOLM) if closed_on else None
    with scopes_disabled():  # test setup
        survey, question = _survey(koping, status=status, closes_on=last_day, closed_at=closed_at)
        answer = _answered(survey, question, text="Mörkt vid torget.", reason="Dålig belysning")
    done = _run(koping)
    with scopes_disabled():
        answer.refresh_from_db()
        audited = AuditEvent.objects.filter(event="dialog.free_text_deleted").count()
    expected = (
        ("", "", False, 1, 1) if deleted else ("Mörkt vid torget.", "Dålig belysning", True, 0, 0)
    )
    assert (answer.text, answer.reason, answer.quotable, done["free_texts"], audited) == expected
    assert answer.choice == "3"


def test_the_daily_job_applies_the_rules_in_every_municipality_and_only_to_its_own_rows(
    koping, arboga
):
    with scopes_disabled():  # test setup in two municipalities
        closed_koping, _q = _survey(koping, status=CLOSED)
        open_arboga, _q = _survey(arboga, status=OPEN)
        closed_arboga, _q = _survey(arboga, status=CLOSED)
        for survey, code in ((closed_koping, "A"), (open_arboga, "B"), (closed_arboga, "C")):
            Invitation.objects.create(municipality=survey.municipality, survey=survey, code=code)
    assert purge_dialog_stores.call() == {
        "invitations": 2,
        "device_hashes": 0,
        "subscribers": 0,
        "free_texts": 0,
    }
    with scopes_disabled():
        assert list(Invitation.objects.values_list("code", flat=True)) == ["B"]
