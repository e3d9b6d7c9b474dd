"""The Köping demo's medborgardialog: the dialogue "Trygghet i centrala Köping <year>" that
BRÅ decided, with a sampled survey in the spring (closed; its sample deleted as closing does),
two focus groups, an open survey with a map question now answered through posters and the
website, the same open survey's earlier round two years before (so rounds compare), and a
published "ni sa – vi gör" linked to the lägesbild, measures and medborgarlöfte of cycle.py.

Written through the dialog models in bulk (the dialog services are built in parallel; this
module is the only place to switch). Answers are drawn from a seeded model of who answers a
self-selected survey (more women and older residents, more from the centre), so the
representativeness warning has something to warn about; map points cluster around real places
the demo knows (reports.py's hot spots, the health centres and tätorter of data/) and never
invent a street. Loaded once, like the demo's other parts."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from trygg.core.models import Municipality
from trygg.dialog.models import Channel, Dialogue, Question, Section, Survey, SurveyVersion
from trygg.forums.models import Forum, Meeting
from trygg.geo.models import Area
from trygg.geo.selectors import deso_districts
from trygg.locale_sv import STOCKHOLM
from trygg.strategy.models import (
    CitizenPromise,
    FocusArea,
    Measure,
    PromiseActivity,
    StrategicPicture,
)

from ..reports import demo_reports_loaded_at
from . import questions as q
from .respondents import Respondents, population_load
from .sessions import sessions_load

TITLE = "Trygghet i centrala Köping"
N_OPEN = 360
N_EARLIER = 260
N_SAMPLE = 1000
CHANNELS = [
    # name, district (RegSO) of the poster or None, share of the answers
    ("Affisch Stora Torget", "Köping centrala", 0.30),
    ("Biblioteket", None, 0.15),
    ("Kommunens webbplats", None, 0.45),
    ("Affisch Kolsva centrum", "Kolsva", 0.10),
]

SUMMARY = """Ni sa: I vårens enkät till ett urval av invånare och i två fokusgrupper berättade \
många att Stora Torget och Resecentrum känns otrygga på kvällen, mest för att det är mörkt och \
folktomt, och att gångtunneln vid Resecentrum undviks. Unga saknar en plats att vara på \
helgkvällar, och äldre går sällan ut i centrum efter mörkrets inbrott.

Vi gör: Klotter vid torget tas bort inom ett dygn och torgets norra sida har fått ny belysning. \
Nattvandrarna går vid torget och Resecentrum fredag och lördag kväll, och polisen syns där samma \
kvällar. Gångtunneln vid Resecentrum får ny belysning. Fritidsgården i Nibblesbacke har öppet \
fredag och lördag kväll.

