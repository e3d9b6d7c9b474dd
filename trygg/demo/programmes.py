"""The demo's programmes behind goals G4–G7 and grannsamverkan: one per kind, all fictional
and labelled as demo data. Each kind's demo module attaches its sessions, walks and messages
to the programme of its kind through `demo_programme`, so the names live here once."""

from datetime import date

from trygg.core.models import Municipality, Organisation
from trygg.programmes.models import Programme, ProgrammeKind
from trygg.programmes.models.register import KIND_GOAL

DEMO_LABEL = "(demodata)"

DEMO_PROGRAMMES: dict[str, str] = {
    ProgrammeKind.UNGDOMSAKTIVITETER: "Aktiviteter för unga i Köping",
    ProgrammeKind.NATTVANDRING: "Nattvandring i Köping",
    ProgrammeKind.KVINNOJOUR: "Stöd till kvinnojouren",
    ProgrammeKind.UNGA_POLIS: "Unga och polisen i samverkan",
    ProgrammeKind.SSPF: "SSPF i Köping",
    ProgrammeKind.FORALDRASTOD: "Föräldrastöd i Köping",
    ProgrammeKind.GRANNSAMVERKAN: "Grannsamverkan i Köping",
}


def demo_programme(*, municipality: Municipality, kind: str, owner: Organisation) -> Programme:
    """The demo programme of a kind, made the first time a demo module asks for it (inside
    the municipality's scope). The register's demo fills in its logic model and indicators."""
    programme, _ = Programme.objects.get_or_create(
        municipality=municipality,
        name=DEMO_PROGRAMMES[kind],
        defaults={
            "kind": kind,
            "goal": KIND_GOAL[kind],
            "owner": owner,
            "start": date(2025, 1, 1),
            "target_group": DEMO_LABEL,
        },
    )
    return programme
