"""The weighting population: SCB's FolkmDesoBakgrKon per DeSO and sex (summed over
background, Totalt never added) and the municipality's age bands; a bad line refuses all."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from trygg.core.models import AuditEvent
from trygg.dialog.models import PopulationStratum

pytestmark = pytest.mark.django_db
DEMO_FILE = (
    Path(__file__).resolve().parents[2] / "demo" / "data" / "scb-folkmangd-deso-kon-koping-2019.csv"
)
SCB = (
    "\ufeffDeSO.1,Kon,UtlBakgrund,values,Year\n"
    "1983C1010,Kvinnor,Svensk,320,2019\n"
    "1983C1010,Kvinnor,Utländsk,67,2019\n"
    "1983C1010,Män,Svensk,322,2019\n"
    "1983C1010,Män,Utländsk,81,2019\n"
    "1983C1010,Totalt,Svensk,642,2019\n"
    "1983C1010,Totalt,Utländsk,148,2019\n"
)


def _strata():
    with scopes_disabled():
        return sorted(
            PopulationStratum.objects.values_list(
                "deso_code", "year", "sex", "age_band", "population"
            )
        )


def _import(tmp_path, koping, text, *args):
    path = tmp_path / "befolkning.csv"
    path.write_text(text, encoding="utf-8")
    call_command("dialog_population_import", str(path), *args)


def test_scbs_file_is_summed_over_background_and_its_total_is_not_added(tmp_path, koping):
    _import(tmp_path, koping, SCB)
    assert _strata() == [
        ("1983C1010", 2019, "kvinna", "", 387),
        ("1983C1010", 2019, "man", "", 403),
    ]
    with scopes_disabled():
        event = AuditEvent.objects.get(event="dialog.population_imported")
    assert event.data == {"strata": 2, "years": [2019], "with_age": False}


def test_the_municipalitys_age_bands_are_read_with_the_year_given(tmp_path, koping):
    _import(
        tmp_path, koping,
        "deso,kön,åldersgrupp,antal\n1983C1010,kvinna,16–24,40\n1983C1010,Män,65+,55\n",
        "--ar", "2025",
    )  # fmt: skip
    assert _strata() == [
        ("1983C1010", 2025, "kvinna", "16-24", 40),
        ("1983C1010", 2025, "man", "65-", 55),
    ]


BAD_FILES = [
    # (file, the Swedish messages)
    (
        "deso,kön,åldersgrupp,antal\n1983C1010,kvinna,16-24,40\n1983X,okänd,7-9,många\n",
        "Inget lästes in.\nRad 3: ”1983X” är ingen DeSO-kod; kön ”okänd” är varken kvinnor "
        "eller män; åldersgruppen ”7-9” är inte en av 16-24, 25-44, 45-64 och 65-; antalet "
        "”många” är inte ett heltal.",
    ),
    ("namn,antal\nx,1\n", "Okänd kolumnrad. Filen ska ha SCB:s kolumner DeSO.1, Kon, "
     "UtlBakgrund, values och Year, eller kolumnerna deso, kön, åldersgrupp och antal."),
    ("deso,kön,åldersgrupp,antal\n1983C1010,kvinna,16-24,40\n",
     "Filen saknar år: ange vilket år befolkningen gäller."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_a_file_with_a_bad_line_stores_nothing_and_says_why(tmp_path, koping, text, message):
    with pytest.raises(CommandError) as error:
        _import(
            tmp_path, koping, text, *(["--ar", "2025"] if "Filen saknar" not in message else [])
        )
    assert str(error.value) == message
    assert _strata() == []


def test_the_demo_file_holds_koping_s_16_desos_by_sex(tmp_path, koping):
    # The demo's copy has SCB's rows with the columns named in Swedish and Totalt dropped.
    call_command("dialog_population_import", str(DEMO_FILE))
    strata = _strata()
    assert len(strata) == 32
    assert {d[:4] for d, *_ in strata} == {"1983"}
    assert sum(n for *_, n in strata) == sum(
        int(line.split(",")[3]) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines()[1:]
    )
