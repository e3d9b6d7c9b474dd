"""The demo's support programmes, fictional and labelled as demo data: an IOP with the
(fictional) "Kvinnojouren Demo i Köping" with its agreed activities, an annual report the demo
renders as a small PDF, uploaded and reviewed; a year of SSPF and youth–police quarterly
counts with recruitment concerns by district; and two routines, one past its review date.

Written through the support services, so the demo stores what the pages store."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from trygg.core.models import Organisation, Role
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.programmes.models import ProgrammeKind, SupportAgreement
from trygg.programmes.services import support as services

from .programmes import DEMO_LABEL, demo_programme

JOUR = f"Kvinnojouren Demo i Köping {DEMO_LABEL}"
ACTIVITIES = [("Stödsamtal", "samtal", 400, 372), ("Föreläsningar i skolor", "st", 12, 14)]
# (open at start, started, ended, goal met, consent) for each of the four quarters that ended
# last, so this year's follow-up and last year's both have figures.
QUARTERS = {
    ProgrammeKind.SSPF: [
        (14, 6, 5, 3, 18),
        (15, 7, 6, 4, 20),
        (16, 3, 4, 2, 17),
        (15, 8, 7, 5, 21),
    ],
    ProgrammeKind.UNGA_POLIS: [
        (9, 4, 3, 2, 12),
        (10, 5, 4, 3, 14),
        (11, 2, 3, 2, 12),
        (10, 6, 5, 3, 15),
    ],
}


def _viewer(municipality, username: str, role: str) -> Viewer:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    return Viewer(municipality=municipality, roles=frozenset({role}), user=user)


def _last_four_quarters(today) -> list[tuple[int, int]]:
    """(year, quarter) of the four quarters that ended before today, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3  # the last ended quarter (0: last year's Q4)
    out = []
    for _ in range(4):
        if quarter == 0:
            year, quarter = year - 1, 4
        out.append((year, quarter))
        quarter -= 1
    return out[::-1]


def _report_pdf(year: int) -> bytes:
    from trygg.documents.model import Document, column, heading, para, table
    from trygg.documents.pdf import render_pdf

    document = Document(
        title=f"Årsrapport {year}",
        subtitle=JOUR,
        footer="Demodata – fiktiv förening, inga klientuppgifter",
        blocks=[
            heading("Verksamheten i siffror"),
            table(
                [column("Aktivitet", width=3), column("Utfall", align="right")],
                [[name, str(reported)] for name, _, _, reported in ACTIVITIES],
            ),
            para("Rapporten är demodata och innehåller inga uppgifter om enskilda."),
        ],
    )
    return render_pdf(document, generated_at=timezone.now())


def load_demo_support(municipality) -> bool:
    """Loads the agreement, counts and routines once (inside the municipality's scope); False
    when they are already there."""
    if SupportAgreement.objects.filter(municipality=municipality, organisation__name=JOUR).exists():
        return False
    samordnare = _viewer(municipality, "samordnare", Role.SAMORDNARE)
    polis = _viewer(municipality, "polis", Role.POLIS)
    owner = Organisation.objects.filter(municipality=municipality).order_by("pk").first()
    jour, _ = Organisation.objects.get_or_create(
        municipality=municipality, name=JOUR, defaults={"kind": Organisation.Kind.FORENING}
    )
    last_year = timezone.localdate().year - 1
    programme = demo_programme(
        municipality=municipality, kind=ProgrammeKind.KVINNOJOUR, owner=owner
    )
    agreement = services.agreement_create(
        viewer=samordnare,
        programme=programme,
        organisation=jour,
        form=SupportAgreement.Form.IOP,
        amount_sek=Decimal(450000),
        paid_sek=Decimal(450000),
        start=date(last_year, 1, 1),
        end=date(last_year + 1, 12, 31),
        purpose="Jourtelefon, stödsamtal och förebyggande föreläsningar (demodata).",
    )
    indicators = [
        services.indicator_add(viewer=samordnare, agreement=agreement, name=n, unit=u, target=t)
        for n, u, t, _ in ACTIVITIES
    ]
    report = services.report_upload(
        viewer=samordnare,
        agreement=agreement,
        year=last_year,
        uploaded=SimpleUploadedFile("arsrapport.pdf", _report_pdf(last_year)),
    )
    services.report_review(
        viewer=samordnare,
        report=report,
        follow_up="godkand",
        summary="Verksamheten följer överenskommelsen; stödsamtalen något under målet.",
        assessments=[
            {
                "indicator": indicator,
                "reported": reported,
                "assessment": "uppnatt" if reported >= target else "delvis",
                "comment": "",
            }
            for indicator, (_, _, target, reported) in zip(indicators, ACTIVITIES, strict=True)
        ],
    )
    districts = list(
        Area.objects.filter(municipality=municipality, kind=Area.Kind.STADSDEL).order_by("name")[:3]
    )
    today = timezone.localdate()
    for kind, quarters in QUARTERS.items():
        cooperation = demo_programme(municipality=municipality, kind=kind, owner=owner)
        for (year, number), (open_, started, ended, goal, consent) in zip(
            _last_four_quarters(today), quarters, strict=True
        ):
            services.quarter_record(
                viewer=polis if kind == ProgrammeKind.UNGA_POLIS else samordnare,
                programme=cooperation,
                year=year,
                quarter=number,
                counts={
                    "open_at_start": open_,
                    "started": started,
                    "ended": ended,
                    "goal_met": goal,
                    "consent": consent,
                },
                concerns={area: (number + i) % 4 for i, area in enumerate(districts)},
            )
        if kind == ProgrammeKind.SSPF:
            services.routine_add(
                viewer=samordnare,
                programme=cooperation,
                title="Skolan kallar till SSPF-möte vid upprepad frånvaro",
                description="Rektor kontaktar socialtjänsten inom en vecka (demodata).",
                agreed_on=today - timedelta(days=400),
                review_by=today - timedelta(days=20),
            )
            services.routine_add(
                viewer=samordnare,
                programme=cooperation,
                title="Polisen meddelar fältgruppen efter helgens händelser",
                description="Varje måndag, utan namn på enskilda (demodata).",
                agreed_on=today - timedelta(days=100),
                review_by=today + timedelta(days=180),
            )
    return True
