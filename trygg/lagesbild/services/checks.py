"""Left only for services/documents.py, which the background-job work converts to the
kernel (trygg.core.kernel) at the same time; delete this module then. Every other lägesbild
service uses the kernel's require/own/audit."""

from django.core.exceptions import PermissionDenied

from trygg.core.audit import audit_log
from trygg.core.viewer import Viewer


def _require(viewer: Viewer, action: str) -> None:
    if not viewer.may(action):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _audit(viewer: Viewer, action, obj, summary: str) -> None:
    audit_log(
        action=action, actor=viewer.user, municipality=viewer.municipality, obj=obj, summary=summary
    )
