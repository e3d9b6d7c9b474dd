"""Small helpers for the support tests: a kvinnojour programme with an agreement and an
indicator, a cooperation programme, and a tiny PDF."""

from datetime import date
from decimal import Decimal

from django_scopes import scopes_disabled

from tests.helpers import make_organisation
from trygg.core.models import Organisation
from trygg.programmes.models import (
    AgreementIndicator,
    Programme,
    ProgrammeKind,
    SupportAgreement,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GOALS = {ProgrammeKind.KVINNOJOUR: "G5", ProgrammeKind.UNGA_POLIS: "G6", ProgrammeKind.SSPF: "G6"}


def make_programme(municipality, owner, kind=ProgrammeKind.KVINNOJOUR):
    with scopes_disabled():
        return Programme.objects.create(
            municipality=municipality,
            kind=kind,
            goal=GOALS[kind],
            name=f"{kind} i {municipality.name}",
            owner=owner,
            start=date(2025, 1, 1),
        )


def make_agreement(municipality, owner, *, target=40):
    with scopes_disabled():
        programme = make_programme(municipality, owner)
        jour = make_organisation(
            municipality, f"Kvinnojouren {municipality.name}", kind=Organisation.Kind.FORENING
        )
        agreement = SupportAgreement.objects.create(
            municipality=municipality,
            programme=programme,
            organisation=jour,
            form=SupportAgreement.Form.IOP,
            amount_sek=Decimal(300000),
            paid_sek=Decimal(150000),
            start=date(2025, 1, 1),
            end=date(2026, 12, 31),
        )
        AgreementIndicator.objects.create(
            municipality=municipality,
            agreement=agreement,
            name="Stödsamtal",
            unit="samtal",
            target=target,
        )
        return agreement
