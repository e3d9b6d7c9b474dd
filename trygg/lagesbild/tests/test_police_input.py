"""The police's own lägesbild for a period, and the lägesbild as PDF and Word."""

from django.urls import reverse

from tests.helpers import make_area, make_report
from trygg.core.models import Role


def test_police_enter_their_picture(client, users, koping):
    client.force_login(users[Role.POLIS])
    area = make_area(koping, "Nibblesbacke")
    response = client.post(
        reverse("lagesbild:police_create"),
        {
            "period_start": "2026-11-01",
            "period_end": "2026-11-14",
            "summary": "Lugnt.",
            "sensitivity": "begransad",
            "punkt0-theme": "narkotika",
            "punkt0-area": area.pk,
            "punkt0-text": "Misstänkt langning",
            "punkt0-reference": "",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("lagesbild:police_list")).content.decode()
    assert "Misstänkt langning" in page and "Nibblesbacke" in page


def test_police_item_without_theme_is_refused(client, users, koping):
    client.force_login(users[Role.POLIS])
    response = client.post(
        reverse("lagesbild:police_create"),
        {
            "period_start": "2026-11-01",
            "period_end": "2026-11-14",
            "summary": "",
            "sensitivity": "begransad",
            "punkt0-text": "Något",
        },
    )
    assert "Välj ett tema för punkten." in response.content.decode()


def test_documents_download(client, users, koping):
    make_report(koping)
    client.force_login(users[Role.SAMORDNARE])
    pdf = client.get(reverse("lagesbild:picture_document", args=["pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("lagesbild:picture_document", args=["docx"]))
    assert docx.content[:2] == b"PK"
