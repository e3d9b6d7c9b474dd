"""Writes of the crime-proofing analyses: one per regelverk, its risks, its reviews."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..audit_events import ANALYSIS_CREATED, ANALYSIS_REVIEWED, RISK_ADDED, RISK_STATUS_CHANGED
from ..models import Analysis, Regelverk, Risk
from ..validation import refuse_personal_data

NO_REGELVERK = "Välj vilket regelverk analysen gäller."


@transaction.atomic
def analysis_create(
    *,
    viewer: Viewer,
    regelverk: str,
    owner: str,
    reviewed_on: date,
    review_months: int = 12,
    scope: str = "",
) -> Analysis:
    """Stores a regelverk's analysis; refused without a regelverk or with personal data."""
    require(viewer, "welfare.manage")
    if regelverk not in Regelverk.values:
        raise ValidationError({"regelverk": NO_REGELVERK})
    refuse_personal_data({"scope": scope, "owner": owner})
    analysis = Analysis.objects.create(
        municipality=viewer.municipality,
        regelverk=regelverk,
        scope=scope,
        owner=owner,
        review_months=review_months,
        reviewed_on=reviewed_on,
        created_by=viewer.user,
    )
    audit(viewer, ANALYSIS_CREATED, analysis, summary=str(analysis), regelverk=regelverk)
    return analysis


@transaction.atomic
def analysis_review(*, viewer: Viewer, analysis: Analysis, reviewed_on: date) -> Analysis:
    """Records that the analysis was gone through again on `reviewed_on`."""
    require(viewer, "welfare.manage")
    own(viewer, analysis)
    if reviewed_on < analysis.reviewed_on:
        raise ValidationError(
            {"reviewed_on": "Granskningen kan inte vara före den senaste granskningen."}
        )
    analysis.reviewed_on = reviewed_on
    analysis.save(update_fields=["reviewed_on"])
    audit(viewer, ANALYSIS_REVIEWED, analysis, summary=str(analysis), on=reviewed_on.isoformat())
    return analysis


@transaction.atomic
def risk_add(
    *,
    viewer: Viewer,
    analysis: Analysis,
    description: str,
    exploitation: str,
    likelihood: int,
    consequence: int,
    owner: str,
    proposed_change: str = "",
    status: str = Risk.Status.IDENTIFIERAD,
) -> Risk:
    """Adds a risk to the analysis; every free text is scanned for personal data."""
    require(viewer, "welfare.manage")
    own(viewer, analysis)
    refuse_personal_data(
        {
            "description": description,
            "exploitation": exploitation,
            "proposed_change": proposed_change,
            "owner": owner,
        }
    )
    risk = Risk.objects.create(
        municipality=viewer.municipality,
        analysis=analysis,
        description=description,
        exploitation=exploitation,
        likelihood=likelihood,
        consequence=consequence,
        proposed_change=proposed_change,
        owner=owner,
        status=status,
    )
    audit(viewer, RISK_ADDED, risk, summary=str(analysis), analysis=analysis.pk)
    return risk


@transaction.atomic
def risk_set_status(*, viewer: Viewer, risk: Risk, status: str) -> Risk:
    require(viewer, "welfare.manage")
    own(viewer, risk)
    if status not in Risk.Status.values:
        raise ValidationError({"status": "Välj en status."})
    risk.status = status
    risk.save(update_fields=["status"])
    audit(viewer, RISK_STATUS_CHANGED, risk, summary=risk.get_status_display(), status=status)
    return risk
