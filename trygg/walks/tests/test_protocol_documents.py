"""The protocol (issue 18, item 5): PDF and DOCX with the observation map on the basemap,
mean scores per checklist item, the findings with owners and answers, and photos; the
public version without personal data and with approved photos only, on a public page
once the leader publishes it."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from docx import Document as Docx
from pypdf import PdfReader

from tests.helpers import viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.walks.selectors.field import scores_by_item
from trygg.walks.services import findings as services
from trygg.walks.services.protocol import protocol_document, protocol_publish, protocol_render

from .followup_data import LEADER_NAME, add_observation, make_walk, today

OWNER = "region.mitt@trafikverket.example"


@pytest.fixture
def walk(koping, users):
    leader = users[Role.SAMORDNARE]
    leader.first_name, leader.last_name = LEADER_NAME
    leader.save()
    walk = make_walk(koping, leader)
    dark = add_observation(walk, "belysning", 0, "Mörk gångtunnel", photos=(True, False))
    add_observation(walk, "belysning", 1, "Trasig lampa", lat=59.512, lon=15.994)
    add_observation(walk, "sikt", 3, "Bra överblick", lat=59.507, lon=15.986)
    with scope(municipality=koping):
        finding = services.finding_create(
            viewer=viewer_for(leader, koping),
            walk=walk,
            data=services.FindingInput(
                title="Mörk gångtunnel",
                proposal="Byt armaturerna; frågor till anna.andersson@example.se.",
                deadline=today() + timedelta(days=14),
                observations=[dark],
                owner_name="Trafikverket",
                owner_email=OWNER,
            ),
        )
        services.owner_answer(
            finding=finding, text="Vi byter armaturerna i mars, ring 070-123 45 67."
        )
    return walk


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx(data: bytes):
    return Docx(io.BytesIO(data))


def _docx_text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _pictures(doc) -> list[str]:
    """The names of the DOCX's drawings (the map is "observationskarta")."""
    return [pr.get("name") for pr in doc.element.body.iter("{*}docPr")]


def test_mean_scores_per_checklist_item_leave_unscored_items_without_a_mean(walk, koping):
    with scope(municipality=koping):
        rows = [(s.code, s.mean, s.n) for s in scores_by_item(walk)]
    assert rows == [("belysning", 0.5, 2), ("sikt", 3.0, 1), ("nedskrapning", None, 0)]


def test_the_protocol_pdf_has_the_map_the_scores_and_the_findings(walk, koping):
    with scope(municipality=koping):
        data, content_type = protocol_render(walk, "pdf", public=False)
        document = protocol_document(walk, public=False)
    assert (data[:5], content_type) == (b"%PDF-", "application/pdf")
    text = _pdf_text(data)
    for expected in ("Observationer på kartan", "Poäng per punkt i checklistan", "Mörk gångtunnel",
                     "Trafikverket", OWNER, "Vi byter armaturerna i mars", "0,5"):  # fmt: skip
        assert expected in text
    (map_block,) = [b for b in document.blocks if b.get("name") == "observationskarta"]
    # Three numbered points on the area, route and basemap.
    assert map_block["svg"].count("<circle") == 3
    assert 'stroke-dasharray="7 4"' in map_block["svg"]


def test_the_protocol_docx_has_the_map_the_scores_and_the_photos(walk, koping):
    with scope(municipality=koping):
        data, _ = protocol_render(walk, "docx", public=False)
    doc = _docx(data)
    text = _docx_text(doc)
    assert "Poäng per punkt i checklistan" in text
    score_rows = [
        [c.text for c in row.cells]
        for t in doc.tables
        for row in t.rows
        if row.cells[0].text == "Belysning"
    ]
    assert ["Belysning", "0,5", "2"] in score_rows
    assert "Greta Ledarsson" in text
    # The map and both photos of the finding's observation.
    assert _pictures(doc).count("observationskarta") == 1
    assert len(_pictures(doc)) == 3


def test_the_public_version_has_no_email_no_staff_name_and_no_unapproved_photo(walk, koping):
    with scope(municipality=koping):
        pdf = _pdf_text(protocol_render(walk, "pdf", public=True)[0])
        doc = _docx(protocol_render(walk, "docx", public=True)[0])
    text = _docx_text(doc)
    for public in (pdf, text):
        assert OWNER not in public
        assert "anna.andersson@example.se" not in public
        assert "070-123 45 67" not in public
        assert "Ledarsson" not in public
        assert "Trafikverket" in public
    assert "Greta" not in text
    # The map and the one approved photo.
    assert len(_pictures(doc)) == 2


def test_the_public_page_appears_only_when_published_and_hides_personal_data(
    walk, koping, users, client
):
    url = reverse("public:walk", args=[koping.slug, walk.pk])
    assert client.get(url).status_code == 404
    with scope(municipality=koping):
        protocol_publish(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            walk=walk,
            summary="Tack till alla som gick med!",
        )
    assert AuditEvent.objects.filter(event="walks.protocol_published").count() == 1
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tack till alla som gick med!" in page
    assert OWNER not in page and "Ledarsson" not in page and "070-123" not in page
    with scopes_disabled():
        approved, unapproved = walk.observations.get(text="Mörk gångtunnel").photos.order_by("pk")
    approved_url = reverse("public:walk_photo", args=[koping.slug, walk.pk, approved.pk])
    unapproved_url = reverse("public:walk_photo", args=[koping.slug, walk.pk, unapproved.pk])
    assert approved_url in page and unapproved_url not in page
    assert client.get(approved_url).status_code == 200
    assert client.get(unapproved_url).status_code == 404
    pdf = client.get(reverse("public:walk_pdf", args=[koping.slug, walk.pk]))
    assert OWNER not in _pdf_text(pdf.content)


def test_publishing_needs_a_summary(walk, koping, users):
    from django.core.exceptions import ValidationError

    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        protocol_publish(viewer=viewer_for(users[Role.SAMORDNARE], koping), walk=walk, summary=" ")
    assert error.value.message_dict["summary"] == ["Skriv en kort sammanfattning för allmänheten."]
