"""Writes for the biennial strategic lägesbild: drafted from the data, saved only as new
versions, and decided by a named body. Each checks `strategy.manage_picture` and is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..drafting import draft_sections
from ..models import StrategicPicture, StrategicPictureVersion


@transaction.atomic
def strategic_picture_draft(*, viewer: Viewer, start_year: int, end_year: int):
    """A new two-year lägesbild with its first version drafted from the data."""
    require(viewer, "strategy.manage_picture")
    if end_year != start_year + 1:
        raise ValidationError({"end_year": ["Lägesbilden gäller två år i följd, t.ex. 2025–2026."]})
    picture = StrategicPicture(
        municipality=viewer.municipality, start_year=start_year, end_year=end_year
    )
    picture.full_clean()
    picture.save()
    StrategicPictureVersion.objects.create(
        municipality=viewer.municipality,
        picture=picture,
        number=1,
        created_by=viewer.user,
        sections=draft_sections(viewer=viewer, start_year=start_year, end_year=end_year),
        note="Utkast från data",
    )
    audit(
        viewer,
        "strategy.picture_drafted",
        picture,
        summary=f"{picture} utkast skapat från data",
        start_year=start_year,
        end_year=end_year,
    )
    return picture


@transaction.atomic
def strategic_picture_save(*, viewer: Viewer, picture, sections: dict, note: str = ""):
    """Saves the text as a new version; nothing is ever overwritten. Editing a decided
    picture makes a new draft version and leaves the decided one as it was."""
    require(viewer, "strategy.manage_picture")
    own(viewer, picture)
    latest = picture.versions.order_by("-number").first()
    keys = [k for k, _ in StrategicPictureVersion.SECTIONS]
    clean = {k: (sections.get(k) or "").strip() for k in keys}
    if latest is not None and latest.sections == clean:
        raise ValidationError("Inget är ändrat sedan förra versionen.")
    version = StrategicPictureVersion.objects.create(
        municipality=viewer.municipality,
        picture=picture,
        number=(latest.number + 1) if latest else 1,
        sections=clean,
        note=note.strip()[:300],
        created_by=viewer.user,
    )
    if picture.status != StrategicPicture.Status.UTKAST:
        # A decided or circulated text changes only as a new draft.
        picture.status = StrategicPicture.Status.UTKAST
        picture.save(update_fields=["status"])
    audit(
        viewer,
        "strategy.picture_version_saved",
        picture,
        summary=f"{picture}: version {version.number}",
        version=version.number,
    )
    return version


# The law's required parts (extent, consequences, causes) and the sources behind them.
REQUIRED_PARTS = (
    ("omfattning", "omfattning"),
    ("konsekvenser", "konsekvenser"),
    ("orsaker", "orsaker"),
    ("kallor", "källor"),
)


def missing_parts(version) -> list[str]:
    """The required parts a version leaves empty (all of them when there is no version)."""
    sections = version.sections if version is not None else {}
    return [label for key, label in REQUIRED_PARTS if not (sections.get(key) or "").strip()]


@transaction.atomic
def strategic_picture_set_status(
    *,
    viewer: Viewer,
    picture,
    status: str,
    decided_by: str = "",
    decided_on=None,
    decision_paragraph: str = "",
):
    require(viewer, "strategy.manage_picture")
    own(viewer, picture)
    if status not in StrategicPicture.Status.values:
        raise ValidationError({"status": ["Okänd status."]})
    decided = status == StrategicPicture.Status.BESLUTAD
    if decided:
        errors = {}
        if not decided_by.strip():
            errors["decided_by"] = ["Ange vilket organ som beslutade, t.ex. Kommunstyrelsen."]
        if decided_on is None:
            errors["decided_on"] = ["Ange beslutsdatum."]
        if not decision_paragraph.strip():
            errors["decision_paragraph"] = ["Ange paragrafen, t.ex. § 123."]
        missing = missing_parts(picture.versions.order_by("-number").first())
        if missing:
            errors["__all__"] = [
                "Lägesbilden kan inte beslutas: "
                + ", ".join(missing)
                + " saknas. Lagen (2023:196) kräver omfattning, konsekvenser och orsaker, och "
                "källorna ska anges: vilka källor användes, vilka lämnades utanför och vad "
                "begränsar det?"
            ]
        if errors:
            raise ValidationError(errors)
        picture.decided_by = decided_by.strip()
        picture.decided_on = decided_on
        picture.decision_paragraph = decision_paragraph.strip()
        picture.decided_version = picture.versions.order_by("-number").first()
    picture.status = status
    picture.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_on",
            "decision_paragraph",
            "decided_version",
        ]
    )
    audit(
        viewer,
        "strategy.picture_decided" if decided else "strategy.picture_status_changed",
        picture,
        summary=f"{picture}: {picture.get_status_display().lower()}",
        status=status,
        **(
            {"version": picture.decided_version.number}
            if decided and picture.decided_version
            else {}
        ),
    )
    return picture
