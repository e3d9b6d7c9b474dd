"""Who answers the demo's surveys, and what they answer: a seeded model, not data.

Each respondent gets a latent unease (higher for women, the oldest and young women; in the
RegSO areas where the demo's reports cluster) from which the Likert answers follow, so the
figures have the patterns real safety surveys show without copying any survey's figures. The
open surveys' respondents are self-selected (more women, more aged 45 and over, more from the
centre); the sampled survey's are drawn in proportion to SCB's population per DeSO and sex,
then answer more often when older or women. Everything is written with bulk_create."""

import csv
import math
from datetime import timedelta
from pathlib import Path

from trygg.dialog.models import Answer, PopulationStratum, Response, Survey
from trygg.dialog.models.answers import AgeBand, Sex
from trygg.geo.h3cells import cells_for_point
from trygg.geo.models import Area
from trygg.geo.selectors import area_index, deso_districts
from trygg.reports.models import Category

from ..reports import HOTSPOTS
from . import questions as q
from .texts import FREE_TEXTS, MAP_REASONS

DATA = Path(__file__).resolve().parents[1] / "data"
POPULATION_FILE = DATA / "scb-folkmangd-deso-kon-koping-2019.csv"
POPULATION_SOURCE = "SCB, folkmängd per DeSO efter kön 2019 (BE0101Y/FolkmDesoBakgrKon)"
AGES = [a.value for a in AgeBand]
# Assumed shares of the age bands among residents 16 and older (no age file is in the demo:
# used only to draw the sample's ages, never stored as population).
AGE_SHARES = [0.13, 0.30, 0.31, 0.26]
# A self-selected sample: who answers an open link.
OPEN_SEX = [("kvinna", 0.60), ("man", 0.36), ("annat", 0.04)]
OPEN_AGE = [0.07, 0.24, 0.37, 0.32]
# Posters at Stora Torget and the library draw the centre's residents.
OPEN_DISTRICT_BIAS = {"Köping centrala": 2.5, "Kolsva": 0.7}
UNEASY_DISTRICTS = ("Nibblesbacke", "Köping nordväst")
# The sampled survey's response propensity by age band and sex.
PROPENSITY_AGE = {"16-24": 0.18, "25-44": 0.27, "45-64": 0.38, "65-": 0.50}
PROPENSITY_SEX = {"kvinna": 1.15, "man": 0.85}
# Where map points cluster: reports.py's hot spots, weighted for unease rather than damage.
MAP_WEIGHTS = {
    "Stora Torget": 6,
    "Resecentrum": 7,
    "Karlbergsskolan": 2,
    "Nibblesbacke centrum": 3,
    "Östanås": 1,
    "Hamnen": 2,
    "Kolsva centrum": 1.5,
}


def population_load() -> int:
    """SCB's population per DeSO and sex (and the DeSO's total) for Köping, once; returns
    how many rows were added. Public statistics shared by every municipality."""
    totals: dict[tuple[str, str], int] = {}
    with POPULATION_FILE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sex = Sex.KVINNA if row["kon"] == "Kvinnor" else Sex.MAN
            for key in ((row["deso"], sex), (row["deso"], "")):
                totals[key] = totals.get(key, 0) + int(row["folkmangd"])
    year = 2019
    have = set(
        PopulationStratum.objects.filter(year=year, age_band="").values_list("deso_code", "sex")
    )
    rows = [
        PopulationStratum(
            deso_code=deso, year=year, sex=sex, population=n, source=POPULATION_SOURCE
        )
        for (deso, sex), n in sorted(totals.items())
        if (deso, sex) not in have
    ]
    PopulationStratum.objects.bulk_create(rows)
    return len(rows)


def _population() -> dict[tuple[str, str], int]:
    return {
        (deso, sex): n
        for deso, sex, n in PopulationStratum.objects.filter(
            year=2019, age_band="", deso_code__startswith="1983"
        )
        .exclude(sex="")
        .values_list("deso_code", "sex", "population")
    }