Höstens öppna enkät med karta pågår: markera gärna var du känner dig otrygg, så följer vi upp \
om det blivit bättre."""


def load_demo_dialog(municipality: Municipality, *, seed: int = 2026) -> bool:
    """Creates the demo's dialogues once, after the strategic cycle they link to; returns
    whether it created them."""
    picture = StrategicPicture.objects.filter(municipality=municipality).first()
    if (
        picture is None
        or Dialogue.objects.filter(municipality=municipality, title__startswith=TITLE).exists()
    ):
        return False
    loaded_at = demo_reports_loaded_at(municipality) or timezone.now()
    day0 = timezone.localtime(loaded_at).date()
    rng = random.Random(seed)
    population_load()
    who = Respondents(municipality, rng)
    user = get_user_model().objects.filter(username="samordnare").first()
    deso_options = [
        {"value": code, "label": f"{district}, {code}" if district else code}
        for code, (_name, district) in sorted(
            deso_districts(municipality=municipality).items(), key=lambda kv: (kv[1][1], kv[0])
        )
    ]
    districts = {
        a.name: a for a in Area.objects.filter(municipality=municipality, kind=Area.Kind.STADSDEL)
    }

    # Two years earlier: the same open survey, closed and reported back.
    opens = day0 - timedelta(days=40)
    earlier_opens = opens - timedelta(days=730)
    earlier = _dialogue(
        municipality,
        user,
        title=f"{TITLE} {earlier_opens.year}",
        decided_by="BRÅ",
        starts_on=earlier_opens - timedelta(days=30),
        ends_on=earlier_opens + timedelta(days=120),
        status=Dialogue.Status.AVSLUTAD,
        published_at=_at(earlier_opens + timedelta(days=110)),
        summary="Ni sa: centrum och Resecentrum känns otrygga på kvällen. Vi gör: en "
        "trygghetsvandring i centrum och ett förslag till medborgarlöfte om tryggare kvällar.",
    )
    earlier_survey = _survey(
        earlier,
        user,
        title=f"Trygghetsenkät för centrala Köping {earlier_opens.year}",
        mode=Survey.Mode.OPEN,
        sections=q.open_survey_sections(deso_options),
        opens_on=earlier_opens,
        closes_on=earlier_opens + timedelta(days=45),
        results_published_at=earlier.published_at,
    )
    earlier_channels = _channels(earlier_survey, districts, CHANNELS[::2])
    who.open_answers(
        earlier_survey, N_EARLIER, earlier_channels, round_effect=0.0, still_open=False
    )

    dialogue = _dialogue(
        municipality,
        user,
        title=f"{TITLE} {day0.year}",
        decided_by=_bra_decision(municipality, day0),
        starts_on=day0 - timedelta(days=300),
        ends_on=day0 + timedelta(days=60),
        status=Dialogue.Status.PAGAR,
        published_at=_at(day0 - timedelta(days=20)),
        summary=SUMMARY,
    )
    _link(dialogue, municipality, picture, districts)
    sampled_opens = day0 - timedelta(days=270)
    sampled = _survey(
        dialogue,
        user,
        title=f"Trygghetsenkät till ett urval av invånare {sampled_opens.year}",
        mode=Survey.Mode.SAMPLED,
        sections=q.sampled_survey_sections(),
        opens_on=sampled_opens,
        closes_on=sampled_opens + timedelta(days=30),
        results_published_at=dialogue.published_at,
    )
    answered = who.sampled_answers(sampled, N_SAMPLE)
    sampled.response_rate_note = (
        f"{N_SAMPLE} invånare 16 år och äldre drogs slumpvis, i proportion till befolkningen "
        f"per område och kön; {answered} svarade ({round(100 * answered / N_SAMPLE)} %). "
        "Äldre och kvinnor svarade oftare än unga män, så resultaten viktas efter område och "
        "kön. Urvalslistan och engångskoderna gallrades när enkäten stängde."
    )
    sampled.save(update_fields=["response_rate_note"])
    sessions_load(dialogue, day0, districts)
    current = _survey(
        dialogue,
        user,
        title=f"Trygghetsenkät för centrala Köping {opens.year}",
        mode=Survey.Mode.OPEN,
        sections=q.open_survey_sections(deso_options),
        opens_on=opens,
        closes_on=day0 + timedelta(days=30),
        previous_round=earlier_survey,
    )
    channels = _channels(current, districts, CHANNELS)
    # Two years on, with the measures of cycle.py under way, the centre feels a little safer.
    who.open_answers(
        current, N_OPEN, channels, round_effect=-0.3, still_open=current.is_open, until=day0
    )
    return True


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=STOCKHOLM)


def _bra_decision(municipality, day0: date) -> str:
    """The BRÅ meeting of the demo's council year that decided the dialogue (the first)."""
    meeting = (
        Meeting.objects.filter(municipality=municipality, forum__kind=Forum.Kind.BRA)
        .order_by("held_at")
        .first()
    )
    if meeting is None:
        return "BRÅ"
    return f"BRÅ {timezone.localtime(meeting.held_at):%Y-%m-%d}"


