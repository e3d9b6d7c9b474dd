"""The audit trail: typed, dotted event names from a registry, and the one function that
writes a row.

Every event an app records is declared once, in the app's `audit_events.py`, as an
`EventType("<app>.<what>", "Svensk text")`, registered in its `AppConfig.ready`. The name
is stored beside the Swedish summary and the structured data, so the audit page can filter
by event and by object (as pretix's `log_action` and zulip's `RealmAuditLog` do). Writing an
unregistered name raises: a typo would otherwise leave an event nobody can filter for."""

from dataclasses import dataclass

from django.db.models import Model

from .models import AuditEvent


@dataclass(frozen=True)
class EventType:
    name: str  # "<app>.<what>": stored in AuditEvent.event, so never rename a live one
    label: str  # Swedish, shown on the audit page and in its filter


_registry: dict[str, EventType] = {}


def register_events(*types: EventType) -> None:
    """Declares audit events; declaring one again is harmless, another label under a taken
    name is an error."""
    for event in types:
        app, _, what = event.name.partition(".")
        if not app or not what:
            raise ValueError(f"En granskningshändelse heter <app>.<vad>, inte {event.name!r}")
        known = _registry.get(event.name)
        if known is not None and known != event:
            raise ValueError(f"En annan granskningshändelse heter redan {event.name!r}")
        _registry[event.name] = event


def unregister_event(name: str) -> None:
    """Removes an event (tests that declare their own clean up with this)."""
    _registry.pop(name, None)


def event_type(name: str) -> EventType:
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"Okänd granskningshändelse {name!r}: registrera den först") from None


def registered_events() -> list[EventType]:
    return sorted(_registry.values(), key=lambda e: e.name)


def event_label(name: str) -> str:
    """The Swedish label of a stored event; an old row whose event is no longer declared
    shows its name rather than failing the audit page."""
    known = _registry.get(name)
    return known.label if known else name


def audit_log(
    *,
    event: str,
    actor=None,
    municipality=None,
    obj: Model | None = None,
    summary: str = "",
    data: dict | None = None,
    using: str = "default",
) -> AuditEvent:
    """Writes one audit row. Callers never put personal data other than ids in `data`.
    `using` is for system events about another database, such as a restore into it."""
    event_type(event)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.using(using).create(
        event=event,
        actor=actor,
        municipality=municipality,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        data=data or {},
    )
