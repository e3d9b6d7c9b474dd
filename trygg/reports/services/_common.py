"""Shared helpers of the report services: the permission check and the history row."""

from django.core.exceptions import PermissionDenied

from trygg.core.viewer import Viewer

from ..models import ReportEvent


def _require(viewer: Viewer, action: str) -> None:
    if not viewer.may(action):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _actor_label(viewer: Viewer) -> str:
    if viewer.user is not None:
        return viewer.user.get_full_name() or viewer.user.get_username()
    if viewer.api_key_id is not None:
        return "API-nyckel"
    return "Medborgare"


def _event(report, viewer: Viewer | None, kind, text="", **data) -> ReportEvent:
    return ReportEvent.objects.create(
        municipality_id=report.municipality_id,
        report=report,
        actor=viewer.user if viewer else None,
        actor_label=_actor_label(viewer) if viewer else "Trygg",
        kind=kind,
        text=text,
        data=data,
    )
