"""The demo surveys' questions: our own wording (not the NTU's, whose exact items a
municipality imports into its question bank), in sections, with English and lättläst texts
where a real survey would have them. Keys are stable across the two rounds, so results match
"the same question" in 2024 and 2026."""

from trygg.dialog.models import Question

K = Question.Kind

LIKERT = [
    ("1", "Mycket trygg", "Very safe"),
    ("2", "Ganska trygg", "Fairly safe"),
    ("3", "Ganska otrygg", "Fairly unsafe"),
    ("4", "Mycket otrygg", "Very unsafe"),
    ("0", "Vet inte, går sällan ut", "Don't know, rarely go out"),
]

REASONS = [
    ("belysning", "Dålig belysning"),
    ("unga", "Grupper av unga som samlas"),
    ("berusade", "Berusade personer"),
    ("mopeder", "Mopeder och buskörning"),
    ("klotter", "Klotter och skadegörelse"),
    ("folktomt", "Få människor i rörelse"),
    ("upplevelse", "Något jag själv varit med om"),
    ("media", "Det jag hör och läser i nyheter och sociala medier"),
    ("inget", "Inget särskilt"),
]

AVOIDED = [
    ("torget", "Stora Torget"),
    ("resecentrum", "Resecentrum"),
    ("tunnlar", "Gångtunnlar"),
    ("parker", "Parker och grönområden"),
    ("hamnen", "Hamnen"),
    ("hemma", "Mitt eget bostadsområde"),
    ("annat", "Någon annanstans"),
]

# Time of day of a map point (Answer.time_of_day).
TIMES = [("dag", "Dagtid"), ("kvall", "Kvällstid"), ("natt", "Natt")]


def _options(pairs) -> list[dict]:
    return [{"value": value, "label": label} for value, label in pairs]


def _likert() -> list[dict]:
    return [{"value": v, "label": sv, "label_en": en} for v, sv, en in LIKERT]


def _likert_question(key, text, text_en, text_easy) -> dict:
    return {
        "key": key,
        "kind": K.LIKERT,
        "text": text,
        "text_en": text_en,
        "text_easy": text_easy,
        "options": _likert(),
    }


def background_questions(deso_options: list[dict]) -> list[dict]:
    """The open survey's only way to know its strata: kön, åldersgrupp and bostadsområde."""
    return [
        {
            "key": "kon",
            "kind": K.SINGLE,
            "stratum": Question.Stratum.SEX,
            "text": "Är du …",
            "text_en": "Are you …",
            "options": _options(
                [("kvinna", "Kvinna"), ("man", "Man"), ("annat", "Annat eller vill inte svara")]
            ),
        },
        {
            "key": "alder",
            "kind": K.SINGLE,
            "stratum": Question.Stratum.AGE_BAND,
            "text": "Hur gammal är du?",
            "text_en": "How old are you?",
            "options": _options(
                [
                    ("16-24", "16–24 år"),
                    ("25-44", "25–44 år"),
                    ("45-64", "45–64 år"),
                    ("65-", "65 år eller äldre"),
                ]
            ),
        },
        {
            "key": "bostad",
            "kind": K.SINGLE,
            "stratum": Question.Stratum.DESO,
            "text": "I vilket område bor du?",
            "text_en": "Which area do you live in?",
            "text_easy": "Var bor du?",
            "help": "Områdena är SCB:s DeSO-områden. Välj det som ligger närmast där du bor.",
            "options": deso_options
            + [{"value": "utanfor", "label": "Jag bor inte i Köpings kommun"}],
        },
    ]


SAFETY = [
    _likert_question(
        "trygg_dag",
        "Hur trygg känner du dig när du är ute i centrala Köping en vardag dagtid?",
        "How safe do you feel in central Köping on a weekday in daytime?",
        "Känner du dig trygg i centrum på dagen?",
    ),
    _likert_question(
        "trygg_kvall",
        "Hur trygg känner du dig när du är ute ensam i centrala Köping sent en kväll?",
        "How safe do you feel alone in central Köping late in the evening?",
        "Känner du dig trygg i centrum sent på kvällen?",
    ),
    _likert_question(
        "trygg_torget",
        "Hur trygg känner du dig vid Stora Torget och Resecentrum på kvällen?",
        "How safe do you feel at Stora Torget and Resecentrum in the evening?",
        "Känner du dig trygg vid torget och Resecentrum på kvällen?",
    ),
    _likert_question(
        "trygg_omrade",
        "Hur trygg känner du dig när du är ute ensam i ditt eget bostadsområde sent en kväll?",
        "How safe do you feel alone in your own neighbourhood late in the evening?",
        "Känner du dig trygg där du bor sent på kvällen?",
    ),
    {
        "key": "jamfort",
        "kind": K.SINGLE,
        "text": "Jämfört med för ett år sedan, känner du dig i centrala Köping …",
        "options": _options(
            [("tryggare", "tryggare"), ("lika", "lika trygg"), ("otryggare", "otryggare")]
        ),
    },
]

