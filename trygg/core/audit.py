"""audit_log(): the one way to record who did what, called inside each write service."""

from django.db.models import Model

from .models import AuditEvent


def audit_log(
    *,
    action: str,
    actor=None,
    municipality=None,
    obj: Model | None = None,
    summary: str = "",
    data: dict | None = None,
    using: str = "default",
) -> AuditEvent:
    """Writes one audit row. Callers never put personal data other than ids in `data`.
    `using` is for system events about another database, such as a restore into it."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.using(using).create(
        action=action,
        actor=actor,
        municipality=municipality,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        data=data or {},
    )
