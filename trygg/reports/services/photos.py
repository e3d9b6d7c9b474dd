"""Photo services: storing a cleaned photo on a report and queueing its thumbnail."""

from django.core.files.base import ContentFile
from django.db import transaction

from trygg.core.viewer import Viewer

from .. import images
from ..models import Photo, Report, ReportEvent
from ._common import _event


@transaction.atomic
def photo_add(*, viewer: Viewer, report: Report, data: bytes) -> Photo:
    """Stores a cleaned photo; the thumbnail is made by the task worker."""
    return _photo_store(viewer=viewer, report=report, cleaned=images.clean_photo(data))


def _photo_store(
    *, viewer: Viewer, report: Report, cleaned: bytes, from_citizen: bool = False
) -> Photo:
    width, height = images.dimensions(cleaned)
    photo = Photo(
        municipality_id=report.municipality_id,
        report=report,
        width=width,
        height=height,
        from_citizen=from_citizen,
    )
    photo.image.save("photo.jpg", ContentFile(cleaned), save=False)
    photo.save()
    _event(report, viewer, ReportEvent.Kind.PHOTO, photo_id=photo.pk)
    from ..tasks import make_thumbnail

    transaction.on_commit(lambda: make_thumbnail.enqueue(photo_id=photo.pk))
    return photo
