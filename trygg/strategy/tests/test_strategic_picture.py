from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_report, viewer_for
from trygg.core.models import Role
from trygg.strategy import services
from trygg.strategy.models import StrategicPicture

TZ = ZoneInfo("Europe/Stockholm")


def _draft(users, koping):
    make_area(koping, "Köping centrala")
    for month in range(1, 13):
        make_report(koping, "klotter", when=datetime(2025, month, 5, 22, tzinfo=TZ), cost_sek=1000)
    make_report(koping, "belysning", when=datetime(2026, 3, 1, 18, tzinfo=TZ), kind="otrygghet")
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        return viewer, services.strategic_picture_draft(
            viewer=viewer, start_year=2025, end_year=2026
        )


def test_draft_from_data_has_every_section_with_figures(users, koping):
    _viewer, picture = _draft(users, koping)
    with scope(municipality=koping):
        sections = picture.versions.get().sections
    assert "**13 rapporter**" in sections["omfattning"]
    assert "| Skadegörelse | 0 | 0 | 12 | 0 |" in sections["omfattning"]
    assert "12\u00a0000\u00a0kr" in sections["konsekvenser"]
    assert "1 rapport gäller otrygghet" in sections["konsekvenser"]
    # 5 April, 5 July, 5 September and 5 December 2025 at 22 were Fridays or Saturdays.
    assert "31 % av rapporterna gäller fredags- och lördagskvällar" in sections["orsaker"]
    assert "Trygg inrapporteringssystem: 13 rapporter 2025–2026" in sections["kallor"]
    assert "Ingen officiell brottsstatistik är importerad" in sections["omfattning"]


def test_decided_version_is_frozen_and_an_edit_makes_a_new_draft(users, koping):
    viewer, picture = _draft(users, koping)
    with scope(municipality=koping):
        with pytest.raises(ValidationError) as error:
            services.strategic_picture_set_status(viewer=viewer, picture=picture, status="beslutad")
        assert set(error.value.message_dict) == {"decided_by", "decided_on", "decision_paragraph"}
        services.strategic_picture_set_status(
            viewer=viewer,
            picture=picture,
            status="beslutad",
            decided_by="Kommunstyrelsen",
            decided_on=datetime(2026, 11, 20).date(),
            decision_paragraph="§ 123",
        )
        decided = picture.decided_version
        services.strategic_picture_save(
            viewer=viewer, picture=picture, sections={**decided.sections, "orsaker": "Ny text"}
        )
        picture.refresh_from_db()
        assert picture.status == StrategicPicture.Status.UTKAST
        assert picture.decided_version == decided
        assert decided.sections["orsaker"] != "Ny text"
        assert picture.versions.count() == 2


def test_two_year_period_only(users, koping):
    with scope(municipality=koping), pytest.raises(ValidationError):
        services.strategic_picture_draft(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), start_year=2025, end_year=2027
        )


def test_edit_preview_and_diff_in_the_app(client, users, koping):
    _viewer, picture = _draft(users, koping)
    client.force_login(users[Role.SAMORDNARE])
    with scopes_disabled():
        sections = picture.versions.get().sections
    url = reverse("strategy:picture_edit", args=[picture.pk])
    edited = {
        **sections,
        "orsaker": sections["orsaker"] + "\n\nTrasig belysning i tunneln.",
        "note": "Orsaker kompletterade",
    }
    preview = client.post(url, {**edited, "forhandsgranska": "1"}).content.decode()
    assert "Förhandsgranskning" in preview and "Trasig belysning i tunneln." in preview
    with scopes_disabled():
        assert picture.versions.count() == 1
    client.post(url, {**edited, "spara": "1"})
    diff = client.get(reverse("strategy:picture_diff", args=[picture.pk]), {"fran": 1, "till": 2})
    assert (
        '<ins><span class="visually-hidden">Tillagt: </span>Trasig belysning i tunneln.</ins>'
        in diff.content.decode()
    )


def test_markdown_cannot_inject_html(client, users, koping):
    viewer, picture = _draft(users, koping)
    with scope(municipality=koping):
        services.strategic_picture_save(
            viewer=viewer,
            picture=picture,
            sections={"omfattning": "<script>alert(1)</script> **fet**"},
        )
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("strategy:picture_detail", args=[picture.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<strong>fet</strong>" in page


def test_unchanged_text_is_not_a_new_version(users, koping):
    viewer, picture = _draft(users, koping)
    with scope(municipality=koping):
        sections = picture.versions.get().sections
        with pytest.raises(ValidationError, match="Inget är ändrat"):
            services.strategic_picture_save(viewer=viewer, picture=picture, sections=sections)


@pytest.mark.parametrize("emptied", ["omfattning", "konsekvenser", "orsaker", "kallor"])
def test_a_picture_lacking_a_required_part_or_its_sources_cannot_be_decided(users, koping, emptied):
    viewer, picture = _draft(users, koping)
    decision = {
        "decided_by": "Kommunstyrelsen",
        "decided_on": datetime(2026, 11, 20).date(),
        "decision_paragraph": "§ 123",
    }
    with scope(municipality=koping):
        sections = picture.versions.get().sections
        services.strategic_picture_save(
            viewer=viewer, picture=picture, sections={**sections, emptied: "  "}
        )
        with pytest.raises(ValidationError) as error:
            services.strategic_picture_set_status(
                viewer=viewer, picture=picture, status="beslutad", **decision
            )
        message = " ".join(error.value.message_dict["__all__"])
        assert {"kallor": "källor"}.get(emptied, emptied) + " saknas" in message
        assert "vilka källor användes, vilka lämnades utanför" in message
        picture.refresh_from_db()
        assert picture.status != StrategicPicture.Status.BESLUTAD
        # Filled in again, the same decision goes through.
        services.strategic_picture_save(viewer=viewer, picture=picture, sections=sections)
        services.strategic_picture_set_status(
            viewer=viewer, picture=picture, status="beslutad", **decision
        )
        assert picture.status == StrategicPicture.Status.BESLUTAD
