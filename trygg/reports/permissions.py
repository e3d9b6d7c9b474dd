"""What each role may read of reports: role × sensitivity × own organisation.

The actions (reports.create, reports.triage, …) live in the product's one table in
trygg/core/permissions.py; this module adds the sensitivity matrix and turns both into the
queryset filter every report selector applies.
"""

from django.db.models import Q

from trygg.core.models import Role
from trygg.core.viewer import Viewer

from .models import Sensitivity

OPEN, INTERNAL, RESTRICTED = Sensitivity.OPPEN, Sensitivity.INTERN, Sensitivity.BEGRANSAD

# Sensitivity levels each role may read. A reporter always reads their own reports.
SENSITIVITY_ACCESS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset({OPEN, INTERNAL}),
    Role.SAMORDNARE: frozenset({OPEN, INTERNAL, RESTRICTED}),
    Role.ANALYTIKER: frozenset({OPEN, INTERNAL, RESTRICTED}),
    Role.RAPPORTOR: frozenset({OPEN, INTERNAL}),
    Role.POLIS: frozenset({OPEN, INTERNAL, RESTRICTED}),
    Role.RADSLEDAMOT: frozenset(),
}


def readable_sensitivities(viewer: Viewer) -> frozenset[str]:
    return frozenset().union(*(SENSITIVITY_ACCESS.get(r, frozenset()) for r in viewer.roles))


def report_visibility(viewer: Viewer) -> Q | None:
    """The filter on Report for what this viewer may read; None means nothing."""
    if not viewer.may("reports.view"):
        return None
    readable = readable_sensitivities(viewer)
    if readable >= set(Sensitivity.values) and viewer.may("reports.view_all_organisations"):
        # Everything is visible: no filter, so large aggregates read the indexes alone.
        return Q()
    visible = Q(sensitivity__in=readable)
    if not viewer.may("reports.view_all_organisations"):
        orgs = viewer.organisation_ids
        visible &= Q(organisation_id__in=orgs) | Q(assigned_organisation_id__in=orgs)
    if viewer.user_id is not None:
        visible |= Q(reporter_id=viewer.user_id)
    return visible


def may_read(viewer: Viewer, report) -> bool:
    """The same rule as report_visibility, for one report already in memory."""
    if not viewer.may("reports.view"):
        return False
    if viewer.user_id is not None and report.reporter_id == viewer.user_id:
        return True
    if report.sensitivity not in readable_sensitivities(viewer):
        return False
    if viewer.may("reports.view_all_organisations"):
        return True
    orgs = viewer.organisation_ids
    return report.organisation_id in orgs or report.assigned_organisation_id in orgs
