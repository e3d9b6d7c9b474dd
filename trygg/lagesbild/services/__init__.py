"""Writes for the operational lägesbild: schedule, meetings with a generated agenda,
decisions (insatser), action items, and the police's input. Each write checks the
permission and is audited in the same transaction."""

from .documents import (
    DOCUMENT_INLINE_MAX_DAYS,
    DOCUMENT_KEEP,
    DOCUMENT_MAX_RUNNING,
    DOCUMENT_REUSE,
    _access,
    document_in_background,
    document_job_build,
    document_job_open,
    document_job_start,
    document_jobs_purge,
    picture_document_exported,
)
from .meetings import (
    action_item_add,
    action_item_complete,
    agenda_item_add,
    agenda_send,
    decision_add,
    decision_follow_up,
    meeting_create,
    meeting_update,
    schedule_set,
)
from .police import police_input_save

__all__ = [
    "DOCUMENT_INLINE_MAX_DAYS",
    "DOCUMENT_KEEP",
    "DOCUMENT_MAX_RUNNING",
    "DOCUMENT_REUSE",
    "_access",
    "action_item_add",
    "action_item_complete",
    "agenda_item_add",
    "agenda_send",
    "decision_add",
    "decision_follow_up",
    "document_in_background",
    "document_job_build",
    "document_job_open",
    "document_job_start",
    "document_jobs_purge",
    "meeting_create",
    "meeting_update",
    "picture_document_exported",
    "police_input_save",
    "schedule_set",
]
