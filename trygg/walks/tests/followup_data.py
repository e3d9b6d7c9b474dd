"""A completed walk in Köping for the findings, protocol and re-walk tests: a checklist,
observations with points, scores and photos (one approved for the public), stored directly
since the walk's planning and field mode are other modules' work."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from tests.helpers import make_area
from trygg.walks.models import ChecklistItem, ChecklistTemplate, Observation, ObservationPhoto, Walk

TZ = ZoneInfo("Europe/Stockholm")
# A member of staff whose name must never reach the public version.
LEADER_NAME = ("Greta", "Ledarsson")


def jpeg(colour=(200, 40, 40), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def make_walk(municipality, leader, *, walk_on=None, area=None, **fields) -> Walk:
    with scopes_disabled():
        template = ChecklistTemplate.objects.filter(municipality=municipality).first()
        if template is None:
            template = ChecklistTemplate.objects.create(
                municipality=municipality,
                name="Trygghetsvandring",
                scale_min=0,
                scale_max=3,
                scale_labels=["Mycket dåligt", "Dåligt", "Godtagbart", "Bra"],
            )
            for order, (code, label) in enumerate(
                [
                    ("belysning", "Belysning"),
                    ("sikt", "Sikt och överblick"),
                    ("nedskrapning", "Nedskräpning"),
                ]
            ):
                ChecklistItem.objects.create(
                    municipality=municipality,
                    template=template,
                    order=order,
                    code=code,
                    label=label,
                )
        area = area or make_area(municipality, "Centrum", lon=15.99, lat=59.51)
        return Walk.objects.create(
            municipality=municipality,
            title=fields.pop("title", "Kvällsvandring i centrum"),
            area=area,
            walk_on=walk_on or timezone.localdate() - timedelta(days=7),
            template=template,
            leader=leader,
            status=Walk.Status.GENOMFORD,
            route={"type": "LineString", "coordinates": [[15.985, 59.505], [15.995, 59.512]]},
            participant_counts={"boende": 8, "kommunen": 3, "polis": 1},
            **fields,
        )


def add_observation(walk, code, score, text="", *, lat=59.51, lon=15.99, photos=(), when=None):
    """An observation with photos; `photos` are public_ok flags, one photo each."""
    with scopes_disabled():
        item = ChecklistItem.objects.get(template=walk.template, code=code)
        obs = Observation.objects.create(
            municipality=walk.municipality,
            walk=walk,
            lat=lat,
            lon=lon,
            item=item,
            score=score,
            text=text,
            recorded_at=when
            or datetime.combine(walk.walk_on, datetime.min.time(), tzinfo=TZ) + timedelta(hours=19),
        )
        for n, public_ok in enumerate(photos):
            photo = ObservationPhoto(
                municipality=walk.municipality,
                observation=obs,
                public_ok=public_ok,
                width=64,
                height=48,
            )
            photo.image.save(
                f"{n}.jpg", ContentFile(jpeg((40 * n, 120, 200 if public_ok else 0))), save=False
            )
            photo.save()
    return obs


def today() -> date:
    return timezone.localdate()
