"""The strategic half of the Köping demo, the whole cycle the law (2023:196) asks for: a year
of BRÅ and EST meetings (councils.py), a strategic lägesbild for the last two years drafted
from the demo reports by strategy's own drafting service and decided by Kommunstyrelsen, two
problem pictures, an åtgärdsplan with measures, indicators and follow-ups, and a published
medborgarlöfte with activities and how they went.

Everything is written through the apps' services (permission, validation, audit), as the
säkerhetssamordnare would. Dates count back from when the demo reports were generated, so
the measure at Stora Torget starts the day the reports' graffiti there halves (reports.py)
and its effect, computed from the reports at page time, is real; nothing of it is stored.
No official statistics are invented: Köping's lägesbild says they are not in the demo (the
real statistics are Ludvika's). People named are the demo's invented members."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from trygg.core.models import Municipality, Organisation, Role
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.reports.models import Category
from trygg.reports.selectors import ReportFilter
from trygg.strategy import services
from trygg.strategy.models import (
    Goal,
    Indicator,
    Measure,
    PromiseActivity,
    StrategicPicture,
)

from .councils import load_demo_council_year, workday_before
from .reports import EFFECT_DAYS, demo_reports_loaded_at

# The draft's hint to whoever imports statistics, replaced in the decided text by what the
# demo can truthfully say.
IMPORT_HINT = (
    "Ingen officiell brottsstatistik är importerad ännu; importera BRÅ:s statistik "
    "under Brottsstatistik för att jämföra med länet och riket."
)
NO_STATISTICS = (
    "BRÅ:s officiella statistik för Köping ingår inte i demodata, så jämförelsen med länet "
    "och riket saknas här; demokommunen Ludvika visar den med verkliga siffror."
)

KONSEKVENSER = """

Skadegörelsen drabbar framför allt kommunens fastigheter, Köpingebostäders bestånd och
busshållplatserna i centrum. Utöver kostnaden beskriver boende och näringsidkare i
trygghetsvandringen att klotter och krossade rutor gör att torget känns övergivet
kvällstid, vilket får fler att undvika det. Oron för mopedåkning på gångvägar och för
grupper av unga i Köping nordväst gör att äldre boende undviker att gå ut efter mörkrets
inbrott."""

ORSAKER = """Polisens bedömning i lägesbildsmötena är att skadegörelsen i centrum till stor del
begås av ett mindre antal unga helgkvällar, där torget och Resecentrum är samlingsplatser
när annat är stängt. Sanering som dröjer gör att nytt klotter följer på det gamla. I Köping
nordväst saknas öppna mötesplatser för unga fredag och lördag kväll.

