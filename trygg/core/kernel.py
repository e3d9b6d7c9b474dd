"""What every write service starts and ends with: the permission check, the tenant check
and the audit row. Services in every app call these three instead of keeping copies, so a
change to how permission is refused or how an event is recorded happens in one place.

    def decision_add(*, viewer, meeting, text):
        require(viewer, "lagesbild.record_decisions")
        own(viewer, meeting)
        ...
        audit(viewer, DECISION_ADDED, decision, summary="Beslut tillagt", meeting=meeting.pk)
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from .audit import audit_log
from .models import AuditEvent
from .viewer import Viewer

REFUSED = "Du har inte behörighet att göra detta."
NOT_OURS = "Uppgiften hör inte till kommunen."


def require(viewer: Viewer, action: str) -> None:
    """Raises PermissionDenied unless the viewer's roles grant the action (core/permissions)."""
    if not viewer.may(action):
        raise PermissionDenied(REFUSED)


def own(viewer: Viewer, *objects, field: str = "municipality_id") -> None:
    """Raises ValidationError if any object (None is skipped) belongs to another municipality:
    ids in a form or an API body are client input, so a service checks what they point to."""
    for obj in objects:
        if obj is not None and getattr(obj, field) != viewer.municipality.pk:
            raise ValidationError(NOT_OURS)


def audit(viewer: Viewer | None, event: str, obj: Model | None = None, *, summary: str, **data):
    """Records a registered event by the viewer in its municipality. `data` holds ids and
    codes, never personal data; an API key's id is added so its writes can be told apart."""
    if viewer is not None and viewer.api_key_id is not None:
        data.setdefault("api_key", viewer.api_key_id)
    return audit_log(
        event=event,
        actor=viewer.user if viewer is not None else None,
        municipality=viewer.municipality if viewer is not None else None,
        obj=obj,
        summary=summary,
        data=data,
    )


__all__ = ["NOT_OURS", "REFUSED", "AuditEvent", "audit", "own", "require"]