def _dialogue(
    municipality, user, *, title, decided_by, starts_on, ends_on, status, published_at, summary
) -> Dialogue:
    return Dialogue.objects.create(
        municipality=municipality,
        title=title,
        question="Var och när känner sig invånarna otrygga i centrala Köping, varför, och "
        "har det blivit bättre sedan förra mätningen?",
        decided_by=decided_by,
        forms=[Dialogue.Form.ENKAT, Dialogue.Form.FOKUSGRUPP],
        target_group="Alla som bor i eller besöker centrala Köping, 16 år och äldre; unga och "
        "äldre särskilt genom fokusgrupper.",
        starts_on=starts_on,
        ends_on=ends_on,
        feedback_plan="Resultaten och vad kommunen och polisen gör publiceras på sidan "
        "\u201dNi sa – vi gör\u201d, i lokaltidningen och på affischer där enkäten spreds. "
        "De som lämnat sin e-postadress får ett meddelande.",
        evaluation="Svarsfrekvensen i urvalet och hur väl de svarande speglar befolkningen "
        "redovisas; fokusgrupperna fångade unga, som svarar sällan på enkäter.",
        status=status,
        public_summary=summary,
        published_at=published_at,
        created_by=user,
    )


def _link(dialogue: Dialogue, municipality, picture, districts) -> None:
    """The lägesbild the dialogue informs and the measures and promise it led to."""
    dialogue.strategic_picture = picture
    dialogue.save(update_fields=["strategic_picture"])
    dialogue.target_areas.set([districts["Köping centrala"]])
    dialogue.focus_areas.set(FocusArea.objects.filter(municipality=municipality))
    dialogue.measures.set(
        Measure.objects.filter(municipality=municipality).filter(
            title__in=[
                "Klotter saneras inom ett dygn och Stora Torget får ny belysning",
                "Nattvandring vid Stora Torget och Resecentrum helgkvällar",
                "Kvällsöppen fritidsgård i Nibblesbacke fredag och lördag",
            ]
        )
    )
    dialogue.promises.set(CitizenPromise.objects.filter(municipality=municipality))
    dialogue.promise_activities.set(
        PromiseActivity.objects.filter(
            promise__municipality=municipality,
            title__in=[
                "Polisen syns vid Resecentrum fredag och lördag kväll",
                "Ny belysning i gångtunneln vid Resecentrum",
            ],
        )
    )


def _survey(
    dialogue,
    user,
    *,
    title,
    mode,
    sections,
    opens_on,
    closes_on,
    previous_round=None,
    results_published_at=None,
) -> Survey:
    """A published survey with one frozen version; closed when its last day has passed."""
    closed = closes_on < timezone.localdate()
    published_at = _at(opens_on)
    survey = Survey.objects.create(
        municipality=dialogue.municipality,
        dialogue=dialogue,
        title=title,
        intro="Kommunen och polisen vill veta var och när du känner dig trygg eller otrygg i "
        "Köping. Enkäten är anonym och tar ungefär fem minuter.",
        intro_en="The municipality and the police want to know where and when you feel safe "
        "or unsafe in Köping. The survey is anonymous and takes about five minutes.",
        intro_easy="Vi vill veta var du känner dig trygg i Köping. Du behöver inte skriva ditt "
        "namn.",
        mode=mode,
        status=Survey.Status.STANGD if closed else Survey.Status.PUBLICERAD,
        opens_on=opens_on,
        closes_on=closes_on,
        previous_round=previous_round,
        published_at=published_at,
        closed_at=_at(closes_on + timedelta(days=1)) if closed else None,
        results_published_at=results_published_at,
        created_by=user,
    )
    version = SurveyVersion.objects.create(
        municipality=survey.municipality, survey=survey, number=1, published_at=published_at
    )
    survey.current_version = version
    survey.save(update_fields=["current_version"])
    order = 0
    made: dict[str, Question] = {}
    for n, (section_title, items) in enumerate(sections):
        section = Section.objects.create(
            municipality=survey.municipality, version=version, order=n, title=section_title
        )
        for item in items:
            fields = {k: v for k, v in item.items() if k != "condition"}
            condition = item.get("condition")
            order += 1
            made[item["key"]] = Question.objects.create(
                municipality=survey.municipality,
                version=version,
                section=section,
                order=order,
                condition_question=made[condition[0]] if condition else None,
                condition_values=condition[1] if condition else [],
                **fields,
            )
    return survey


def _channels(survey: Survey, districts, rows) -> list[tuple]:
    """(channel, share) for each row of CHANNELS."""
    return [
        (
            Channel.objects.create(
                municipality=survey.municipality,
                survey=survey,
                name=name,
                area=districts.get(district) if district else None,
            ),
            share,
        )
        for name, district, share in rows
    ]
