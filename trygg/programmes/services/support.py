"""Writes of the support programmes: kvinnojour agreements, annual reports and their review,
and the youth–police cooperation's and SSPF's quarterly counts, routines and forum.

No client or case data ever: every free text is scanned (dialog.textscan) and refused with
the reason, since a kvinnojour's client named in a municipal record can be put in danger."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.uploads import UploadRejected, check_zip
from trygg.dialog.textscan import scan

from .. import support_events as events
from ..models import (
    AgreementIndicator,
    AnnualReport,
    CooperationForum,
    CooperationRoutine,
    IndicatorReview,
    ProgrammeKind,
    QuarterCount,
    RecruitmentConcern,
    SupportAgreement,
)

MANAGE = "programmes.manage_support"
RECORD = "programmes.record_cooperation"
COOPERATION_KINDS = (ProgrammeKind.UNGA_POLIS, ProgrammeKind.SSPF)
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_REPORT_BYTES = 20 * 1024 * 1024
# The annual report is kept while its follow-up matters: the agreement's period and five more
# years (the default of a municipal dokumenthanteringsplan for grant documents; the review
# and its figures stay, only the file goes).
REPORT_KEEP_YEARS = 5


def check_text(errors: dict, field: str, text: str) -> None:
    """Adds the scan's reason to `errors[field]` when the text holds personal data."""
    if text:
        result = scan(text)
        if not result.clean:
            errors.setdefault(field, []).append(result.reason())


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _kind(programme, kinds, what: str) -> None:
    if programme.kind not in kinds:
        raise ValidationError({"programme": f"Programmet är inte {what}."})


@transaction.atomic
def agreement_create(
    *,
    viewer,
    programme,
    organisation,
    form: str,
    amount_sek,
    start: dt.date,
    end: dt.date,
    purpose: str = "",
    paid_sek=0,
) -> SupportAgreement:
    """Stores a kvinnojour agreement; refused without an organisation, with an end before its
    start, a negative amount or personal data in the purpose."""
    require(viewer, MANAGE)
    own(viewer, programme)
    _kind(programme, (ProgrammeKind.KVINNOJOUR,), "ett kvinnojoursprogram")
    errors: dict = {}
    if organisation is None:
        errors["organisation"] = ["Ange vilken organisation överenskommelsen gäller."]
    else:
        own(viewer, organisation)
    if amount_sek is None or amount_sek < 0:
        errors["amount_sek"] = ["Beloppet kan inte vara negativt."]
    if paid_sek is None or paid_sek < 0:
        errors["paid_sek"] = ["Utbetalt belopp kan inte vara negativt."]
    if start and end and end < start:
        errors["end"] = ["Slutdatum kan inte vara före startdatum."]
    check_text(errors, "purpose", purpose)
    _raise(errors)
    agreement = SupportAgreement.objects.create(
        municipality=viewer.municipality,
        programme=programme,
        organisation=organisation,
        form=form,
        amount_sek=amount_sek,
        paid_sek=paid_sek,
        start=start,
        end=end,
        purpose=purpose,
        created_by=viewer.user,
    )
    audit(
        viewer,
        events.AGREEMENT_CREATED,
        agreement,
        summary=f"Stödöverenskommelse ({agreement.get_form_display()}) registrerad",
        programme=programme.pk,
        organisation=organisation.pk,
    )
    return agreement


@transaction.atomic
def indicator_add(*, viewer, agreement, name: str, unit: str, target: int) -> AgreementIndicator:
    """Adds an agreed activity with its yearly target; the name is scanned like any text."""
    require(viewer, MANAGE)
    own(viewer, agreement)
    errors: dict = {}
    if not name.strip():
        errors["name"] = ["Ange aktiviteten."]
    if target is None or target < 0:
        errors["target"] = ["Målet kan inte vara negativt."]
    check_text(errors, "name", name)
    check_text(errors, "unit", unit)
    _raise(errors)
    indicator = AgreementIndicator.objects.create(
        municipality=viewer.municipality, agreement=agreement, name=name, unit=unit, target=target
    )
    audit(viewer, events.INDICATOR_ADDED, indicator, summary="Överenskommen aktivitet tillagd")
    return indicator


def _content_type(raw: bytes) -> str:
    """PDF or DOCX by the file's own bytes, not its name; anything else is refused."""
    if len(raw) > MAX_REPORT_BYTES:
        raise ValidationError({"file": "Filen är större än 20 MB."})
    if raw.startswith(b"%PDF-"):
        return PDF
    if raw.startswith(b"PK"):
        try:
            check_zip(raw, what="Filen")
        except UploadRejected as error:
            raise ValidationError({"file": str(error)}) from None
        if b"word/document.xml" in raw:
            return DOCX
    raise ValidationError({"file": "Årsrapporten ska vara en PDF- eller Word-fil (.docx)."})


