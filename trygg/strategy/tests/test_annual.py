from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import pypdf
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.strategy import annual, services


def test_ks_follow_up_report_per_goal_as_pdf_and_docx(client, users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    org = make_organisation(koping, "Tekniska förvaltningen")
    make_report(
        koping, when=datetime(2026, 5, 1, 22, tzinfo=ZoneInfo("Europe/Stockholm")), cost_sek=2500
    )
    with scope(municipality=koping):
        picture = services.strategic_picture_draft(viewer=viewer, start_year=2025, end_year=2026)
        plan = services.plan_save(
            viewer=viewer,
            title="Plan",
            start_year=2025,
            end_year=2026,
            picture=picture,
            follow_up_months=3,
        )
        measure = services.measure_save(
            viewer=viewer,
            plan=plan,
            title="Belysning i gångtunneln",
            description="",
            problem=None,
            owner=org,
            owner_person="",
            goal="G2",
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
            budget_sek=None,
            area=None,
            comparison_area=None,
            effect_category=None,
        )
        services.follow_up_add(
            viewer=viewer,
            measure=measure,
            on=date(2026, 10, 1),
            status="genomford",
            text="Ny belysning monterad",
        )
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.get(reverse("strategy:annual_report"), {"ar": 2026}).content.decode()
    assert "G2 Få störningar och egendomsskador" in page and "2\u00a0500\u00a0kr" in page
    pdf = client.get(reverse("strategy:annual_report"), {"ar": 2026, "format": "pdf"})
    reader = pypdf.PdfReader(BytesIO(pdf.content))
    assert (reader.metadata.title, reader.metadata.author) == (
        "Uppföljning 2026: trygghetsskapande och brottsförebyggande arbete",
        "Köpings kommun",
    )
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Uppföljning av riktlinjen" in text and "Belysning i gångtunneln" in text
    assert "Ny belysning monterad" in text
    word = client.get(reverse("strategy:annual_report"), {"ar": 2026, "format": "docx"})
    document = docx.Document(BytesIO(word.content))
    assert document.core_properties.author == "Köpings kommun"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("G8") for h in headings)


def test_council_member_reads_small_report_counts_as_fewer_than_five(users, koping):
    make_report(koping, when=datetime(2026, 5, 1, 12, tzinfo=ZoneInfo("Europe/Stockholm")))
    with scope(municipality=koping):
        council = annual.goal_figures(viewer=viewer_for(users[Role.RADSLEDAMOT], koping), year=2026)
        staff = annual.goal_figures(viewer=viewer_for(users[Role.SAMORDNARE], koping), year=2026)
    assert council["G1"] == [
        "färre än 5 rapporter om brott och otrygghet (0 året före), varav 0 om otrygghet."
    ]
    assert staff["G1"] == ["1 rapport om brott och otrygghet (0 året före), varav 0 om otrygghet."]
