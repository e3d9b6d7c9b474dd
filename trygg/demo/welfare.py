"""The demo's welfare-crime workspace for Köping (G8): analyses of three regelverk, a
control catalogue with a year of runs and a few pseudonymous cases. Everything is fictional
and labelled as demo data; the organisation numbers are made up (valid check digits, no real
company). Written through the welfare services as the handläggare would, by `valfard`."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from trygg.core.models import Municipality, Role
from trygg.core.viewer import Viewer
from trygg.welfare.models import Analysis
from trygg.welfare.services.analyses import analysis_create, risk_add
from trygg.welfare.services.cases import case_create
from trygg.welfare.services.controls import control_create, control_run

DEMO = "(demodata)"

ANALYSES = [
    (
        "ekonomiskt_bistand",
        "Enhetschef försörjningsstöd",
        [
            ("Inkomster från arbete redovisas inte", "Ersättning söks parallellt med lön", 3, 3,
             "Kontroll mot arbetsgivardeklarationer varje månad", "Enhetschef försörjningsstöd",
             "pagar"),
            ("Falska hyreskontrakt", "Högre hyra uppges än den som betalas", 2, 3,
             "Hyresavi begärs direkt från hyresvärden", "Socialsekreterare, mottagning",
             "inford"),
        ],
    ),
    (
        "hemtjanst_lov",
        "Avdelningschef äldreomsorg",
        [
            ("Tid rapporteras för besök som inte gjorts", "Utföraren fakturerar planerad tid", 3,
             4, "Digital besöksregistrering med stickprov", "Avdelningschef äldreomsorg",
             "identifierad"),
            ("Oseriös utförare godkänns", "Bolag byter företrädare efter godkännandet", 2, 4,
             "Bevakning av ändringar i företrädare hos utförarna", "Upphandlingschef",
             "pagar"),
        ],
    ),
    (
        "foreningsbidrag",
        "Fritidschef",
        [
            ("Medlemsantal överdrivs", "Bidraget räknas på uppgivna medlemmar", 3, 2,
             "Stickprov på närvarolistor varje halvår", "Fritidschef", "inford"),
        ],
    ),
]  # fmt: skip

CONTROLS = [
    ("Tillståndskontroll före utbetalning", "hemtjanst_lov", "Controller, socialförvaltningen",
     31),
    ("Ändrade företrädare hos utförare", "hemtjanst_lov", "Upphandlingschef", 92),
    ("Skatteskulder hos utförare", "assistans", "Controller, socialförvaltningen", 92),
    ("Uppföljning av avtalsvillkor", "iop", "Kultur- och fritidsförvaltningen", 183),
]  # fmt: skip

CASES = [
    # regelverk, kind, detection, days before today detected, paid, reclaimed, days to police
    ("hemtjanst_lov", "ej_utford", "kontroll", 300, 184_000, 96_000, 21, "5561234567"),
    ("ekonomiskt_bistand", "osanna_uppgifter", "handlaggning", 240, 62_000, 62_000, 35, ""),
    ("assistans", "bulvan", "underrattelse", 150, 410_000, 120_000, 14, "5566778899"),
    ("foreningsbidrag", "osanna_uppgifter", "tips", 90, 45_000, 30_000, None, "8024123450"),
    ("ekonomiskt_bistand", "dubbla", "kontroll", 40, 28_000, 0, None, ""),
    ("hemtjanst_lov", "forfalskning", "kontroll", 10, 75_000, 0, None, "5561234567"),
]


def load_demo_welfare(koping: Municipality) -> bool:
    """Adds the workspace once (inside Köping's scope); False when it is already there."""
    if Analysis.objects.filter(municipality=koping).exists():
        return False
    user = get_user_model().objects.get(username="valfard")
    viewer = Viewer(municipality=koping, roles=frozenset({Role.VALFARD}), user=user)
    today = timezone.localdate()
    for regelverk, owner, risks in ANALYSES:
        analysis = analysis_create(
            viewer=viewer,
            regelverk=regelverk,
            owner=owner,
            reviewed_on=today - timedelta(days=200),
            scope=f"Brottssäkring enligt Brås mall {DEMO}",
        )
        for description, exploitation, likelihood, consequence, change, risk_owner, status in risks:
            risk_add(
                viewer=viewer,
                analysis=analysis,
                description=description,
                exploitation=exploitation,
                likelihood=likelihood,
                consequence=consequence,
                proposed_change=change,
                owner=risk_owner,
                status=status,
            )
    controls = []
    year_ago = today - timedelta(days=365)
    for i, (name, regelverk, performer, frequency) in enumerate(CONTROLS):
        control = control_create(
            viewer=viewer,
            name=name,
            regelverk=regelverk,
            performer=performer,
            frequency=frequency,
            starts_on=year_ago,
            description=DEMO,
        )
        controls.append(control)
        run_on = year_ago + timedelta(days=frequency)
        # The last control is left a run behind, so the start page has one overdue.
        last = today - timedelta(days=frequency + 20 if i == len(CONTROLS) - 1 else 3)
        n = 0
        while run_on <= last:
            deviation = n % 4 == 2
            control_run(
                viewer=viewer,
                control=control,
                run_on=run_on,
                result="avvikelse" if deviation else "utan_avvikelse",
                checked=12 + n,
                deviations="Underlag saknades för två utbetalningar " + DEMO if deviation else "",
            )
            run_on += timedelta(days=frequency)
            n += 1
    for regelverk, kind, detection, ago, paid, reclaimed, to_police, orgnr in CASES:
        detected = today - timedelta(days=ago)
        case_create(
            viewer=viewer,
            regelverk=regelverk,
            kind=kind,
            detection=detection,
            control=controls[0] if detection == "kontroll" else None,
            detected_on=detected,
            organisation_number=orgnr,
            amount_paid=paid,
            amount_reclaimed=reclaimed,
            police_report_on=detected + timedelta(days=to_police) if to_police else None,
            notifications_sent=1 if detection == "underrattelse" else 0,
            notifications_received=1 if detection == "underrattelse" else 0,
            outcome="aterkrav" if reclaimed else "pagar",
            summary=f"Fiktivt ärende {DEMO}",
            closed_on=detected + timedelta(days=60) if ago > 200 else None,
        )
    return True
