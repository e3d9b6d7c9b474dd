"""Small makers for the welfare tests, written through the services as the pages do."""

from datetime import date

from django_scopes import scope

from tests.helpers import viewer_for

from ..services.analyses import analysis_create
from ..services.cases import case_create
from ..services.controls import control_create, control_run


def valfard_viewer(user, municipality):
    return viewer_for(user, municipality)


def make_analysis(viewer, regelverk="ekonomiskt_bistand", reviewed_on=date(2026, 1, 15)):
    with scope(municipality=viewer.municipality):
        return analysis_create(
            viewer=viewer,
            regelverk=regelverk,
            owner="Enhetschef försörjningsstöd",
            reviewed_on=reviewed_on,
            scope="Utbetalningar av försörjningsstöd",
        )


def make_control(viewer, starts_on=date(2026, 1, 1), frequency=31, name="Tillståndskontroll"):
    with scope(municipality=viewer.municipality):
        return control_create(
            viewer=viewer,
            name=name,
            regelverk="hemtjanst_lov",
            performer="Controller, socialförvaltningen",
            frequency=frequency,
            starts_on=starts_on,
        )


def make_run(viewer, control, run_on, result="utan_avvikelse", deviations=""):
    with scope(municipality=viewer.municipality):
        return control_run(
            viewer=viewer, control=control, run_on=run_on, result=result, deviations=deviations
        )


def make_case(viewer, **values):
    values = {
        "regelverk": "assistans",
        "kind": "ej_utford",
        "detection": "kontroll",
        "detected_on": date(2026, 3, 2),
        "amount_paid": 100_000,
        "amount_reclaimed": 40_000,
        **values,
    }
    with scope(municipality=viewer.municipality):
        return case_create(viewer=viewer, **values)
