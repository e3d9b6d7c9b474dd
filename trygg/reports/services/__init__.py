"""Writes for reports. Every service checks the viewer's permission, validates with Swedish
messages, writes the report's history in the same transaction, and leaves nothing half-stored.

The services live in this package's modules; every public name is re-exported here, so
`from trygg.reports import services` and `from trygg.reports.services import X` keep working."""

from .api_keys import api_key_create, api_key_revoke, hash_key
from .categories import categories_seed, category_create, category_update
from .citizen import CitizenReceipt, TooManyReports, citizen_report_submit, citizen_viewer
from .export_jobs import export_job_build, export_job_open, export_job_start
from .import_jobs import import_mapping_set, import_restart, import_run_for_real, import_start
from .intake import (
    CLOCK_SKEW,
    TRACKING_ALPHABET,
    ReportInput,
    report_create,
    report_create_with_photo,
)
from .photos import photo_add
from .retention import reports_purge_expired
from .tracking import (
    TooManyReopens,
    report_reopen_by_citizen,
    report_reply_public,
    status_subscription_cancel,
    status_subscription_token,
)
from .workflow import (
    EDITABLE,
    STATUS_FLOW,
    report_assign,
    report_comment,
    report_log_citizen_photo_read,
    report_log_original_read,
    report_mark_duplicate,
    report_set_status,
    report_update,
)

__all__ = [
    "CLOCK_SKEW",
    "EDITABLE",
    "STATUS_FLOW",
    "TRACKING_ALPHABET",
    "CitizenReceipt",
    "ReportInput",
    "TooManyReopens",
    "TooManyReports",
    "api_key_create",
    "api_key_revoke",
    "categories_seed",
    "category_create",
    "category_update",
    "citizen_report_submit",
    "citizen_viewer",
    "export_job_build",
    "export_job_open",
    "export_job_start",
    "hash_key",
    "import_mapping_set",
    "import_restart",
    "import_run_for_real",
    "import_start",
    "photo_add",
    "report_assign",
    "report_comment",
    "report_create",
    "report_create_with_photo",
    "report_log_citizen_photo_read",
    "report_log_original_read",
    "report_mark_duplicate",
    "report_reopen_by_citizen",
    "report_reply_public",
    "report_set_status",
    "report_update",
    "reports_purge_expired",
    "status_subscription_cancel",
    "status_subscription_token",
]
