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


# --- The register's demo: each programme's logic model, partners and indicators ------------

# Fictional associations and companies, named as demo data so nobody takes them for real.
DEMO_PARTNERS = {
    "Föreningen Vuxna på stan (demodata)": Organisation.Kind.FORENING,
    "Köpings idrottsallians (demodata)": Organisation.Kind.FORENING,
    "Kvinnojouren Trygga rum (demodata)": Organisation.Kind.FORENING,
    "Handlarna i centrum (demodata)": Organisation.Kind.NARINGSLIV,
}

# kind → (problem, activity, mechanism, short term, long term, [(partner, agreement, role)],
#         [(level, indicator, unit, target)])
DEMO_LOGIC: dict[str, tuple] = {
    ProgrammeKind.UNGDOMSAKTIVITETER: (
        "Unga 13–17 år saknar platser att vara på kvällstid och samlas i centrum.",
        "Öppna aktiviteter i idrottshallar och föreningslokaler fredag och lördag kväll.",
        "Meningsfull fritid med vuxna närvarande minskar tiden i otrygga miljöer.",
        "Fler unga deltar i organiserade aktiviteter på kvällstid.",
        "Färre unga involverade i skadegörelse och brott.",
        [("Köpings idrottsallians (demodata)", "iop", "Håller hallarna öppna")],
        [("prestation", "Genomförda aktivitetstillfällen", "st", 80)],
    ),
    ProgrammeKind.NATTVANDRING: (
        "Oro och skadegörelse i centrum och vid Resecentrum helgkvällar.",
        "Vuxna nattvandrar i grupp om minst två fredag och lördag kväll.",
        "Synliga vuxna ökar den informella kontrollen och unga får någon att prata med.",
        "Fler vuxna ute helgkvällar; unga i riskmiljöer får kontakt.",
        "Mindre skadegörelse och ökad trygghet i centrum.",
        [("Föreningen Vuxna på stan (demodata)", "iop", "Organiserar vandringarna")],
        [
            ("prestation", "Genomförda nattvandringar", "st", 60),
            ("lang", "Rapporterad skadegörelse i centrum", "st", None),
        ],
    ),
    ProgrammeKind.KVINNOJOUR: (
        "Våld i nära relationer är underrapporterat och stödet räcker inte till.",
        "Stöd till kvinnojouren genom IOP: jourtelefon, stödsamtal och skyddat boende.",
        "Tillgängligt stöd gör att fler söker hjälp tidigt.",
        "Fler stödsamtal och kortare väntan.",
        "Färre upprepade våldsutsättningar.",
        [("Kvinnojouren Trygga rum (demodata)", "iop", "Driver jouren")],
        [("prestation", "Stödsamtal", "st", 300)],
    ),
    ProgrammeKind.UNGA_POLIS: (
        "Unga rekryteras in i kriminalitet utan att någon vuxen fångar signalerna.",
        "Regelbundna samverkansmöten mellan polis, skola och socialtjänst om unga.",
        "Tidig upptäckt gör att insatser sätts in innan brottsligheten etableras.",
        "Fler tidiga insatser med samtycke.",
        "Minskad rekrytering av unga till brott.",
        [],
        [("kort", "Påbörjade insatser med samtycke", "st", 20)],
    ),
    ProgrammeKind.SSPF: (
        "Unga i riskzon fångas inte upp över verksamhetsgränserna.",
        "SSPF-team med skola, socialtjänst, polis och fritid kring enskilda unga.",
        "Samordnade insatser kring den unge ger större effekt än var för sig.",
        "Fler ärenden där målet uppnås.",
        "Färre unga som återfaller i brott.",
        [],
        [("kort", "Avslutade ärenden med uppnått mål", "%", 60)],
    ),
    ProgrammeKind.FORALDRASTOD: (
        "Föräldrar känner sig osäkra på hur de kan skydda sina barn mot brott och droger.",
        "Föreläsningar och föräldrakurser på skolor och bibliotek.",
        "Kunskap och nätverk gör föräldrar bättre rustade att sätta gränser.",
        "Fler föräldrar deltar och känner sig tryggare i sin roll.",
        "Färre unga som debuterar i droger och brott.",
        [("Handlarna i centrum (demodata)", "bidrag", "Sponsrar lokal och fika")],
        [("prestation", "Deltagare på föreläsningar", "deltagare", 200)],
    ),
    ProgrammeKind.GRANNSAMVERKAN: (
        "Bostadsinbrott i villaområden oroar de boende.",
        "Grannsamverkan med kontaktombud, skyltning och områdesmeddelanden från polisen.",
        "Grannar som ser och säger till gör inbrott svårare och mer riskabelt.",
        "Fler områden med aktiv grannsamverkan.",
        "Färre bostadsinbrott (Brå: −16 till −26 % i utvärderingar).",
        [],
        [("lang", "Bostadsinbrott i områdena", "st", None)],
    ),
}


def load_demo_programmes(municipality: Municipality) -> int:
    """Every demo programme with its logic model, partners and indicators, written through
    the register's services as the samordnare would. Idempotent: a programme whose logic
    model is filled in is left as it is. Returns how many were filled in."""
    from trygg.core.models import Role
    from trygg.core.viewer import Viewer
    from trygg.programmes.services import register as services

    owner = Organisation.objects.filter(municipality=municipality).order_by("pk").first()
    if owner is None:
        return 0
    viewer = Viewer(municipality=municipality, roles=frozenset({Role.SAMORDNARE}))
    partners = {
        name: Organisation.objects.get_or_create(
            municipality=municipality, name=name, defaults={"kind": kind}
        )[0]
        for name, kind in DEMO_PARTNERS.items()
    }
    filled = 0
    for kind, (
        problem,
        activity,
        mechanism,
        short,
        long,
        with_whom,
        indicators,
    ) in DEMO_LOGIC.items():
        programme = demo_programme(municipality=municipality, kind=kind, owner=owner)
        if programme.mechanism:
            continue
        services.programme_save(
            viewer=viewer,
            programme=programme,
            kind=kind,
            name=programme.name,
            owner=programme.owner,
            start=programme.start,
            goal=programme.goal,
            target_group=programme.target_group,
            areas=list(programme.areas.all()),
            problem=problem,
            activity=activity,
            mechanism=mechanism,
            short_term_outcome=short,
            long_term_outcome=long,
        )
        for partner, agreement, role in with_whom:
            services.partner_add(
                viewer=viewer,
                programme=programme,
                organisation=partners[partner],
                agreement=agreement,
                role=role,
            )
        for level, name, unit, target in indicators:
            services.indicator_add(
                viewer=viewer, programme=programme, level=level, name=name, unit=unit, target=target
            )
        filled += 1
    return filled
