"""Writes for the operational lägesbild: its documents and the police's input (the
lägesbildsmöte's meetings are written by trygg.forums.services). Each write checks the
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
from .police import police_input_save

__all__ = [
    "DOCUMENT_INLINE_MAX_DAYS",
    "DOCUMENT_KEEP",
    "DOCUMENT_MAX_RUNNING",
    "DOCUMENT_REUSE",
    "_access",
    "document_in_background",
    "document_job_build",
    "document_job_open",
    "document_job_start",
    "document_jobs_purge",
    "picture_document_exported",
    "police_input_save",
]
