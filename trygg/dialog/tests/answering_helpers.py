"""A published survey with one question of every kind, and the public form posted as a
browser without JavaScript would (for the answering and sample tests)."""

import re
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import make_area
from trygg.dialog.models import Dialogue, Invitation, Question, Section, Survey, SurveyVersion

SAFE = [
    {"value": "1", "label": "Mycket trygg", "label_en": "Very safe"},
    {"value": "2", "label": "Ganska trygg", "label_en": "Fairly safe"},
    {"value": "3", "label": "Ganska otrygg", "label_en": "Fairly unsafe"},
    {"value": "4", "label": "Mycket otrygg", "label_en": "Very unsafe"},
]


def make_places(municipality):
    """Köping's boundary (a square around the town) and two DeSO areas inside it."""
    boundary = make_area(
        municipality, "Köpings kommun", kind="kommungrans", lon=15.99, lat=59.51, d=0.1
    )
    north = make_area(municipality, "Norr", kind="deso", lon=15.99, lat=59.54, d=0.02)
    south = make_area(municipality, "Söder", kind="deso", lon=15.99, lat=59.48, d=0.02)
    with scopes_disabled():
        north.code, south.code = "1983C1010", "1983C1020"
        north.save(update_fields=["code"])
        south.save(update_fields=["code"])
    return boundary, north, south


def make_survey(municipality, *, mode=Survey.Mode.OPEN, title="Trygghet i Köping 2026", **fields):
    """A published survey: safety (required, Likert), why unsafe (only for 3 or 4), a place
    on the map with time and reason, free text, a number, sex and age band as strata."""
    with scopes_disabled():
        dialogue = Dialogue.objects.create(
            municipality=municipality,
            title="Trygghetsdialog 2026",
            question="Var känner sig invånarna otrygga?",
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )
        survey = Survey.objects.create(
            municipality=municipality,
            dialogue=dialogue,
            title=title,
            mode=mode,
            status=Survey.Status.PUBLICERAD,
            published_at=timezone.now(),
            **fields,
        )
        version = SurveyVersion.objects.create(
            municipality=municipality, survey=survey, number=1, published_at=timezone.now()
        )
        survey.current_version = version
        survey.save(update_fields=["current_version"])
        section = Section.objects.create(
            municipality=municipality, version=version, order=1, title="Din trygghet",
            title_en="Your safety",
        )  # fmt: skip

        def q(order, key, kind, text, **extra):
            return Question.objects.create(
                municipality=municipality, version=version, section=section, order=order,
                key=key, kind=kind, text=text, **extra,
            )  # fmt: skip

        safe = q(1, "trygg", "likert", "Hur trygg känner du dig ute på kvällen?", required=True,
                 text_en="How safe do you feel outside in the evening?", options=SAFE)  # fmt: skip
        q(2, "varfor", "text", "Vad gör att du känner dig otrygg?", max_length=200,
          condition_question=safe, condition_values=["3", "4"])  # fmt: skip
        q(3, "plats", "map", "Markera var du känner dig otrygg.", map_time_of_day=True,
          map_reason=True)  # fmt: skip
        q(4, "ovrigt", "text", "Något mer du vill säga?", max_length=500)
        q(5, "ar", "number", "Hur många år har du bott i kommunen?", min_value=0, max_value=120)
        sexes = [{"value": "kvinna", "label": "Kvinna"}, {"value": "man", "label": "Man"}]
        q(6, "kon", "single", "Kön", stratum="sex", options=sexes)
        ages = [{"value": "16-24", "label": "16–24 år"}, {"value": "25-44", "label": "25–44 år"}]
        q(7, "alder", "single", "Ålder", stratum="age_band", options=ages)
    return survey


def make_invitation(survey, code="K7M2QX9P", **strata):
    with scopes_disabled():
        return Invitation.objects.create(
            municipality=survey.municipality, survey=survey, code=code, **strata
        )


def survey_url(survey) -> str:
    return reverse("public:survey", args=[survey.token])


def page_values(html: str) -> dict:
    """The hidden fields of the survey form in `html` (version, steg, kod …)."""
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: value for name, value in found if not name.startswith("q-")}


def answers(**overrides) -> dict:
    """A complete answer in POST field names; `overrides` with `__` for `-` (q__plats__area)."""
    data = {"q-trygg": "3", "q-varfor": "Mörkt vid stationen", "q-ovrigt": "", "q-ar": "12",
            "q-kon": "kvinna", "q-alder": "25-44", "q-plats-lat": "59.541", "q-plats-lon": "15.991",
            "q-plats-time": "kvall", "q-plats-reason": "Dålig belysning"}  # fmt: skip
    data.update({k.replace("__", "-"): v for k, v in overrides.items()})
    return {k: v for k, v in data.items() if v is not None}


def post_answers(client, survey, *, altcha=True, extra_get="", **overrides):
    """GETs the page as a browser would (cookie, hidden fields), then POSTs the answers."""
    from tests.helpers import altcha_solution

    page = client.get(survey_url(survey) + extra_get).content.decode()
    data = {**page_values(page), **answers(**overrides)}
    if altcha and "altcha-challenge" in page:
        data["altcha"] = altcha_solution(page)
    return client.post(survey_url(survey), data)