@transaction.atomic
def report_upload(*, viewer, agreement, year: int, uploaded) -> AnnualReport:
    """Stores the annual report's file (PDF or DOCX, checked by content) for a year of the
    agreement's period; a second upload for the same year is refused."""
    require(viewer, MANAGE)
    own(viewer, agreement)
    if not agreement.start.year <= year <= agreement.end.year:
        raise ValidationError(
            {
                "year": f"Året ska ligga inom överenskommelsens period "
                f"({agreement.start.year}–{agreement.end.year})."
            }
        )
    if AnnualReport.objects.filter(agreement=agreement, year=year).exists():
        raise ValidationError({"year": "Årsrapporten för det året är redan uppladdad."})
    raw = uploaded.read()
    content_type = _content_type(raw)
    report = AnnualReport(
        municipality=viewer.municipality,
        agreement=agreement,
        year=year,
        content_type=content_type,
        size=len(raw),
        uploaded_by=viewer.user,
    )
    from django.core.files.base import ContentFile

    report.file.save("rapport", ContentFile(raw), save=False)
    report.save()
    audit(
        viewer,
        events.REPORT_UPLOADED,
        report,
        summary=f"Årsrapport {year} uppladdad",
        agreement=agreement.pk,
        year=year,
    )
    return report


def report_opened(*, viewer, report) -> None:
    """Records that the viewer opened the report's file (a restricted read)."""
    require(viewer, MANAGE)
    own(viewer, report)
    audit(viewer, events.REPORT_READ, report, summary=f"Årsrapport {report.year} öppnad")


@transaction.atomic
def report_review(
    *, viewer, report, follow_up: str, summary: str, assessments: list[dict]
) -> AnnualReport:
    """Stores the review: an assessment per agreed activity (`assessments`: indicator,
    reported, assessment, comment) and the follow-up status. Any text with personal data, or
    a negative reported figure, refuses the whole review so nothing is half stored."""
    require(viewer, MANAGE)
    own(viewer, report)
    errors: dict = {}
    check_text(errors, "summary", summary)
    if follow_up == AnnualReport.FollowUp.EJ_GRANSKAD:
        errors["follow_up"] = ["Välj en uppföljningsstatus för granskningen."]
    indicators = {i.pk: i for i in report.agreement.indicators.all()}
    for row in assessments:
        indicator = row["indicator"]
        if indicator.pk not in indicators:
            raise ValidationError("Aktiviteten hör inte till överenskommelsen.")
        field = f"ind_{indicator.pk}"
        if row["reported"] is None or row["reported"] < 0:
            errors.setdefault(field, []).append(
                f"{indicator.name}: redovisat kan inte vara negativt."
            )
        check_text(errors, field, row.get("comment", ""))
    _raise(errors)
    for row in assessments:
        IndicatorReview.objects.update_or_create(
            municipality=viewer.municipality,
            report=report,
            indicator=row["indicator"],
            defaults={
                "reported": row["reported"],
                "assessment": row["assessment"],
                "comment": row.get("comment", ""),
            },
        )
    report.follow_up = follow_up
    report.review_summary = summary
    report.reviewed_by = viewer.user
    report.reviewed_at = timezone.now()
    report.save(update_fields=["follow_up", "review_summary", "reviewed_by", "reviewed_at"])
    audit(
        viewer,
        events.REPORT_REVIEWED,
        report,
        summary=f"Årsrapport {report.year} granskad: {report.get_follow_up_display().lower()}",
        follow_up=follow_up,
    )
    return report


def reports_prune(*, municipality, today: dt.date | None = None) -> int:
    """Removes the files of annual reports past retention (the agreement's end year plus
    REPORT_KEEP_YEARS); the row, its review and figures stay. Returns how many went."""
    today = today or timezone.localdate()
    due = AnnualReport.objects.filter(
        municipality=municipality,
        file_removed_on__isnull=True,
        agreement__end__year__lt=today.year - REPORT_KEEP_YEARS,
    ).exclude(file="")
    pruned = 0
    for report in due:
        with transaction.atomic():
            report.file.delete(save=False)
            report.file_removed_on = today
            report.save(update_fields=["file", "file_removed_on"])
            pruned += 1
    if pruned:
        from trygg.core.audit import audit_log

        audit_log(
            event=events.REPORTS_PRUNED,
            municipality=municipality,
            summary=f"{pruned} årsrapportfiler gallrade",
        )
    return pruned


# --- Youth–police cooperation and SSPF --------------------------------------------------------