def map_places() -> list[tuple[str, float, float, float, float]]:
    """(reason key, lat, lon, spread in metres, weight) of every place map points gather at."""
    places = [
        (name, lat, lon, spread * 0.8, MAP_WEIGHTS[name]) for name, lat, lon, spread, _ in HOTSPOTS
    ]
    with (DATA / "vardcentraler-koping.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            places.append(("vårdcentral", float(row["lat"]), float(row["lon"]), 60, 0.4))
    # Munktorp's point among the basemap's tätorter (basemap/orter.geojson).
    places.append(("Munktorp", 59.53341, 16.13675, 250, 0.5))
    return places


class Respondents:
    def __init__(self, municipality, rng):
        self.municipality = municipality
        self.rng = rng
        self.index = area_index(municipality)
        self.district_of = {
            code: d for code, (_n, d) in deso_districts(municipality=municipality).items()
        }
        self.deso_ids = dict(
            Area.objects.filter(municipality=municipality, kind=Area.Kind.DESO).values_list(
                "pk", "code"
            )
        )
        self.categories = {c.code: c.pk for c in Category.objects.filter(municipality=municipality)}
        self.population = _population()
        self.places = map_places()

    # Who answers -------------------------------------------------------------------------

    def _open_person(self):
        rng = self.rng
        sex = rng.choices([s for s, _ in OPEN_SEX], weights=[w for _, w in OPEN_SEX])[0]
        age = rng.choices(AGES, weights=OPEN_AGE)[0]
        desos = sorted({d for d, _ in self.population})
        weights = [
            sum(self.population.get((d, s), 0) for s in ("kvinna", "man"))
            * OPEN_DISTRICT_BIAS.get(self.district_of.get(d, ""), 1.0)
            for d in desos
        ]
        deso = "utanfor" if rng.random() < 0.03 else rng.choices(desos, weights=weights)[0]
        return sex, age, deso

    def _unease(self, sex, age, deso) -> float:
        rng = self.rng
        u = rng.gauss(0, 1)
        u += 0.45 if sex == "kvinna" else 0.0
        u += 0.3 if age == "65-" else 0.0
        u += 0.25 if age == "16-24" and sex == "kvinna" else 0.0
        u -= 0.2 if age == "16-24" and sex == "man" else 0.0
        return u

    # What they answer --------------------------------------------------------------------

    def _likert(self, value: float) -> str:
        if self.rng.random() < 0.03:
            return "0"
        v = value + self.rng.gauss(0, 0.6)
        return "1" if v < -0.9 else "2" if v < 0.1 else "3" if v < 1.0 else "4"

    def _pick(self, pairs) -> str:
        return self.rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]

    def _answers(self, keys, sex, age, deso, u, round_effect) -> dict[str, dict]:
        """The answers of one respondent, by question key, as Answer fields."""
        rng = self.rng
        district = self.district_of.get(deso, "")
        out: dict[str, dict] = {}
        likert = {
            "trygg_dag": u - 1.7,
            "trygg_kvall": u + 0.3 + round_effect,
            "trygg_torget": u + 0.75 + 1.5 * round_effect,
            "trygg_omrade": u - 0.6 + (0.5 if district in UNEASY_DISTRICTS else 0.0),
        }
        for key, value in likert.items():
            out[key] = {"choice": self._likert(value)}
        out["jamfort"] = {
            "choice": self._pick(
                [("tryggare", 0.12 - round_effect / 2), ("lika", 0.55), ("otryggare", 0.25)]
            )
        }
        v = u + rng.gauss(0, 0.7)
        out["avstar"] = {"choice": "ofta" if v > 1.2 else "ibland" if v > 0.2 else "nej"}
        if out["avstar"]["choice"] != "nej":
            shares = {
                "torget": 0.5,
                "resecentrum": 0.55,
                "tunnlar": 0.4,
                "parker": 0.3,
                "hamnen": 0.2,
                "hemma": 0.15 + (0.3 if district in UNEASY_DISTRICTS else 0),
                "annat": 0.05,
            }
            picked = [k for k, p in shares.items() if rng.random() < p] or ["resecentrum"]
            out["avstar_var"] = {"choices": picked}
        if u < -0.8 and rng.random() < 0.6:
            reasons = ["inget"]
        else:
            shares = {
                "belysning": 0.4,
                "unga": 0.35,
                "berusade": 0.3,
                "mopeder": 0.2 + (0.2 if age == "65-" else 0),
                "klotter": 0.2,
                "folktomt": 0.3,
                "upplevelse": 0.08,
                "media": 0.15,
            }
            reasons = [k for k, p in shares.items() if rng.random() < p] or ["folktomt"]
        out["orsak"] = {"choices": reasons}
        out["atgard"] = {
            "choice": self._pick(
                [
                    ("belysning", 3),
                    ("vuxna", 3),
                    ("polis", 3),
                    ("sanering", 1),
                    ("unga", 4 if age == "16-24" else 2),
                    ("annat", 0.5),
                ]
            )
        }
        out["polis"] = {
            "choice": self._pick(
                [
                    ("vecka", 0.15 - round_effect / 3),
                    ("manad", 0.35),
                    ("sallan", 0.4),
                    ("aldrig", 0.1),
                ]
            )
        }
        mean = 2.8 if age == "16-24" else 1.4
        out["kvallar"] = {"number": float(min(7, max(0, round(rng.gauss(mean, 1.3)))))}
        out["utsatt"] = {"choice": self._pick([("ja", 0.12), ("nej", 0.83), ("vill_ej", 0.05)])}
        out["grannar"] = {"choice": self._pick([("1", 0.3), ("2", 0.45), ("3", 0.17), ("4", 0.08)])}
        if rng.random() < 0.25:
            text, themes = rng.choice(FREE_TEXTS)
            coded = themes if rng.random() < 0.8 else []
            out["fritext"] = {
                "text": text,
                "themes": coded,
                "quotable": bool(coded) and rng.random() < 0.5,
            }
        if rng.random() < 0.55:
            out["karta"] = self._map_answer()
        required = {"avstar"}
        return {
            k: v
            for k, v in out.items()
            if (keys is None or k in keys) and (k in required or rng.random() > 0.06)
        }

    def _map_answer(self) -> dict:
        rng = self.rng
        name, lat, lon, spread, _ = rng.choices(self.places, weights=[p[4] for p in self.places])[0]
        plat, plon = lat, lon
        for _ in range(20):
            r = abs(rng.gauss(0, spread))
            a = rng.uniform(0, 2 * math.pi)
            tlat = lat + r * math.cos(a) / 111_320
            tlon = lon + r * math.sin(a) / (111_320 * math.cos(math.radians(lat)))
            if self.index.inside_municipality(tlat, tlon):
                plat, plon = tlat, tlon
                break
        answer = {"lat": plat, "lon": plon}
        if rng.random() < 0.9:
            answer["time_of_day"] = self._pick([("dag", 0.15), ("kvall", 0.5), ("natt", 0.35)])
        if rng.random() < 0.75:
            answer["reason"] = rng.choice(MAP_REASONS[name])
        if rng.random() < 0.1:
            # The map's alternative: the area, chosen from the list, and no point.
            answer["area_only"] = True
        return answer

    # Writing -----------------------------------------------------------------------------

    def open_answers(
        self, survey: Survey, n: int, channels, *, round_effect: float, still_open: bool, until=None
    ) -> int:
        """n self-selected responses between the survey's opening and closing (or `until`)."""
        rng = self.rng
        last = until or survey.closes_on
        days = max(1, (last - survey.opens_on).days + 1)
        hashes: list[str] = []
        people = []
        for _ in range(n):
            sex, age, deso = self._open_person()
            repeated = still_open and hashes and rng.random() < 0.015
            device = rng.choice(hashes) if repeated else f"{rng.getrandbits(256):064x}"
            hashes.append(device)
            response = Response(
                municipality=self.municipality,
                survey=survey,
                version_id=survey.current_version_id,
                mode=survey.mode,
                channel=rng.choices([c for c, _ in channels], weights=[w for _, w in channels])[0],
                language=self._pick([("sv", 0.92), ("en", 0.05), ("easy", 0.03)]),
                submitted_on=survey.opens_on
                + timedelta(days=min(days - 1, int(rng.expovariate(1 / (days / 3))))),
                deso_code="" if deso == "utanfor" else deso,
                sex="" if sex == "annat" else sex,
                age_band=age,
                # Cleared once a survey closes (services/retention.py); kept while open.
                device_hash=device if still_open else "",
                looks_repeated=bool(repeated),
            )
            answers = {"kon": {"choice": sex}, "alder": {"choice": age}, "bostad": {"choice": deso}}
            answers |= self._answers(
                None, sex, age, deso, self._unease(sex, age, deso), round_effect
            )
            people.append((response, answers))
        return self._write(survey, people)

    def sampled_answers(self, survey: Survey, size: int) -> int:
        """A sample of `size` drawn by DeSO and sex; those who answer carry the sample's
        strata. No invitation is kept: the sample list is deleted when the survey closes."""
        rng = self.rng
        strata = sorted(self.population)
        weights = [self.population[s] for s in strata]
        days = (survey.closes_on - survey.opens_on).days
        people = []
        for deso, sex in rng.choices(strata, weights=weights, k=size):
            age = rng.choices(AGES, weights=AGE_SHARES)[0]
            if rng.random() > PROPENSITY_AGE[age] * PROPENSITY_SEX[sex]:
                continue
            response = Response(
                municipality=self.municipality,
                survey=survey,
                version_id=survey.current_version_id,
                mode=survey.mode,
                language="sv",
                submitted_on=survey.opens_on
                + timedelta(days=min(days, int(rng.expovariate(1 / 6)))),
                deso_code=deso,
                sex=sex,
                age_band=age,
            )
            answers = self._answers(
                set(q.SAMPLED_KEYS), sex, age, deso, self._unease(sex, age, deso) - 0.1, -0.1
            )
            people.append((response, answers))
        return self._write(survey, people)

    def _write(self, survey: Survey, people) -> int:
        Response.objects.bulk_create([r for r, _ in people], batch_size=500)
        questions = {qq.key: qq for qq in survey.current_version.questions.all()}
        answers = []
        themes = []
        points = []
        for response, fields in people:
            for key, values in fields.items():
                if key not in questions:
                    continue
                values = dict(values)
                coded = values.pop("themes", [])
                area_only = values.pop("area_only", False)
                answer = Answer(
                    municipality=self.municipality,
                    response=response,
                    question=questions[key],
                    **values,
                )
                if "lat" in values:
                    points.append((answer, area_only))
                answers.append((answer, coded))
        if points:
            ids = self.index.area_ids_for_points(
                [a.lat for a, _ in points], [a.lon for a, _ in points]
            )
            for (answer, area_only), area_ids in zip(points, ids, strict=True):
                answer.area_id = next((i for i in area_ids if i in self.deso_ids), None)
                if area_only:
                    answer.lat = answer.lon = None
                else:
                    cells = cells_for_point(answer.lat, answer.lon)
                    answer.h3_8, answer.h3_9 = cells[8], cells[9]
        Answer.objects.bulk_create([a for a, _ in answers], batch_size=1000)
        through = Answer.themes.through
        for answer, coded in answers:
            themes += [through(answer_id=answer.pk, category_id=self.categories[c]) for c in coded]
        through.objects.bulk_create(themes, batch_size=1000)
        return len(people)