AVOIDING = [
    {
        "key": "avstar",
        "kind": K.SINGLE,
        "required": True,
        "text": "Har du under det senaste året avstått från att gå någonstans i Köping för att "
        "du kände dig otrygg?",
        "options": _options([("ofta", "Ja, ofta"), ("ibland", "Ja, ibland"), ("nej", "Nej")]),
    },
    {
        "key": "avstar_var",
        "kind": K.MULTIPLE,
        "text": "Var har du avstått från att gå?",
        "condition": ("avstar", ["ofta", "ibland"]),
        "options": _options(AVOIDED),
    },
    {
        "key": "orsak",
        "kind": K.MULTIPLE,
        "text": "Vad gör dig otrygg i centrala Köping? Välj gärna flera.",
        "text_easy": "Vad gör att du känner dig otrygg i centrum?",
        "options": _options(REASONS),
    },
    {
        "key": "atgard",
        "kind": K.SINGLE,
        "text": "Vilken åtgärd tror du skulle göra mest för tryggheten i centrum?",
        "options": _options(
            [
                ("belysning", "Bättre belysning"),
                ("vuxna", "Fler vuxna i rörelse, till exempel nattvandrare"),
                ("polis", "Polis som syns mer"),
                ("sanering", "Att klotter och skadegörelse tas bort snabbare"),
                ("unga", "Mer för unga att göra på kvällarna"),
                ("annat", "Annat"),
            ]
        ),
    },
    {
        "key": "polis",
        "kind": K.SINGLE,
        "text": "Hur ofta ser du polisen i centrala Köping?",
        "options": _options(
            [
                ("vecka", "Varje vecka"),
                ("manad", "Någon gång i månaden"),
                ("sallan", "Mer sällan"),
                ("aldrig", "Aldrig"),
            ]
        ),
    },
    {
        "key": "kvallar",
        "kind": K.NUMBER,
        "text": "Hur många kvällar i veckan brukar du vara i centrala Köping efter klockan 18?",
        "min_value": 0,
        "max_value": 7,
    },
    {
        "key": "utsatt",
        "kind": K.SINGLE,
        "text": "Har du själv utsatts för brott i Köpings kommun under det senaste året?",
        "help": "Du behöver inte berätta vad som hände.",
        "options": _options([("ja", "Ja"), ("nej", "Nej"), ("vill_ej", "Vill inte svara")]),
    },
]

PLACES = [
    {
        "key": "karta",
        "kind": K.MAP,
        "text": "Markera var du känner dig otrygg",
        "text_en": "Mark where you feel unsafe",
        "text_easy": "Var känner du dig otrygg? Visa på kartan eller välj ett område.",
        "help": "Du kan också välja ett område i listan i stället för att markera på kartan.",
        "map_time_of_day": True,
        "map_reason": True,
        "max_length": 300,
    },
]

MORE = [
    {
        "key": "fritext",
        "kind": K.TEXT,
        "text": "Vill du berätta mer om vad som skulle göra Köping tryggare?",
        "help": "Skriv inte namn, telefonnummer eller annat som kan peka ut någon.",
        "max_length": 2000,
    },
    {
        "key": "grannar",
        "kind": K.LIKERT,
        "text": "Hur väl stämmer det här: Jag litar på de flesta som bor i mitt område.",
        "options": _options(
            [
                ("1", "Stämmer helt"),
                ("2", "Stämmer ganska bra"),
                ("3", "Stämmer ganska dåligt"),
                ("4", "Stämmer inte alls"),
            ]
        ),
    },
]


def open_survey_sections(deso_options: list[dict]) -> list[tuple[str, list[dict]]]:
    """(section title, questions) of the open survey: 18 questions in five sections."""
    return [
        ("Om dig", background_questions(deso_options)),
        ("Trygghet i Köping", SAFETY),
        ("Det som gör dig otrygg", AVOIDING),
        ("Platser", PLACES),
        ("Berätta mer", MORE),
    ]


SAMPLED_KEYS = ("trygg_dag", "trygg_kvall", "trygg_omrade", "avstar", "orsak", "polis", "utsatt")


def sampled_survey_sections() -> list[tuple[str, list[dict]]]:
    """The sampled survey asks no background questions: its strata come from the sample."""
    picked = [q for q in SAFETY + AVOIDING if q["key"] in SAMPLED_KEYS]
    return [("Trygghet i Köping", picked)]
