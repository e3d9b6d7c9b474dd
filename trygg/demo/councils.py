"""The year of BRÅ and EST meetings before the ones in lagesbild.py: held meetings with
minutes, § decisions that were later followed up and action items that were done, so the
forums show a council at work and the strategic cycle (cycle.py) has decisions to cite.

The people named are the demo's own invented members (Karin Berg, Örjan Lind, Sara
Samordnare), not real persons."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from trygg.core.viewer import Viewer
from trygg.forums import services
from trygg.forums.models import Decision, Forum, Meeting


@dataclass(frozen=True)
class PastMeeting:
    forum: str  # Forum.Kind
    days_before: int  # before the demo reports were loaded
    minutes: str
    decisions: tuple[str, ...]
    # How each decision went, in the same order (status, follow-up text).
    outcomes: tuple[tuple[str, str], ...]
    agenda: tuple[str, ...] = ()
    action: str = ""
    participants: str = "Karin Berg (ordförande)\nSara Samordnare (sekreterare)\nÖrjan Lind"


BRA, EST = Forum.Kind.BRA, Forum.Kind.EST
DONE, PARTLY = Decision.Status.GENOMFORD, Decision.Status.DELVIS

PAST_MEETINGS = (
    PastMeeting(
        BRA,
        320,
        "Rådet gick igenom rapporterna från förra året. Klotter och skadegörelse kring "
        "Stora Torget står för en stor del av kommunens kostnader för skadegörelse, och "
        "boende i Nibblesbacke och Karlberg beskriver oro för mopedåkning och grupper av "
        "unga på kvällarna. Polisen bekräftar bilden och ser inga tecken på organiserad "
        "brottslighet bland de unga.",
        (
            "Säkerhetssamordnaren tar fram problembilder för klottret i centrum och för "
            "mopedåkning och grupperingar i Köping nordväst till nästa möte.",
            "Rådet föreslår EST-gruppen att medborgarlöftet i år gäller tryggare kvällar i "
            "centrum.",
        ),
        (
            (DONE, "Båda problembilderna presenterades på rådets nästa möte."),
            (DONE, "EST-gruppen beslutade fokusområdet på sitt nästa möte."),
        ),
        agenda=("Rapporterna från förra året", "Förslag till fokus för medborgarlöftet"),
        action="Ta fram problembilder för centrum och Köping nordväst",
    ),
    PastMeeting(
        EST,
        300,
        "EST-gruppen beslutade fokusområde för årets medborgarlöfte efter rådets förslag. "
        "Tekniska förvaltningen redovisade ett försök med sanering av klotter inom ett dygn "
        "vid Stora Torget och ny belysning på torget; försöket startar om en månad.",
        (
            "Fokusområde för medborgarlöftet: Ett tryggare centrum kvällstid "
            "(Stora Torget och Resecentrum).",
            "Tekniska förvaltningen startar försöket med klottersanering inom ett dygn och ny "
            "belysning vid Stora Torget.",
        ),
        (
            (DONE, "Fokusområdet ingår i det undertecknade medborgarlöftet."),
            (DONE, "Försöket startade enligt plan och ingår nu i åtgärdsplanen."),
        ),
        agenda=("Fokusområde för medborgarlöftet", "Försök med snabb klottersanering"),
        participants="Sara Samordnare (sammankallande)\nÖrjan Lind\n"
        "Tekniska förvaltningens gatuchef\nFritidschefen",
    ),
    PastMeeting(
        BRA,
        230,
        "Problembilderna för centrum och Köping nordväst presenterades. Rådet diskuterade "
        "att rapporterna visar var och när det händer men inte varför, och att de ungas "
        "egen bild behövs. Fritidsgården i Nibblesbacke kan hålla öppet fredag och lördag "
        "kväll om bemanningen löses.",
        (
            "Kultur- och fritidsförvaltningen utreder kvällsöppen fritidsgård i Nibblesbacke "
            "fredag–lördag.",
            "Rådet ställer sig bakom problembilderna som underlag för åtgärdsplanen.",
        ),
        (
            (DONE, "Fritidsgården håller kvällsöppet sedan i våras."),
            (DONE, "Problembilderna ingår i åtgärdsplanen."),
        ),
        agenda=("Problembild: klotter kring Stora Torget", "Problembild: unga i Köping nordväst"),
        action="Kostnadsberäkna kvällsöppen fritidsgård",
    ),
    PastMeeting(
        EST,
        200,
        "Uppföljning av medborgarlöftet: nattvandringen vid Resecentrum har kommit igång och "
        "trygghetsvandringen i centrum är genomförd. Fyra av sex brister från vandringen är "
        "åtgärdade, två återstår.",
        (
            "Arbetsgruppen trygg centrummiljö följer upp de två kvarvarande bristerna från "
            "trygghetsvandringen.",
        ),
        ((PARTLY, "En brist åtgärdad, belysningen i gångtunneln återstår."),),
        agenda=("Medborgarlöftet: lägesrapport", "Trygghetsvandringen i centrum"),
        participants="Sara Samordnare (sammankallande)\nÖrjan Lind\nFritidschefen",
    ),
    PastMeeting(
        BRA,
        140,
        "Säkerhetssamordnaren visade att klotterrapporterna vid Stora Torget har minskat "
        "sedan snabbsaneringen började, medan de är oförändrade i Köping nordväst. Rådet "
        "vill att effekten följs upp med jämförelseområde innan försöket permanentas.",
        (
            "Rådet föreslår att snabbsaneringen vid Stora Torget blir en åtgärd i "
            "åtgärdsplanen, med Köping nordväst som jämförelseområde.",
            "Utkastet till strategisk lägesbild tas fram ur rapporterna till rådets höstmöte.",
        ),
        (
            (DONE, "Åtgärden ingår i den beslutade åtgärdsplanen."),
            (DONE, "Lägesbilden presenterades och beslutades av kommunstyrelsen."),
        ),
        agenda=("Effekten av snabbsaneringen", "Tidplan för den strategiska lägesbilden"),
        action="Ta fram utkast till strategisk lägesbild",
    ),
    PastMeeting(
        EST,
        110,
        "EST-gruppen gick igenom föräldraträffarna och beslutade att de ska erbjudas på "
        "alla högstadieskolor. Polisen rapporterade färre anmälningar om mopedåkning på "
        "gångvägar i Nibblesbacke efter kvällsöppet på fritidsgården.",
        (
            "Socialförvaltningen erbjuder föräldraträffar om unga och kriminalitet på alla "
            "högstadieskolor under hösten.",
        ),
        ((PARTLY, "Två av tre skolor har haft träffar."),),
        agenda=("Föräldraträffar", "Polisens bild av läget i Nibblesbacke"),
        participants="Sara Samordnare (sammankallande)\nÖrjan Lind\nSocialchefen",
    ),
)


def workday_before(day: date, days: int) -> date:
    """The weekday `days` before `day`, moved back to Friday from a weekend: councils and
    boards do not meet on Saturdays."""
    d = day - timedelta(days=days)
    return d - timedelta(days=max(0, d.weekday() - 4))


def _held(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(13)))


def load_demo_council_year(*, viewer: Viewer, day0: date, orgs: dict) -> dict[str, Meeting]:
    """Creates the past meetings; returns the first EST meeting (the focus area's decision)
    and the BRÅ meetings by how many days before the demo they were held."""
    forums = {f.kind: f for f in Forum.objects.filter(municipality=viewer.municipality)}
    owner = orgs["Säkerhetsavdelningen"]
    made = {}
    for past in PAST_MEETINGS:
        held_on = workday_before(day0, past.days_before)
        meeting = services.meeting_create(
            viewer=viewer,
            forum=forums[past.forum],
            held_at=_held(held_on),
            place="Stadshuset, sal Mälaren",
        )
        for title in past.agenda:
            services.agenda_item_add(viewer=viewer, meeting=meeting, title=title)
        for what, (status, follow_up) in zip(past.decisions, past.outcomes, strict=True):
            decision = services.decision_add(
                viewer=viewer, meeting=meeting, what=what, responsible=owner
            )
            services.decision_follow_up(
                viewer=viewer, decision=decision, status=status, follow_up=follow_up
            )
        if past.action:
            item = services.action_item_add(
                viewer=viewer,
                meeting=meeting,
                title=past.action,
                owner_organisation=owner,
                due=held_on + timedelta(days=60),
            )
            services.action_item_complete(viewer=viewer, item=item, note="Redovisat för rådet.")
        services.meeting_update(
            viewer=viewer,
            meeting=meeting,
            status=Meeting.Status.GENOMFORT,
            place=meeting.place,
            participants=past.participants,
            organisations=[],
            notes=past.minutes,
        )
        made[f"{past.forum}-{past.days_before}"] = meeting
    return made