"""

KALLOR = """
- Problembilderna för centrum och Köping nordväst (BRÅ, våren).
- Trygghetsvandringen i centrum och lägesbildsmötenas protokoll."""


def _samordnare(municipality: Municipality, orgs: dict) -> Viewer:
    return Viewer(
        municipality=municipality,
        roles=frozenset({Role.SAMORDNARE}),
        organisation_ids=frozenset(o.pk for o in orgs.values()),
        user=get_user_model().objects.filter(username="samordnare").first(),
    )


def load_demo_cycle(municipality: Municipality) -> bool:
    """Creates the cycle once; does nothing when the municipality has a strategic lägesbild."""
    if StrategicPicture.objects.filter(municipality=municipality).exists():
        return False
    loaded_at = demo_reports_loaded_at(municipality) or timezone.now()
    day0 = timezone.localtime(loaded_at).date()
    orgs = {o.name: o for o in Organisation.objects.filter(municipality=municipality)}
    viewer = _samordnare(municipality, orgs)
    areas = {
        a.name: a for a in Area.objects.filter(municipality=municipality, kind=Area.Kind.STADSDEL)
    }
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    meetings = load_demo_council_year(viewer=viewer, day0=day0, orgs=orgs)
    picture = _picture(viewer, day0)
    focus = _focus_area(viewer, meetings["est-300"], areas)
    problems = _problems(viewer, areas, categories, focus)
    _plan(viewer, day0, picture, problems, orgs, areas, categories)
    _promise(viewer, day0, focus)
    from .walks import load_demo_walk

    load_demo_walk(viewer=viewer, day0=day0, meetings=meetings, orgs=orgs, areas=areas)
    return True


def _picture(viewer: Viewer, day0: date) -> StrategicPicture:
    """Drafted from the demo's data for the last two years, completed by hand, sent on
    remiss to BRÅ and decided by Kommunstyrelsen."""
    end_year = day0.year
    picture = services.strategic_picture_draft(
        viewer=viewer, start_year=end_year - 1, end_year=end_year
    )
    drafted = picture.versions.get().sections
    services.strategic_picture_save(
        viewer=viewer,
        picture=picture,
        sections={
            "omfattning": drafted.get("omfattning", "").replace(IMPORT_HINT, NO_STATISTICS),
            "konsekvenser": drafted.get("konsekvenser", "") + KONSEKVENSER,
            "orsaker": ORSAKER + drafted.get("orsaker", ""),
            "kallor": drafted.get("kallor", "") + KALLOR,
        },
        note="Konsekvenser och orsaker kompletterade efter BRÅ:s möten",
    )
    services.strategic_picture_set_status(
        viewer=viewer, picture=picture, status=StrategicPicture.Status.REMISS
    )
    return services.strategic_picture_set_status(
        viewer=viewer,
        picture=picture,
        status=StrategicPicture.Status.BESLUTAD,
        decided_by="Kommunstyrelsen",
        decided_on=workday_before(day0, 30),
        decision_paragraph="§ 142",
    )


def _focus_area(viewer: Viewer, decided_at, areas):
    held = timezone.localtime(decided_at.held_at).date()
    number = decided_at.decisions.order_by("number").first().paragraph
    return services.focus_area_save(
        viewer=viewer,
        title="Ett tryggare centrum kvällstid",
        description="Stora Torget och Resecentrum ska kännas trygga att passera och vistas på "
        "kvällar och helger, för alla åldrar.",
        decided_on=held,
        decision_reference=f"EST-gruppen {held:%Y-%m-%d} {number}",
        status="aktivt",
        areas=[areas["Köping centrala"], areas["Köping västra omland"]],
    )


def _query(**filters) -> str:
    return ReportFilter(**filters).to_query()


def _problems(viewer: Viewer, areas, categories, focus):
    """Two problem pictures (SARA) whose figures come from the demo reports."""
    centrum = services.problem_save(
        viewer=viewer,
        title="Klotter och skadegörelse kring Stora Torget",
        scanning="Klotter är den vanligaste kategorin i inrapporteringen och ökade under två "
        "år, mest kring Stora Torget. Kostnaderna bärs av Tekniska förvaltningen och "
        "Köpingebostäder.",
        analysis_where="Fasader, elskåp och busskurer runt torget och på vägen mot Resecentrum.",
        analysis_when="Fredag och lördag kväll och natt, mest under sommarhalvåret.",
        analysis_who="Fastighetsägare, handlare vid torget och de som väntar på bussen.",
        analysis_why="Få vuxna i rörelse sent på kvällen, dålig belysning på torgets norra "
        "sida och klotter som fick sitta kvar i veckor.",
        response="Sanering inom ett dygn, ny belysning och nattvandring helgkvällar.",
        assessment="Effekten mäts med rapporterat klotter i Köping centrala jämfört med "
        "Köping nordväst, lika långa perioder före och efter starten.",
        report_query=_query(
            categories=[categories["klotter"].pk], area=areas["Köping centrala"].pk
        ),
        areas=[areas["Köping centrala"]],
        focus_areas=[focus],
    )
    unga = services.problem_save(
        viewer=viewer,
        title="Mopedåkning och grupperingar av unga i Köping nordväst",
        scanning="Boende kring Nibblesbacke centrum och Karlbergsskolan rapporterar "
        "mopedåkning på gångvägar och grupper av unga som samlas kvällstid.",
        analysis_where="Gångvägarna mellan Nibblesbacke centrum och Karlbergsskolan.",
        analysis_when="Vardagskvällar under terminerna och helgkvällar året om.",
        analysis_who="Äldre boende och barn på väg till och från skolan och fritidsaktiviteter.",
        analysis_why="Fritidsgården stängde tidigt på helgerna och de unga saknade en "
        "samlingsplats; enligt polisen är det inte fråga om organiserad brottslighet.",
        response="Kvällsöppen fritidsgård fredag–lördag och föräldraträffar.",
        assessment="Följs med rapporter om grupperingar och mopedåkning per kvartal och "
        "besökare på fritidsgården.",
        report_query=_query(
            categories=[categories["mopedbuskorning"].pk, categories["grupperingar"].pk],
            area=areas["Köping nordväst"].pk,
        ),
        areas=[areas["Köping nordväst"]],
    )
    return centrum, unga


def _plan(viewer: Viewer, day0: date, picture, problems, orgs, areas, categories):
    """The plan built on the decided lägesbild, decided at the same Kommunstyrelsen
    meeting; its measures started as trials decided by BRÅ and EST during the year."""
    centrum, unga = problems
    plan = services.plan_save(
        viewer=viewer,
        title=f"Åtgärdsplan mot brott och otrygghet {picture.start_year}–{picture.end_year}",
        start_year=picture.start_year,
        end_year=picture.end_year,
        picture=picture,
        follow_up_months=3,
    )
    end = date(picture.end_year, 12, 31)
    effect_start = day0 - timedelta(days=EFFECT_DAYS)
    sanering = services.measure_save(
        viewer=viewer,
        plan=plan,
        title="Klotter saneras inom ett dygn och Stora Torget får ny belysning",
        description="Startade som försök efter beslut i EST-gruppen och ingår nu i planen. "
        "Anmält klotter på kommunens och Köpingebostäders fastigheter runt torget tas bort "
        "inom ett dygn; torgets norra sida har fått ny belysning.",
        problem=centrum,
        owner=orgs["Tekniska förvaltningen"],
        owner_person="Gatuchefen",
        start=effect_start,
        end=end,
        budget_sek=450000,
        goal=Goal.G2,
        area=areas["Köping centrala"],
        comparison_area=areas["Köping nordväst"],
        effect_category=categories["klotter"],
    )
    fritidsgard = services.measure_save(
        viewer=viewer,
        plan=plan,
        title="Kvällsöppen fritidsgård i Nibblesbacke fredag och lördag",
        description="Fritidsgården har öppet till midnatt fredag och lördag med två "
        "fritidsledare och en fältassistent.",
        problem=unga,
        owner=orgs["Kultur- och fritidsförvaltningen"],
        owner_person="Fritidschefen",
        start=day0 - timedelta(days=200),
        end=end,
        budget_sek=620000,
        goal=Goal.G4,
    )
    nattvandring = services.measure_save(
        viewer=viewer,
        plan=plan,
        title="Nattvandring vid Stora Torget och Resecentrum helgkvällar",
        description="Nattvandrarna går fredag och lördag kväll; kommunen står för "
        "utbildning, västar och fika.",
        problem=centrum,
        owner=orgs["Nattvandrarna i Köping"],
        start=day0 - timedelta(days=240),
        end=end,
        budget_sek=60000,
        goal=Goal.G5,
    )
    foraldrar = services.measure_save(
        viewer=viewer,
        plan=plan,
        title="Föräldraträffar om unga och kriminalitet på högstadieskolorna",
        description="Socialförvaltningen och polisen träffar föräldrar på varje "
        "högstadieskola en gång per termin.",
        problem=unga,
        owner=orgs["Socialförvaltningen"],
        start=day0 - timedelta(days=100),
        end=end,
        budget_sek=40000,
        goal=Goal.G7,
    )
    services.indicator_add(
        viewer=viewer,
        measure=sanering,
        name="Rapporterat klotter i Köping centrala per kvartal",
        kind=Indicator.Kind.DATA,
        category=categories["klotter"],
        area=areas["Köping centrala"],
        target=20,
        lower_is_better=True,
    )
    services.indicator_add(
        viewer=viewer,
        measure=fritidsgard,
        name="Rapporter om grupperingar i Köping nordväst per kvartal",
        kind=Indicator.Kind.DATA,
        category=categories["grupperingar"],
        area=areas["Köping nordväst"],
        target=8,
        lower_is_better=True,
    )
    # Counts the measures' owners keep themselves (the demo's own, not statistics).
    for measure, name, target, values in (
        (fritidsgard, "Besökare per kväll fredag–lördag (snitt)", 30, ((180, 18), (90, 26))),
        (nattvandring, "Nattvandringspass per månad", 8, ((210, 4), (120, 7), (30, 9))),
        (foraldrar, "Föräldrar som deltagit i träffarna", 150, ((60, 48), (20, 95))),
    ):
        indicator = services.indicator_add(
            viewer=viewer,
            measure=measure,
            name=name,
            kind=Indicator.Kind.MANUELL,
            target=target,
            lower_is_better=False,
        )
        for days, value in values:
            services.indicator_value_add(
                viewer=viewer, indicator=indicator, on=day0 - timedelta(days=days), value=value
            )
    pagar = Measure.Status.PAGAR
    for measure, days, text in (
        (sanering, 180, "Saneringen fungerar; 9 av 10 anmälningar åtgärdade inom ett dygn."),
        (sanering, 90, "Belysningen på torgets norra sida är klar. Färre nya klotter."),
        (sanering, 10, "Klottret i Köping centrala har minskat mer än i jämförelseområdet."),
        (fritidsgard, 120, "Öppet varje fredag och lördag sedan starten, fler besökare."),
        (fritidsgard, 15, "Besöken ökar; bemanningen räcker till och med december."),
        # Followed up last four months ago: overdue with a plan followed up every three.
        (nattvandring, 125, "Sju vuxna har gått utbildningen; vi behöver fler till hösten."),
        (foraldrar, 20, "Träffar hållna på två av tre skolor, den tredje i januari."),
    ):
        services.follow_up_add(
            viewer=viewer, measure=measure, on=day0 - timedelta(days=days), status=pagar, text=text
        )
    return services.plan_decide(
        viewer=viewer,
        plan=plan,
        decided_by="Kommunstyrelsen",
        decided_on=workday_before(day0, 30),
        decision_paragraph="§ 143",
    )


def _promise(viewer: Viewer, day0: date, focus):
    """The year's medborgarlöfte, signed early in the year and published, with its
    activities and how they went."""
    signed_on = workday_before(day0, 280)
    promise = services.promise_save(
        viewer=viewer,
        year=signed_on.year,
        title="Tryggare kvällar i centrum",
        introduction="Köpings kommun och polisen lovar att tillsammans göra Stora Torget och "
        "Resecentrum tryggare kvällar och helger. Löftet bygger på vad ni berättade i "
        "trygghetsvandringen och i rapporterna till kommunen.",
        focus_areas=[focus],
        signed_on=signed_on,
        signed_by_municipality="Karin Berg, kommunstyrelsens ordförande",
        signed_by_police="Örjan Lind, lokalpolisområdeschef",
    )
    kommun, polis, annan = (
        PromiseActivity.Owner.KOMMUN,
        PromiseActivity.Owner.POLIS,
        PromiseActivity.Owner.ANNAN,
    )
    status = PromiseActivity.Status
    for title, owner, owner_name, state, follow_up, goal in (
        (
            "Klotter vid torget tas bort inom ett dygn",
            kommun,
            "",
            status.PAGAR,
            "Nio av tio anmälningar åtgärdas inom ett dygn. Klottret kring torget har minskat.",
            Goal.G2,
        ),
        (
            "Polisen syns vid Resecentrum fredag och lördag kväll",
            polis,
            "",
            status.PAGAR,
            "Polisen har varit på plats de flesta helgkvällar sedan i våras.",
            Goal.G1,
        ),
        (
            "Trygghetsvandring i centrum med boende och handlare",
            kommun,
            "",
            status.GENOMFORD,
            "Genomförd i våras med 24 deltagare; fem av sju brister är åtgärdade.",
            Goal.G1,
        ),
        (
            "Nattvandring helgkvällar",
            annan,
            "Nattvandrarna i Köping",
            status.PAGAR,
            "Nattvandrarna går varannan helg och söker fler vuxna till hösten.",
            Goal.G5,
        ),
        (
            "Ny belysning i gångtunneln vid Resecentrum",
            kommun,
            "",
            status.PLANERAD,
            "Beställd; arbetet görs när tjälen gått ur marken.",
            Goal.G1,
        ),
    ):
        services.activity_save(
            viewer=viewer,
            promise=promise,
            title=title,
            description="",
            owner=owner,
            owner_name=owner_name,
            status=state,
            follow_up=follow_up,
            focus_area=focus,
            goal=goal,
        )
    return services.promise_publish(viewer=viewer, promise=promise)
