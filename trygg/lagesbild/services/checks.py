"""What every lägesbild write shares: the permission check, the audit entry and the tenant check."""

from django.core.exceptions import PermissionDenied, ValidationError

from trygg.core.audit import audit_log
from trygg.core.viewer import Viewer


def _require(viewer: Viewer, action: str) -> None:
    if not viewer.may(action):
        raise PermissionDenied("Du har inte behörighet att göra detta.")


def _audit(viewer: Viewer, action, obj, summary: str) -> None:
    audit_log(
        action=action, actor=viewer.user, municipality=viewer.municipality, obj=obj, summary=summary
    )


def _own(viewer: Viewer, obj, field: str = "municipality_id") -> None:
    if obj is not None and getattr(obj, field) != viewer.municipality.pk:
        raise ValidationError("Uppgiften hör inte till kommunen.")
