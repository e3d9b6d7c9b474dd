"""Small builders for the results tests: a town of two districts with DeSOs, a survey of one
mode with its questions, and respondents with answers made in bulk."""

import datetime

from django_scopes import scopes_disabled

from tests.helpers import square
from trygg.dialog.models import (
    Answer,
    Dialogue,
    PopulationStratum,
    Question,
    Response,
    Survey,
    SurveyVersion,
)
from trygg.geo.models import Area

# District → its DeSOs (lon of the district's centre, then offsets of the DeSOs in it).
TOWN = {"Norr": (15.90, ["1983C1010", "1983C1020"]), "Söder": (16.10, ["1983C1030"])}
SAFETY = [
    {"value": "1", "label": "Mycket trygg"},
    {"value": "2", "label": "Ganska trygg"},
    {"value": "3", "label": "Otrygg"},
]


def _area(municipality, name, kind, lon, lat, d, code=""):
    return Area.objects.create(
        municipality=municipality, name=name, kind=kind, code=code,
        geometry=square(lon, lat, d), min_lon=lon - d, min_lat=lat - d,
        max_lon=lon + d, max_lat=lat + d,
    )  # fmt: skip


def make_town(municipality):
    with scopes_disabled():
        _area(municipality, "Köpings kommun", Area.Kind.KOMMUNGRANS, 16.0, 59.5, 0.3)
        for district, (lon, desos) in TOWN.items():
            _area(municipality, district, Area.Kind.STADSDEL, lon, 59.5, 0.08)
            for i, code in enumerate(desos):
                _area(municipality, f"{district} {i + 1}", Area.Kind.DESO,
                      lon - 0.04 + 0.06 * i, 59.5, 0.02, code)  # fmt: skip


def make_survey(municipality, *, mode=Survey.Mode.SAMPLED, previous=None, kinds=("single",)):
    """A published survey with one question per kind (keys q0, q1, …)."""
    with scopes_disabled():
        dialogue = Dialogue.objects.create(
            municipality=municipality, title="Trygghet 2026", question="Hur trygg?",
            decided_by="BRÅ", starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31), feedback_plan="Ni sa – vi gör",
        )  # fmt: skip
        survey = Survey.objects.create(
            municipality=municipality, dialogue=dialogue, title="Trygghetsenkät",
            mode=mode, status=Survey.Status.STANGD, previous_round=previous,
        )  # fmt: skip
        version = SurveyVersion.objects.create(
            municipality=municipality, survey=survey, number=1,
            published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        )  # fmt: skip
        survey.current_version = version
        survey.save(update_fields=["current_version"])
        for i, kind in enumerate(kinds):
            Question.objects.create(
                municipality=municipality, version=version, order=i, key=f"q{i}", kind=kind,
                text=f"Fråga {i}: hur trygg känner du dig?",
                options=SAFETY if kind in ("single", "likert", "multiple") else [],
            )  # fmt: skip
    return survey


def add_answers(survey, rows):
    """`rows`: (deso, sex, age band, {question key: value}) per respondent; a map value is
    (lat, lon, h3_8)."""
    with scopes_disabled():
        questions = {q.key: q for q in Question.objects.filter(version=survey.current_version)}
        responses = Response.objects.bulk_create(
            [
                Response(
                    municipality=survey.municipality, survey=survey,
                    version=survey.current_version, mode=survey.mode,
                    submitted_on=datetime.date(2026, 3, 2), deso_code=deso, sex=sex,
                    age_band=age,
                )
                for deso, sex, age, _ in rows
            ]
        )  # fmt: skip
        answers = []
        for response, (*_, values) in zip(responses, rows, strict=True):
            for key, value in values.items():
                q = questions[key]
                a = Answer(municipality=survey.municipality, response=response, question=q)
                if q.kind == "multiple":
                    a.choices = list(value)
                elif q.kind == "map":
                    a.lat, a.lon, a.h3_8 = value
                else:
                    a.choice = value
                answers.append(a)
        Answer.objects.bulk_create(answers, batch_size=2000)


def add_population(cells: dict, year=2019):
    PopulationStratum.objects.bulk_create(
        [
            PopulationStratum(deso_code=d, year=year, sex=s, age_band=a, population=n,
                              source="test")
            for (d, s, a), n in cells.items()
        ]
    )  # fmt: skip
