"""Small helpers for the field-mode and review tests: a walk in a square area with a
checklist of three items scored 0–3, and photos made in memory."""

import io
from datetime import date

from django_scopes import scopes_disabled
from PIL import Image

from tests.helpers import make_area
from trygg.walks.models import ChecklistItem, ChecklistTemplate, Walk

# The walk's area: a square about 2 km across around this point (tests.helpers.square).
CENTRE = (59.514, 15.993)
OUTSIDE = (59.60, 16.20)


def make_walk(municipality, leader, *, title="Trygghetsvandring Centrum", **fields) -> Walk:
    with scopes_disabled():
        area = make_area(municipality, f"Område {title}", lon=CENTRE[1], lat=CENTRE[0])
        template, _ = ChecklistTemplate.objects.get_or_create(
            municipality=municipality,
            name="Standard",
            defaults={"scale_labels": ["Mycket dåligt", "Dåligt", "Godtagbart", "Bra"]},
        )
        for order, (code, label) in enumerate(
            (("belysning", "Belysning"), ("sikt", "Sikt och överblick"), ("skrap", "Skräp"))
        ):
            ChecklistItem.objects.get_or_create(
                municipality=municipality,
                template=template,
                code=code,
                defaults={"label": label, "order": order},
            )
        return Walk.objects.create(
            municipality=municipality,
            title=title,
            area=area,
            walk_on=fields.pop("walk_on", date(2026, 12, 2)),
            template=template,
            leader=leader,
            **fields,
        )


def item(walk, code):
    with scopes_disabled():
        return ChecklistItem.objects.get(template=walk.template, code=code)


def png(colour=(200, 30, 30), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps(colour=(30, 120, 30)) -> bytes:
    """A JPEG carrying a camera name and a GPS position in its EXIF, as a phone writes it."""
    image = Image.new("RGB", (80, 60), colour)
    exif = Image.Exif()
    exif[0x010F] = "Trygg Testkamera"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (59.0, 30.0, 50.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
