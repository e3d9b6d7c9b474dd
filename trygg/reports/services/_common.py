"""Shared helpers of the report services: the report's history row. Permission and the
audit row come from the kernel (trygg.core.kernel)."""

from trygg.core.viewer import Viewer

from ..models import ReportEvent


def _actor_label(viewer: Viewer) -> str:
    if viewer.user is not None:
        return viewer.user.get_full_name() or viewer.user.get_username()
    if viewer.api_key_id is not None:
        return "API-nyckel"
    return "Medborgare"


def _event(
    report, viewer: Viewer | None, kind, text="", *, text_redacted="", **data
) -> ReportEvent:
    return ReportEvent.objects.create(
        municipality_id=report.municipality_id,
        report=report,
        actor=viewer.user if viewer else None,
        actor_label=_actor_label(viewer) if viewer else "Trygg",
        kind=kind,
        text=text,
        text_redacted=text_redacted,
        data=data,
    )
