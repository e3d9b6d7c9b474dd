"""Writes and audited reads of the pseudonymous case log, and its retention (gallring)."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.audit import audit_log
from trygg.core.kernel import audit, own, require
from trygg.core.viewer import Viewer

from ..audit_events import CASE_CREATED, CASE_READ, CASE_UPDATED, CASES_EXPORTED, CASES_PURGED
from ..models import Case, Regelverk
from ..models.analyses import add_months
from ..validation import normalise_organisation_number, refuse_personal_data

# Closed case references are kept five years after closing, then deleted. Five years covers
# two full rounds of the biennial lägesbild and åtgärdsplan (lag 2023:196) plus the year in
# progress, so every follow-up can compare with the previous round; the case itself, with
# the person, is kept (and culled) in the social-services systems, not here.
KEEP_CLOSED_YEARS = 5

FIELDS = (
    "regelverk",
    "kind",
    "detection",
    "control",
    "detected_on",
    "organisation_number",
    "amount_paid",
    "amount_reclaimed",
    "police_report_on",
    "notifications_sent",
    "notifications_received",
    "outcome",
    "summary",
    "closed_on",
)


def _clean(viewer: Viewer, values: dict) -> dict:
    """The values as stored, or a ValidationError with every problem at its field."""
    errors: dict[str, str] = {}
    if values.get("regelverk") not in Regelverk.values:
        errors["regelverk"] = "Välj vilket område ärendet gäller."
    try:
        values["organisation_number"] = normalise_organisation_number(
            values.get("organisation_number", "")
        )
    except ValidationError as error:
        errors["organisation_number"] = error.messages[0]
    try:
        refuse_personal_data({"summary": values.get("summary", "")})
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    detected = values.get("detected_on")
    reported = values.get("police_report_on")
    closed = values.get("closed_on")
    if detected and reported and reported < detected:
        errors["police_report_on"] = "Polisanmälan kan inte vara före upptäckten."
    if detected and closed and closed < detected:
        errors["closed_on"] = "Ärendet kan inte avslutas före upptäckten."
    if (values.get("amount_reclaimed") or 0) > (values.get("amount_paid") or 0):
        errors["amount_reclaimed"] = "Det återkrävda beloppet är större än det utbetalda."
    control = values.get("control")
    if control is not None:
        own(viewer, control)
    if errors:
        raise ValidationError(errors)
    for amount in ("amount_paid", "amount_reclaimed"):
        values[amount] = values.get(amount) or Decimal(0)
    return values


def _next_reference(municipality, year: int) -> str:
    prefix = f"VB-{year}-"
    taken = Case.objects.filter(municipality=municipality, reference__startswith=prefix).count()
    return f"{prefix}{taken + 1:03d}"


@transaction.atomic
def case_create(*, viewer: Viewer, **values) -> Case:
    """Logs a pseudonymous case. It has no field for a person; its text is scanned and an
    individual's number refused, with the reason at the field."""
    require(viewer, "welfare.manage_cases")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Okända fält: {sorted(unknown)}")
    values = _clean(viewer, values)
    case = Case(
        municipality=viewer.municipality,
        created_by=viewer.user,
        reference=_next_reference(viewer.municipality, values["detected_on"].year),
        **values,
    )
    case.save()
    audit(viewer, CASE_CREATED, case, summary=case.reference, regelverk=case.regelverk)
    return case


@transaction.atomic
def case_update(*, viewer: Viewer, case: Case, **values) -> Case:
    require(viewer, "welfare.manage_cases")
    own(viewer, case)
    current = {name: getattr(case, name) for name in FIELDS}
    values = _clean(viewer, {**current, **values})
    changed = [name for name in FIELDS if values[name] != current[name]]
    for name in changed:
        setattr(case, name, values[name])
    if changed:
        case.save(update_fields=changed)
        audit(viewer, CASE_UPDATED, case, summary=case.reference, fields=changed)
    return case


def case_read(*, viewer: Viewer, pk: int) -> Case | None:
    """The case for its page, and an audit row saying who read it; None (a 404) for
    another municipality's case or a viewer who may not read cases."""
    if not viewer.may("welfare.view_cases"):
        return None
    case = (
        Case.objects.filter(municipality=viewer.municipality, pk=pk)
        .select_related("control")
        .first()
    )
    if case is not None:
        audit(viewer, CASE_READ, case, summary=case.reference)
    return case


def cases_export_csv(*, viewer: Viewer, cases) -> str:
    """The cases as CSV (semicolon, for Swedish Excel), with one audit row naming the
    references exported."""
    require(viewer, "welfare.view_cases")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "Referens", "Område", "Typ", "Upptäckt genom", "Upptäckt", "Organisationsnummer",
            "Utbetalt (kr)", "Återkrävt (kr)", "Polisanmält", "Underrättelser skickade",
            "Underrättelser mottagna", "Utfall", "Avslutat",
        ]
    )  # fmt: skip
    references = []
    for case in cases:
        references.append(case.reference)
        writer.writerow(
            [
                case.reference,
                case.get_regelverk_display(),
                case.get_kind_display(),
                case.get_detection_display(),
                case.detected_on.isoformat(),
                case.organisation_number,
                int(case.amount_paid),
                int(case.amount_reclaimed),
                case.police_report_on.isoformat() if case.police_report_on else "",
                case.notifications_sent,
                case.notifications_received,
                case.get_outcome_display(),
                case.closed_on.isoformat() if case.closed_on else "",
            ]
        )
    audit(viewer, CASES_EXPORTED, summary=f"{len(references)} ärenden", references=references)
    return out.getvalue()


def cases_purge(*, today: date | None = None) -> int:
    """Deletes case references closed more than KEEP_CLOSED_YEARS ago, in every
    municipality, with one audit row per municipality; returns how many were deleted."""
    today = today or timezone.localdate()
    cutoff = add_months(today, -12 * KEEP_CLOSED_YEARS)
    deleted = 0
    # The daily job runs for every municipality at once.
    with scopes_disabled(), transaction.atomic():
        old = Case.objects.filter(closed_on__lt=cutoff)
        by_municipality: dict = {}
        for case in old.select_related("municipality"):
            by_municipality.setdefault(case.municipality, []).append(case.pk)
        for municipality, pks in by_municipality.items():
            Case.objects.filter(pk__in=pks).delete()
            audit_log(
                event=CASES_PURGED,
                municipality=municipality,
                summary=f"{len(pks)} ärenden avslutade före {cutoff.isoformat()}",
                data={"count": len(pks), "before": cutoff.isoformat()},
            )
            deleted += len(pks)
    return deleted
