"""Answering a survey (issue 17 item 3) as logged-out visitors do, in chromium on the
foundation demo (Köping's real boundary and DeSO areas): on a phone from the public start
page, with the map's alternative (a named area), and then not again; on a phone with
JavaScript off; and a sampled survey with the code from the letter. Every page visited passes
axe-core (WCAG 2.0/2.1 A and AA) with no violations."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.conftest import follow, submit, visit
from trygg.core.models import Municipality
from trygg.dialog.models import Answer, Invitation, Response, ResultSubscriber, Survey
from trygg.dialog.tests.answering_helpers import make_invitation, make_survey

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def koping():
    with scopes_disabled():
        return Municipality.objects.get(kommunkod="1983")


def main(page):
    return page.locator("main")


def pick_first_area(page):
    """Chooses the first named area of the map question's list; returns its label."""
    area = page.get_by_label("Välj ett område")
    label = area.locator("option").nth(1).inner_text()
    area.select_option(label=label)
    return label


def stored_answers():
    with scopes_disabled():
        return list(Response.objects.all()), list(Answer.objects.select_related("question", "area"))


def test_a_visitor_on_a_phone_answers_with_an_area_instead_of_the_map_and_not_twice(
    new_context, foundation_demo
):
    survey = make_survey(koping())
    phone = new_context(**PHONE).new_page()
    visit(phone, "/kommun/koping/")
    follow(phone, main(phone).get_by_role("link", name=survey.title))
    expect(phone.get_by_role("heading", level=1)).to_have_text(survey.title)
    # The follow-up question waits for an answer that calls for it.
    why = phone.get_by_role("group", name="Vad gör att du känner dig otrygg?")
    expect(why).to_be_hidden()
    phone.get_by_label("Ganska otrygg").check()
    expect(why).to_be_visible()
    why.get_by_role("textbox").fill("Mörkt vid stationen, ring 070-123 45 67")
    expect(phone.locator("[data-survey-map]")).to_be_visible()
    area = pick_first_area(phone)
    phone.get_by_label("När på dygnet? (frivilligt)").select_option(label="Kväll (17–22)")
    phone.get_by_label("Varför känns platsen otrygg? (frivilligt)").fill("Ingen belysning")
    phone.get_by_label("Kvinna").check()
    submit(phone, main(phone).get_by_role("button", name="Skicka svaren"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tack för dina svar!")

    phone.get_by_label("Din e-post (frivilligt)").fill("anna@example.se")
    submit(phone, main(phone).get_by_role("button", name="Meddela mig"))
    expect(main(phone).get_by_role("status")).to_contain_text("Vi skickar ett mejl")

    responses, answers = stored_answers()
    assert [(r.sex, r.looks_repeated) for r in responses] == [("kvinna", False)]
    by_key = {a.question.key: a for a in answers}
    assert by_key["varfor"].text == "Mörkt vid stationen, ring [telefonnummer borttaget]"
    assert by_key["plats"].area.name in area
    assert (by_key["plats"].time_of_day, by_key["plats"].reason) == ("kvall", "Ingen belysning")
    with scopes_disabled():
        assert ResultSubscriber.objects.get().email == "anna@example.se"

    # The same phone cannot simply answer again.
    visit(phone, f"/enkat/{survey.token}/")
    expect(main(phone)).to_contain_text("Du har redan svarat på enkäten från den här enheten")
    expect(main(phone).get_by_role("button", name="Skicka svaren")).to_have_count(0)


def test_a_visitor_without_javascript_answers_the_whole_form(new_context, foundation_demo):
    survey = make_survey(koping())
    phone = new_context(java_script_enabled=False, **PHONE).new_page()
    visit(phone, f"/enkat/{survey.token}/")
    # Without scripts every question shows, the conditional one with its condition in words.
    expect(main(phone)).to_contain_text(
        "Svara bara om du svarade ”Ganska otrygg” eller ”Mycket otrygg” på fråga 1."
    )
    expect(phone.locator("[data-survey-map]")).to_be_hidden()
    submit(phone, main(phone).get_by_role("button", name="Skicka svaren"), expect_status=400)
    expect(phone.locator(".error-summary")).to_contain_text("Fråga 1: Svara på frågan.")
    phone.get_by_label("Mycket trygg").check()
    phone.get_by_label("Vad gör att du känner dig otrygg?").fill("Ska inte sparas")
    pick_first_area(phone)
    phone.get_by_label("Hur många år har du bott i kommunen?").fill("7")
    submit(phone, main(phone).get_by_role("button", name="Skicka svaren"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tack för dina svar!")
    (response,), answers = stored_answers()
    assert sorted(a.question.key for a in answers) == ["ar", "plats", "trygg"]


def test_a_sampled_survey_is_answered_with_the_code_from_the_letter(new_context, foundation_demo):
    survey = make_survey(koping(), mode=Survey.Mode.SAMPLED, title="Trygghetsundersökning 2026")
    invitation = make_invitation(survey, deso_code="1983C1010", sex="man", age_band="45-64")
    phone = new_context(**PHONE).new_page()
    visit(phone, "/kommun/koping/")
    follow(phone, main(phone).get_by_role("link", name=survey.title))
    phone.get_by_label("Din kod").fill("K7M2-QX9X")
    submit(phone, main(phone).get_by_role("button", name="Fortsätt"), expect_status=400)
    expect(phone.locator(".error-summary")).to_contain_text("Koden finns inte")
    phone.get_by_label("Din kod").fill("k7m2-qx9p")
    submit(phone, main(phone).get_by_role("button", name="Fortsätt"))
    phone.get_by_label("Ganska trygg").check()
    submit(phone, main(phone).get_by_role("button", name="Skicka svaren"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tack för dina svar!")
    with scopes_disabled():
        response = Response.objects.get()
        assert (response.deso_code, response.sex, response.age_band) == (
            "1983C1010",
            "man",
            "45-64",
        )
        assert Invitation.objects.get(pk=invitation.pk).used_at is not None
