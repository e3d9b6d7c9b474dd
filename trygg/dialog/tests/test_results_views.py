"""The results page and its exports: who may open them, and that a download holds exactly
the figures the page shows."""

import csv
import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from tests.helpers import body_of, make_member, make_organisation
from trygg.core.models import AuditEvent, Role
from trygg.dialog.models import Survey

from .results_helpers import add_answers, make_survey, make_town

pytestmark = pytest.mark.django_db
N1, N2, S1 = "1983C1010", "1983C1020", "1983C1030"


@pytest.fixture
def survey(koping):
    make_town(koping)
    s = make_survey(koping, mode=Survey.Mode.OPEN)
    add_answers(
        s,
        [(N1, "kvinna", "25-44", {"q0": "1"})] * 20
        + [(N1, "man", "25-44", {"q0": "3"})] * 3
        + [(N2, "kvinna", "45-64", {"q0": "1"})] * 30
        + [(N2, "man", "45-64", {"q0": "3"})] * 10
        + [(S1, "kvinna", "65-", {"q0": "2"})] * 25,
    )
    return s


PAGE_ACCESS = [
    # (role, status of the results page, status of the CSV export)
    (Role.ADMINISTRATOR, 403, 403),
    (Role.SAMORDNARE, 200, 200),
    (Role.ANALYTIKER, 200, 200),
    (Role.RAPPORTOR, 403, 403),
    (Role.POLIS, 200, 403),
    (Role.RADSLEDAMOT, 200, 403),
]


@pytest.mark.parametrize(("role", "page", "export"), PAGE_ACCESS)
def test_the_results_page_and_export_follow_the_roles(client, users, survey, role, page, export):
    client.force_login(users[role])
    url = reverse("dialog:survey_results", args=[survey.pk])
    assert client.get(url).status_code == page
    assert client.get(reverse("dialog:survey_results_csv", args=[survey.pk])).status_code == export


def test_another_municipalitys_samordnare_gets_not_found(client, survey, arboga):
    with scopes_disabled():
        other = make_member("arboga_s", make_organisation(arboga, "Arboga"), Role.SAMORDNARE)
    client.force_login(other)
    assert client.get(reverse("dialog:survey_results", args=[survey.pk])).status_code == 404
    url = reverse("dialog:survey_results_xlsx", args=[survey.pk])
    assert client.get(url).status_code == 404


def test_logged_out_visitors_are_sent_to_the_login(client, survey):
    response = client.get(reverse("dialog:survey_results", args=[survey.pk]))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_the_deso_page_shows_fewer_than_five_and_its_partner(client, users, survey):
    client.force_login(users[Role.SAMORDNARE])
    html = body_of(
        client.get(reverse("dialog:survey_results", args=[survey.pk]) + "?indelning=deso")
    ).decode()
    assert "färre än 5" in html
    assert "Öppen länk – självselekterat urval, ovägt" in html


def _page_cells(client, survey, breakdown):
    """(group, option) → the text of each cell in the page's results table."""
    import re

    html = body_of(
        client.get(reverse("dialog:survey_results", args=[survey.pk]) + f"?indelning={breakdown}")
    ).decode()
    start = html.index('<table class="results matrix">')
    table = html[start : html.index("</table>", start)]
    heads = re.findall(r'<th scope="col" class="num">([^<]*)</th>', table)
    out = {}
    for label, cells in re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table, re.S):
        values = re.findall(r'<td class="num">([^<]*)', cells)
        for head, value in zip(heads, values, strict=True):
            out[(label, head)] = value
    return out


@pytest.mark.parametrize("breakdown", ["deso", "kon"])
def test_the_csv_export_holds_the_figures_of_the_page(client, users, survey, breakdown):
    client.force_login(users[Role.SAMORDNARE])
    page = _page_cells(client, survey, breakdown)
    url = reverse("dialog:survey_results_csv", args=[survey.pk]) + f"?indelning={breakdown}"
    text = body_of(client.get(url)).decode("utf-8-sig")
    exported = {}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        if row["Svarsalternativ"] == "Alla som svarat":
            exported[(row["Grupp"], "Antal svar")] = row["Antal svar"]
        else:
            exported[(row["Grupp"], row["Svarsalternativ"])] = row["Andel"]
    assert exported == page
    with scopes_disabled():
        event = AuditEvent.objects.get(event="dialog.results_exported")
    assert event.data["format"] == "csv" and event.data["breakdown"] == breakdown


def test_the_xlsx_export_has_the_same_lines_as_the_csv(client, users, survey):
    client.force_login(users[Role.SAMORDNARE])
    args = [survey.pk]
    text = body_of(client.get(reverse("dialog:survey_results_csv", args=args) + "?indelning=deso"))
    csv_rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    xlsx = body_of(client.get(reverse("dialog:survey_results_xlsx", args=args) + "?indelning=deso"))
    sheet = load_workbook(io.BytesIO(xlsx)).active
    xlsx_rows = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert xlsx_rows == csv_rows


def test_the_pdf_export_shows_the_hidden_cells_as_the_page_does(client, users, survey):
    from pypdf import PdfReader

    client.force_login(users[Role.SAMORDNARE])
    page = _page_cells(client, survey, "deso")
    url = reverse("dialog:survey_results_pdf", args=[survey.pk]) + "?indelning=deso"
    pdf = body_of(client.get(url))
    assert pdf.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    hidden = {v for v in page.values() if v in ("färre än 5", "–")}
    assert hidden  # the fixture has cells the page hides
    assert "färre än 5" in text
    for (group, _option), _value in page.items():
        assert group in text
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            event="dialog.results_exported", data__format="pdf"
        ).exists()
