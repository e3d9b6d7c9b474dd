"""The question bank import (upload page and `manage.py dialog_bank_import`): a good file is
stored, every bad line is named in Swedish and nothing is stored, an indicator must be an NTU
measure the municipality has imported. The wording here is made up for the tests."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from trygg.core.models import Role
from trygg.dialog.models import BankItem
from trygg.dialog.services import bank, questions
from trygg.strategy.models import CrimeStatistic

from .build_helpers import make_survey, samordnare

HEADER = "code,indicator,source,kind,text,text_en,text_easy,options,indicator_values\n"
INDICATOR = "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet"
GOOD = HEADER + (
    f'trygg-kvall,{INDICATOR},Testfil,single,"Testfråga om kvällen?","Test question?",'
    '"Lätt fråga?","1=Mycket trygg|2=Ganska trygg|3=Ganska otrygg|4=Mycket otrygg",3|4\n'
    f"antal-ar,{INDICATOR},Testfil,number,Hur många år har du bott här?,,,,\n"
)


def _ntu(municipality):
    with scopes_disabled():
        CrimeStatistic.objects.create(
            dataset="bra-kommunindikatorer",
            region_code=municipality.kommunkod,
            region_name=municipality.name,
            region_kind="kommun",
            year=2024,
            indicator=INDICATOR,
            unit="andel",
            value=30.0,
            source="Nationella trygghetsundersökningen (NTU)",
        )


def test_a_good_file_is_stored_with_its_options_and_indicator_values(users, koping):
    _ntu(koping)
    viewer = samordnare(users, koping)
    with scope(municipality=koping):
        result = bank.bank_import(viewer=viewer, raw=GOOD.encode())
        item = BankItem.objects.get(code="trygg-kvall")
        number = BankItem.objects.get(code="antal-ar")
    assert (result.created, result.updated, result.warnings) == (2, 0, [])
    assert item.options == [
        {"value": "1", "label": "Mycket trygg"},
        {"value": "2", "label": "Ganska trygg"},
        {"value": "3", "label": "Ganska otrygg"},
        {"value": "4", "label": "Mycket otrygg"},
    ]
    assert (item.indicator, item.indicator_values, item.text_en) == (
        INDICATOR,
        ["3", "4"],
        "Test question?",
    )
    assert (number.kind, number.options) == ("number", [])


def test_a_file_imported_again_replaces_by_code(users, koping):
    viewer = samordnare(users, koping)
    with scope(municipality=koping):
        bank.bank_import(viewer=viewer, raw=GOOD.encode())
        again = bank.bank_import(viewer=viewer, raw=GOOD.replace("Testfråga", "Ny").encode())
        text = BankItem.objects.get(code="trygg-kvall").text
    assert (again.created, again.updated, text) == (0, 2, "Ny om kvällen?")


def test_without_ntu_statistics_the_file_is_accepted_with_a_warning(users, koping):
    viewer = samordnare(users, koping)
    with scope(municipality=koping):
        result = bank.bank_import(viewer=viewer, raw=GOOD.encode())
    assert result.created == 2
    assert result.warnings == [bank.NO_NTU]


BAD_LINES = [
    (f"x,{INDICATOR},T,single,Fråga,,,1=Ja,", "Rad 2: frågan behöver minst två svarsalternativ."),
    (f"Stor Kod,{INDICATOR},T,text,Fråga,,,,", "Rad 2: koden ”Stor Kod” får bara ha små"),
    (f"x,{INDICATOR},T,karta,Fråga,,,,", "Rad 2: frågetypen ”karta” är okänd"),
    (f"x,{INDICATOR},T,single,,,,1=Ja|2=Nej,", "Rad 2: text saknas."),
    (f"x,{INDICATOR},T,single,Fråga,,,Ja|Nej,", "Rad 2: svarsalternativet ”Ja” behöver ett värde"),
    (f"x,{INDICATOR},T,single,Fråga,,,1=Ja|2=Nej,3", "Rad 2: indikatorvärdet ”3” finns inte"),
    (f"x,{INDICATOR},T,text,Fråga,,,1=Ja|2=Nej,", "Rad 2: bara frågor med svarsalternativ"),
    ("x,Påhittat mått,T,text,Fråga,,,,", "Rad 2: indikatorn ”Påhittat mått” finns inte bland"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_a_bad_line_is_named_and_nothing_is_stored(users, koping, line, message):
    _ntu(koping)
    viewer = samordnare(users, koping)
    # A good line after the bad one: it must not be stored either.
    raw = (HEADER + line + "\n" + GOOD.splitlines()[2] + "\n").encode()
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            bank.bank_import(viewer=viewer, raw=raw)
        assert BankItem.objects.count() == 0
    assert error.value.messages[0].startswith(message)


def test_every_bad_line_is_listed_and_a_repeated_code_too(users, koping):
    viewer = samordnare(users, koping)
    raw = HEADER + (
        f"a,{INDICATOR},T,text,Fråga,,,,\n"
        f"a,{INDICATOR},T,text,Fråga,,,,\n"
        f"b,{INDICATOR},T,single,Fråga,,,,\n"
    )
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        bank.bank_import(viewer=viewer, raw=raw.encode())
    assert error.value.messages == [
        "Rad 3: koden ”a” finns redan på en tidigare rad.",
        "Rad 4: frågan behöver minst två svarsalternativ.",
    ]


def test_a_file_without_the_columns_is_refused(users, koping):
    viewer = samordnare(users, koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        bank.bank_import(viewer=viewer, raw=b"kod;fraga\nx;y\n")
    assert error.value.messages[0].startswith("Filen saknar kolumnerna code, indicator")


def test_a_semicolon_file_saved_by_excel_in_windows_1252_is_read(users, koping):
    viewer = samordnare(users, koping)
    raw = GOOD.replace(",", ";").replace('"', "").encode("cp1252")
    with scope(municipality=koping):
        result = bank.bank_import(viewer=viewer, raw=raw)
        text = BankItem.objects.get(code="trygg-kvall").text
    assert (result.created, text) == (2, "Testfråga om kvällen?")


def test_a_bank_item_added_to_a_survey_copies_its_wording(users, koping):
    viewer = samordnare(users, koping)
    survey = make_survey(viewer)
    with scope(municipality=koping):
        bank.bank_import(viewer=viewer, raw=GOOD.encode())
        item = BankItem.objects.get(code="trygg-kvall")
        question = questions.bank_item_add(viewer=viewer, survey=survey, bank_item=item)
        with pytest.raises(ValidationError) as twice:
            questions.bank_item_add(viewer=viewer, survey=survey, bank_item=item)
    assert (question.key, question.kind, question.text, question.bank_item) == (
        "trygg-kvall",
        "single",
        "Testfråga om kvällen?",
        item,
    )
    assert [o["label"] for o in question.options][:2] == ["Mycket trygg", "Ganska trygg"]
    assert "finns redan i enkäten" in " ".join(twice.value.messages)


def test_the_command_imports_for_the_named_municipality(koping, tmp_path, capsys):
    path = tmp_path / "bank.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("dialog_bank_import", "--kommunkod", "1983", str(path))
    out = capsys.readouterr()
    with scopes_disabled():
        codes = sorted(BankItem.objects.filter(municipality=koping).values_list("code", flat=True))
    assert codes == ["antal-ar", "trygg-kvall"]
    assert "2 nya och 0 ersatta frågor" in out.out
    assert "Varning: Kommunen har inte importerat" in out.err


def test_the_command_refuses_a_bad_file_with_the_lines(koping, tmp_path):
    path = tmp_path / "bank.csv"
    path.write_text(HEADER + f"x,{INDICATOR},T,karta,Fråga,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Rad 2: frågetypen ”karta” är okänd"):
        call_command("dialog_bank_import", "--kommunkod", "1983", str(path))


def test_the_upload_page_shows_each_bad_line(client, users, koping):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users[Role.SAMORDNARE])
    upload = SimpleUploadedFile("bank.csv", (HEADER + "x,,T,text,Fråga,,,,\n").encode())
    response = client.post(reverse("dialog:bank"), {"file": upload})
    assert response.status_code == 200
    assert "Rad 2: indicator saknas." in response.content.decode()
    with scopes_disabled():
        assert BankItem.objects.count() == 0


def test_the_upload_page_stores_a_good_file_and_warns_without_ntu(client, users, koping):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users[Role.SAMORDNARE])
    upload = SimpleUploadedFile("bank.csv", GOOD.encode())
    response = client.post(reverse("dialog:bank"), {"file": upload}, follow=True)
    body = response.content.decode()
    assert "Frågebanken har 2 nya och 0 ersatta frågor." in body
    assert "Nationella trygghetsundersökningen (NTU), så indikatorernas namn" in body
    assert "Testfråga om kvällen?" in body
