"""The sample of a sampled survey: codes issued from a list (CSV or XLSX) or a count per DeSO,
bad rows refused with nothing stored, the codes and reminder rounds as CSV (audited), the
response rate with small counts hidden, and who may open the page."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.helpers import viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.dialog.audit_events import CODES_EXPORTED, SAMPLE_IMPORTED
from trygg.dialog.models import Invitation, Survey
from trygg.dialog.services import samples

from .answering_helpers import make_survey

pytestmark = pytest.mark.django_db

LIST = (
    "referens;deso;kön;ålder\nA-1;1983C1010;kvinna;19\nA-2;1983C1010;man;70\nA-3;1983C1020;K;33\n"
)


@pytest.fixture
def survey(koping):
    return make_survey(koping, mode=Survey.Mode.SAMPLED)


@pytest.fixture
def samordnare(users, koping):
    return viewer_for(users[Role.SAMORDNARE], koping)


def invitations():
    with scopes_disabled():
        return list(Invitation.objects.order_by("pk"))


def test_a_list_gives_each_row_a_unique_unambiguous_code_with_its_strata(survey, samordnare):
    with scopes_disabled():
        issued = samples.sample_import(
            viewer=samordnare, survey=survey, raw=LIST.encode(), filename="urval.csv"
        )
    rows = invitations()
    assert issued == 3
    assert [(i.reference, i.deso_code, i.sex, i.age_band) for i in rows] == [
        ("A-1", "1983C1010", "kvinna", "16-24"),
        ("A-2", "1983C1010", "man", "65-"),
        ("A-3", "1983C1020", "kvinna", "25-44"),
    ]
    codes = [i.code for i in rows]
    assert len(set(codes)) == 3
    assert all(len(c) == 8 and not set(c) & set("0O1IL") for c in codes)
    with scopes_disabled():
        event = AuditEvent.objects.get(event=SAMPLE_IMPORTED)
    assert event.data["issued"] == 3


def test_an_xlsx_list_with_age_bands_is_read_too(survey, samordnare):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Referens", "DeSO", "Kön", "Åldersgrupp"])
    sheet.append(["R1", "1983C1010", "Man", "45-64"])
    sheet.append(["R2", "1983C1020", "kvinna", "65+"])
    out = io.BytesIO()
    book.save(out)
    with scopes_disabled():
        samples.sample_import(
            viewer=samordnare, survey=survey, raw=out.getvalue(), filename="urval.xlsx"
        )
    assert [(i.sex, i.age_band) for i in invitations()] == [("man", "45-64"), ("kvinna", "65-")]


BAD_LISTS = [
    ("no reference column", "deso;kön\n1983C1010;man\n", "Filen saknar kolumnen ”referens”."),
    (
        "a DeSO of another municipality",
        "referens;deso\nA;1984C1010\n",
        "Rad 2: DeSO 1984C1010 ligger inte i Köping.",
    ),
    (
        "no DeSO code at all",
        "referens;deso\nA;Centrum\n",
        "Rad 2: ”CENTRUM” är ingen DeSO-kod (t.ex. 1983C1010).",
    ),
    (
        "an unknown sex",
        "referens;kön\nA;okänt\n",
        "Rad 2: kön ”okänt” känns inte igen (kvinna eller man).",
    ),
    ("an age under 16", "referens;ålder\nA;12\n", "Rad 2: ålder ”12” ska vara ett heltal från 16."),
    (
        "a reference twice",
        "referens\nA\nA\n",
        "Rad 3: referensen ”A” finns redan på en tidigare rad.",
    ),
    ("a missing reference", "referens;deso\n;1983C1010\n", "Rad 2: referens saknas."),
    (
        "both age and age band",
        "referens;ålder;åldersgrupp\nA;30;25-44\n",
        "Ange antingen ”ålder” eller ”åldersgrupp”, inte båda.",
    ),
]


@pytest.mark.parametrize(("case", "text", "message"), BAD_LISTS, ids=[c[0] for c in BAD_LISTS])
def test_a_list_with_a_bad_row_is_refused_whole(survey, samordnare, case, text, message):
    good = "referens;deso\nOK-1;1983C1010\n"
    raw = (text + good.split("\n", 1)[1]) if text.startswith("referens;deso\n") else text
    with pytest.raises(Exception) as refused, scopes_disabled():
        samples.sample_import(viewer=samordnare, survey=survey, raw=raw.encode(), filename="u.csv")
    assert message in refused.value.messages
    assert invitations() == []


def test_a_count_per_deso_issues_that_many_codes_carrying_the_deso(survey, samordnare):
    with scopes_disabled():
        issued = samples.sample_from_counts(
            viewer=samordnare, survey=survey, text="1983C1010 3\n1983C1020;2\n"
        )
    assert issued == 5
    assert [i.deso_code for i in invitations()] == ["1983C1010"] * 3 + ["1983C1020"] * 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1983C1010", "Rad 1: skriv en DeSO-kod och ett antal, t.ex. 1983C1010 120."),
        ("1983C1010 0", "Rad 1: antalet ska vara mellan 1 och 50000."),
        ("", "Skriv minst en rad med DeSO-kod och antal."),
    ],
    ids=["no count", "zero", "empty"],
)
def test_bad_counts_are_refused(survey, samordnare, text, message):
    with pytest.raises(Exception) as refused, scopes_disabled():
        samples.sample_from_counts(viewer=samordnare, survey=survey, text=text)
    assert refused.value.messages == [message]


def test_an_open_survey_has_no_sample(koping, samordnare):
    open_survey = make_survey(koping)
    with pytest.raises(Exception) as refused, scopes_disabled():
        samples.sample_from_counts(viewer=samordnare, survey=open_survey, text="1983C1010 2")
    assert refused.value.messages == ["Enkäten har en öppen länk och inget urval."]


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_codes_download_for_the_mail_merge_and_a_reminder_round_has_only_unused_ones(
    client, users, survey, samordnare
):
    with scopes_disabled():
        samples.sample_import(viewer=samordnare, survey=survey, raw=LIST.encode(), filename="u.csv")
        first = Invitation.objects.order_by("pk").first()
        first.used_at = timezone.now()
        first.save(update_fields=["used_at"])
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("dialog:sample_codes", args=[survey.pk])
    everything = _csv(client.post(url))
    assert everything[0] == ["referens", "deso", "kod", "länk"]
    assert [r[0] for r in everything[1:]] == ["A-1", "A-2", "A-3"]
    code = everything[2][2]
    assert len(code) == 9 and code[4] == "-"
    assert (
        everything[2][3] == f"http://testserver/enkat/{survey.token}/?kod={code.replace('-', '')}"
    )
    reminder = _csv(client.post(url, {"paminnelse": "1"}))
    assert [r[0] for r in reminder[1:]] == ["A-2", "A-3"]
    assert [i.reminders_sent for i in invitations()] == [0, 1, 1]
    with scopes_disabled():
        events = list(AuditEvent.objects.filter(event=CODES_EXPORTED).order_by("at"))
    assert [(e.data["codes"], e.data["reminder"]) for e in events] == [(3, False), (2, True)]


def test_the_response_rate_hides_counts_under_five_per_deso(client, users, survey, samordnare):
    with scopes_disabled():
        samples.sample_from_counts(
            viewer=samordnare, survey=survey, text="1983C1010 10\n1983C1020 10"
        )
        north = Invitation.objects.filter(deso_code="1983C1010").values_list("pk", flat=True)
        south = Invitation.objects.filter(deso_code="1983C1020").values_list("pk", flat=True)
        Invitation.objects.filter(pk__in=list(north)[:6]).update(used_at=timezone.now())
        Invitation.objects.filter(pk__in=list(south)[:2]).update(used_at=timezone.now())
    client.force_login(users[Role.SAMORDNARE])
    html = client.get(reverse("dialog:sample", args=[survey.pk])).content.decode()
    assert "8 av 20 koder har använts (40 %)" in html
    cells = re.search(r'<th scope="row">1983C1010</th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", cells) == ["10", "6", "60 %"]
    cells = re.search(r'<th scope="row">1983C1020</th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", cells) == ["10", "färre än 5", "–"]


def test_an_upload_with_a_bad_row_shows_the_rows_on_the_page(client, users, survey):
    client.force_login(users[Role.SAMORDNARE])
    upload = io.BytesIO(b"referens;deso\nA;1984C1010\n")
    upload.name = "urval.csv"
    response = client.post(reverse("dialog:sample_upload", args=[survey.pk]), {"fil": upload})
    assert response.status_code == 400
    assert "Rad 2: DeSO 1984C1010 ligger inte i Köping." in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [(Role.SAMORDNARE, 200), (Role.ANALYTIKER, 403), (Role.ADMINISTRATOR, 403), (None, 302)],
    ids=["samordnare", "analytiker", "administratör", "logged out"],
)
def test_who_may_open_the_sample_page(client, users, survey, who, status):
    if who:
        client.force_login(users[who])
    assert client.get(reverse("dialog:sample", args=[survey.pk])).status_code == status


def test_another_municipalitys_sample_page_is_not_found(client, users, arboga_data):
    arboga_survey = make_survey(arboga_data, mode=Survey.Mode.SAMPLED)
    client.force_login(users[Role.SAMORDNARE])
    assert client.get(reverse("dialog:sample", args=[arboga_survey.pk])).status_code == 404


@pytest.mark.parametrize("name", ["dialog:sample_upload", "dialog:sample_codes"])
def test_the_post_pages_refuse_other_roles_and_other_municipalities(
    client, users, survey, arboga_data, name
):
    arboga_survey = make_survey(arboga_data, mode=Survey.Mode.SAMPLED)
    client.force_login(users[Role.ANALYTIKER])
    assert client.post(reverse(name, args=[survey.pk]), {"antal": "1983C1010 2"}).status_code == 403
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(reverse(name, args=[arboga_survey.pk]), {"antal": "1984C1010 2"})
    assert response.status_code == 404
    assert invitations() == []
