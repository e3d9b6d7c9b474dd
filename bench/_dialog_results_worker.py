"""Run by bench_dialog_results in its own process, on the database TRYGG_DATABASE_URL names:
a sampled survey of Köping (its real 16 DeSOs and 9 RegSOs, SCB's 2019 population) with
N answers per question × Q questions, its results per DeSO with suppression and weights, and
the same GROUP BY on a bare cursor. Prints one JSON line."""

import json
import os
import random
import sys
import time
from datetime import UTC, date, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trygg.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402

from trygg.core.models import Municipality, Role  # noqa: E402
from trygg.core.viewer import Viewer, operator_viewer  # noqa: E402
from trygg.dialog.models import (  # noqa: E402
    Dialogue,
    Question,
    Response,
    Survey,
    SurveyVersion,
)
from trygg.dialog.selectors import results as results_selectors  # noqa: E402
from trygg.dialog.services.population import population_import  # noqa: E402
from trygg.geo.models import Area  # noqa: E402
from trygg.geo.services import areas_import  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "..", "trygg", "demo", "data")
OPTIONS = [{"value": str(i), "label": f"Alternativ {i}"} for i in range(1, 6)]
BARE = """
SELECT q.key, a.choice, r.deso_code, r.sex, r.age_band, COUNT(*)
FROM dialog_answer a
JOIN dialog_response r ON r.id = a.response_id
JOIN dialog_question q ON q.id = a.question_id
WHERE a.municipality_id = %s AND r.survey_id = %s AND r.mode = %s
GROUP BY q.key, a.choice, r.deso_code, r.sex, r.age_band
"""


def _setup(n: int, questions: int):
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        m = Municipality.objects.create(
            name="Köping", kommunkod="1983", county_code="19", slug="koping", population=26214
        )
    with scope(municipality=m):
        for filename, kind, name, code in (
            ("koping-regso.geojson", "stadsdel", "regso", "regsokod"),
            ("koping-deso.geojson", "deso", "deso", "deso"),
        ):
            with open(os.path.join(DATA, filename), "rb") as f:
                areas_import(
                    viewer=operator_viewer(m), raw=f.read(), kind=kind, name_property=name,
                    code_property=code,
                )  # fmt: skip
        with open(os.path.join(DATA, "scb-folkmangd-deso-kon-koping-2019.csv"), "rb") as f:
            population_import(
                viewer=Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE})),
                raw=f.read(),
                source="SCB 2019",
            )
        desos = list(
            Area.objects.filter(municipality=m, kind="deso").values_list("code", flat=True)
        )
        d = Dialogue.objects.create(
            municipality=m, title="Bench", question="?", decided_by="BRÅ",
            starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), feedback_plan="-",
        )  # fmt: skip
        s = Survey.objects.create(
            municipality=m, dialogue=d, title="Trygghetsmätning", mode=Survey.Mode.SAMPLED
        )
        v = SurveyVersion.objects.create(
            municipality=m, survey=s, number=1, published_at=datetime(2026, 3, 1, tzinfo=UTC)
        )
        s.current_version = v
        s.save(update_fields=["current_version"])
        qs = Question.objects.bulk_create(
            [
                Question(municipality=m, version=v, order=i, key=f"f{i}", kind="single",
                         text=f"Fråga {i}", options=OPTIONS)
                for i in range(questions)
            ]
        )  # fmt: skip
        rng = random.Random(17)
        ages = ["16-24", "25-44", "45-64", "65-"]
        responses = Response.objects.bulk_create(
            [
                Response(
                    municipality=m, survey=s, version=v, mode=s.mode,
                    submitted_on=date(2026, 3, 2), deso_code=rng.choice(desos),
                    sex=rng.choice(["kvinna", "man"]), age_band=rng.choice(ages),
                )
                for _ in range(n)
            ],
            batch_size=5000,
        )  # fmt: skip
        t0 = time.perf_counter()
        # Straight INSERTs in one transaction: the ORM's bulk_create of 600,000 objects would
        # make the load, not the reads, the slow part of the run.
        p = "%s"
        sql = (
            "INSERT INTO dialog_answer (municipality_id, response_id, question_id, choice, text,"
            f" time_of_day, reason, quotable) VALUES ({p}, {p}, {p}, {p}, '', '', '', {p})"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            for q in qs:
                cursor.executemany(
                    sql,
                    [
                        (m.pk, r.pk, q.pk, str(min(5, 1 + int(rng.expovariate(0.8)))), False)
                        for r in responses
                    ],
                )
        loaded = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return m, s, loaded


def main(n: int, questions: int) -> None:
    m, survey, loaded = _setup(n, questions)
    viewer = Viewer(municipality=m, roles=frozenset({Role.SAMORDNARE}))
    app, bare, hidden = [], [], 0
    with scope(municipality=m):
        results_selectors.survey_results(viewer=viewer, survey=survey, breakdown="deso")  # warm
        for _ in range(3):
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(BARE, [m.pk, survey.pk, survey.mode])
                rows = cursor.fetchall()
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            result = results_selectors.survey_results(
                viewer=viewer, survey=survey, breakdown="deso"
            )
            app.append(time.perf_counter() - t0)
        hidden = sum(c.hidden for q in result.questions for r in q.rows for c in r.cells)
        shown = sum(not c.hidden for q in result.questions for r in q.rows for c in r.cells)
    print(json.dumps({
        "vendor": connection.vendor, "answers": n * questions, "loaded": loaded,
        "app": sorted(app)[1], "bare": sorted(bare)[1], "groups": len(rows),
        "hidden": hidden, "shown": shown,
    }))  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