def _count_errors(counts: dict) -> dict:
    errors: dict = {}
    for field, value in counts.items():
        if value is None or value < 0:
            errors[field] = ["Antalet kan inte vara negativt."]
    if errors:
        return errors
    active = counts["open_at_start"] + counts["started"]
    if counts["ended"] > active:
        errors["ended"] = [
            f"Fler avslutade ({counts['ended']}) än pågående och påbörjade ({active})."
        ]
    if counts["goal_met"] > counts["ended"]:
        errors["goal_met"] = ["Fler med uppnått mål än avslutade."]
    if counts["consent"] > active:
        errors["consent"] = [
            f"Fler samtycken ({counts['consent']}) än ärenden i kvartalet ({active})."
        ]
    return errors


@transaction.atomic
def quarter_record(
    *, viewer, programme, year: int, quarter: int, counts: dict, concerns: dict
) -> QuarterCount:
    """Stores (or corrects) a quarter's aggregate counts and the recruitment concerns by area
    (`concerns`: area → count). Negative counts, more ended than open and started, more goal
    met than ended and more consents than cases are refused."""
    require(viewer, RECORD)
    own(viewer, programme)
    _kind(programme, COOPERATION_KINDS, "samverkan med polisen om unga eller SSPF")
    errors = _count_errors(counts)
    if not 1 <= quarter <= 4:
        errors["quarter"] = ["Kvartalet ska vara 1–4."]
    for area, n in concerns.items():
        own(viewer, area)
        if n is not None and n < 0:
            errors.setdefault(f"area_{area.pk}", []).append("Antalet kan inte vara negativt.")
    if dt.date(year, 3 * quarter - 2 if 1 <= quarter <= 4 else 1, 1) > timezone.localdate():
        errors.setdefault("quarter", []).append("Kvartalet har inte börjat än.")
    _raise(errors)
    row, created = QuarterCount.objects.update_or_create(
        municipality=viewer.municipality,
        programme=programme,
        year=year,
        quarter=quarter,
        defaults={**counts, "recorded_by": viewer.user},
    )
    for area, n in concerns.items():
        if n:
            RecruitmentConcern.objects.update_or_create(
                municipality=viewer.municipality, quarter=row, area=area, defaults={"count": n}
            )
        else:
            RecruitmentConcern.objects.filter(quarter=row, area=area).delete()
    audit(
        viewer,
        events.QUARTER_RECORDED,
        row,
        summary=f"{programme.get_kind_display()}: {year} kvartal {quarter} "
        + ("registrerat" if created else "rättat"),
        programme=programme.pk,
        year=year,
        quarter=quarter,
    )
    return row


@transaction.atomic
def routine_add(
    *, viewer, programme, title: str, description: str, agreed_on: dt.date, review_by: dt.date
) -> CooperationRoutine:
    """Stores an agreed routine with the date it is to be reviewed by; texts are scanned."""
    require(viewer, RECORD)
    own(viewer, programme)
    _kind(programme, COOPERATION_KINDS, "samverkan med polisen om unga eller SSPF")
    errors: dict = {}
    if review_by < agreed_on:
        errors["review_by"] = ["Översynen kan inte ligga före beslutet."]
    check_text(errors, "title", title)
    check_text(errors, "description", description)
    _raise(errors)
    routine = CooperationRoutine.objects.create(
        municipality=viewer.municipality,
        programme=programme,
        title=title,
        description=description,
        agreed_on=agreed_on,
        review_by=review_by,
    )
    audit(viewer, events.ROUTINE_ADDED, routine, summary="Samverkansrutin registrerad")
    return routine


@transaction.atomic
def routine_reviewed(*, viewer, routine, next_review_by: dt.date) -> CooperationRoutine:
    """Marks the routine reviewed today, due again by `next_review_by` (after today)."""
    require(viewer, RECORD)
    own(viewer, routine)
    today = timezone.localdate()
    if next_review_by <= today:
        raise ValidationError({"next_review_by": "Nästa översyn ska ligga efter i dag."})
    routine.last_reviewed_on = today
    routine.review_by = next_review_by
    routine.save(update_fields=["last_reviewed_on", "review_by"])
    audit(viewer, events.ROUTINE_REVIEWED, routine, summary="Samverkansrutin översedd")
    return routine


@transaction.atomic
def forum_link(*, viewer, programme, forum) -> CooperationForum:
    """Names the forum the cooperation meets in (its meetings stay in the forums app)."""
    require(viewer, MANAGE)
    own(viewer, programme, forum)
    _kind(programme, COOPERATION_KINDS, "samverkan med polisen om unga eller SSPF")
    link, _ = CooperationForum.objects.update_or_create(
        municipality=viewer.municipality, programme=programme, defaults={"forum": forum}
    )
    audit(viewer, events.FORUM_LINKED, link, summary="Forum kopplat till samverkan", forum=forum.pk)
    return link
