"""The dialog models in the Django admin: every one listed for a superuser across tenants;
citizens' answers, the sample and the subscribers' e-mails read-only and without their keys;
a published version's questions frozen."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

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

MODELS = [
    "dialogue",
    "survey",
    "surveyversion",
    "section",
    "question",
    "bankitem",
    "channel",
    "session",
    "sessionnote",
    "response",
    "answer",
    "invitation",
    "resultsubscriber",
    "populationstratum",
]
READ_ONLY = {"response", "answer", "invitation", "resultsubscriber"}


@pytest.fixture
def root(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(user)
    return user


@pytest.fixture
def answered(koping, arboga):
    """A published survey in each municipality with one answer, an invitation and a
    subscriber."""
    made = {}
    with scopes_disabled():  # test setup in two municipalities
        for municipality in (koping, arboga):
            dialogue = Dialogue.objects.create(
                municipality=municipality,
                title=f"Trygghet i {municipality.name}",
                question="Var känner ni er otrygga?",
                decided_by="BRÅ",
                starts_on=date(2026, 1, 1),
                ends_on=date(2026, 12, 31),
                feedback_plan="På webbplatsen.",
            )
            survey = Survey.objects.create(
                municipality=municipality,
                dialogue=dialogue,
                title=f"Enkät i {municipality.name}",
                mode=Survey.Mode.SAMPLED,
                status=Survey.Status.PUBLICERAD,
            )
            version = SurveyVersion.objects.create(
                municipality=municipality, survey=survey, number=1
            )
            question = Question.objects.create(
                municipality=municipality, version=version, key="trygg", kind="likert", text="?"
            )
            response = Response.objects.create(
                municipality=municipality,
                survey=survey,
                version=version,
                mode=survey.mode,
                submitted_on=date(2026, 3, 1),
                device_hash="cd" * 32,
            )
            Answer.objects.create(
                municipality=municipality, response=response, question=question, choice="2"
            )
            Invitation.objects.create(
                municipality=municipality, survey=survey, code="K7Q2M4XW", reference="rad-17"
            )
            ResultSubscriber.objects.create(
                municipality=municipality, dialogue=dialogue, email="svar@example.org"
            )
            made[municipality.slug] = (survey, version, question, response)
    return made


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_lists_every_dialog_model_and_adds_where_staff_may(
    client, root, answered, model
):
    assert client.get(reverse(f"admin:dialog_{model}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:dialog_{model}_add")).status_code
    assert add == (403 if model in READ_ONLY else 200)


def test_answers_sample_and_subscribers_are_read_only_and_never_show_their_keys(
    client, root, answered
):
    survey, _version, _question, response = answered["koping"]
    with scopes_disabled():
        invitation = Invitation.objects.get(survey=survey)
        answer = Answer.objects.get(response=response)
        subscriber = ResultSubscriber.objects.get(dialogue=survey.dialogue)
    for model, obj in (
        ("response", response),
        ("answer", answer),
        ("invitation", invitation),
        ("resultsubscriber", subscriber),
    ):
        assert client.get(reverse(f"admin:dialog_{model}_add")).status_code == 403
        change = reverse(f"admin:dialog_{model}_change", args=[obj.pk])
        page = client.get(change).content.decode()
        assert 'name="_save"' not in page, model
        assert client.post(change, {}).status_code == 403, model
        delete = reverse(f"admin:dialog_{model}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, model
        for secret in ("K7Q2M4XW", "rad-17", "svar@example.org", "cd" * 32):
            assert secret not in page, (model, secret)
    listing = client.get(reverse("admin:dialog_invitation_changelist")).content.decode()
    assert "K7Q2M4XW" not in listing


def test_a_published_versions_questions_cannot_be_changed_in_the_admin(client, root, answered):
    _survey, version, question, _response = answered["koping"]
    change = reverse("admin:dialog_question_change", args=[question.pk])
    assert 'name="_save"' in client.get(change).content.decode()
    with scopes_disabled():
        SurveyVersion.objects.filter(pk=version.pk).update(published_at=version.created_at)
    assert 'name="_save"' not in client.get(change).content.decode()
    assert client.post(change, {"text": "Ändrad"}).status_code == 403
    with scopes_disabled():
        question.refresh_from_db()
    assert question.text == "?"


def test_the_survey_list_shows_every_municipalitys_surveys_to_a_superuser(client, root, answered):
    page = client.get(reverse("admin:dialog_survey_changelist")).content.decode()
    assert ("Enkät i Köping" in page, "Enkät i Arboga" in page) == (True, True)
