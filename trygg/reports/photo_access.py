"""Who sees a report's photos. A staff photo goes with the report: whoever may read the
report sees it. A citizen's photo may show people, faces or number plates that the citizen
never meant to publish, so it is treated like the original text: only the roles that read
originals see it (reports.view_original), never the public, Open311 or other roles."""

from trygg.core.viewer import Viewer

from .models import Photo, Report


def may_see_photo(viewer: Viewer, photo: Photo) -> bool:
    """For a photo of a report the viewer already may read."""
    return not photo.from_citizen or viewer.may("reports.view_original")


def photos_for(*, viewer: Viewer, report: Report, originals: bool) -> list[Photo]:
    """The photos the report page shows: citizen photos only beside the original text
    (`originals`), whose read is audited, and only to the roles that may read it."""
    return [
        p
        for p in report.photos.all()
        if not p.from_citizen or (originals and may_see_photo(viewer, p))
    ]


def photo_get(*, viewer: Viewer, report: Report, pk: int) -> Photo | None:
    """One photo of a report the viewer may read, or None when it is not theirs to see."""
    photo = Photo.objects.filter(municipality=viewer.municipality, report=report, pk=pk).first()
    if photo is None or not may_see_photo(viewer, photo):
        return None
    return photo
