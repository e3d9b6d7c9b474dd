"""Public answering: one person's answers stored whole or not at all, and the e-mail left for
"tell me when the results are published".

The repeat-answer guard differs by the survey's mode:
- Open link: a device token (random, in a cookie; only its keyed hash is stored), a rate
  limit per address, and ALTCHA's proof of work (solved: 30 answers an hour from one
  address, a school class behind one router; unsolved, without JavaScript: 5). A second
  answer from the same device is refused; what still looks repeated (two answers with one
  device hash from a race, or three identical answer sets from one channel since yesterday)
  is flagged for the owner, never dropped.
- Sampled: the one-time code, marked used in the answer's transaction by a conditional
  update, so two tabs cannot both use it. The answer copies the code's strata and keeps no
  trace of the code or the invitation.
Answer text is never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from trygg.core import ratelimit

from ..models import (
    Answer,
    Channel,
    Invitation,
    Question,
    Response,
    ResultSubscriber,
    Survey,
)
from ..models.answers import AgeBand, Sex
from ..selectors.answering import already_answered
from .answer_checks import REQUIRED, AnswerError, check, is_blank

BUCKET = "survey_answer"
LIMIT_VERIFIED = (30, timedelta(hours=1))
LIMIT_UNVERIFIED = (5, timedelta(hours=1))
CODE_BUCKET = "survey_code"
# A code is 8 of 32 characters (40 bits): 20 guesses per 10 minutes find none.
CODE_LIMIT = (20, timedelta(minutes=10))
SUBSCRIBE_BUCKET = "survey_subscribe"
SUBSCRIBE_LIMIT = (5, timedelta(hours=1))
# "Many identical answer sets from one channel in a short time": an answer stores only its
# day (the time could tell who answered), so the window is today and yesterday, among the
# channel's latest REPEAT_LOOKBACK answers.
REPEAT_WINDOW = timedelta(days=1)
REPEAT_SAME = 3
REPEAT_LOOKBACK = 200

CLOSED = "Enkäten är stängd och tar inte emot fler svar. Tack för att du ville svara!"
NOT_YET = "Enkäten har inte öppnat ännu."
CHANGED = (
    "Enkäten har ändrats sedan du öppnade den. Ladda om sidan och svara igen – dina svar "
    "har inte sparats."
)
ALREADY = (
    "Du har redan svarat på enkäten från den här enheten. Tack! Varje person svarar en gång, "
    "så att resultatet blir rättvisande."
)
TOO_MANY = "Många svar har kommit från din anslutning på kort tid. Vänta en stund och försök igen."
CODE_MISSING = "Skriv koden från ditt brev eller sms."
CODE_UNKNOWN = "Koden finns inte. Kontrollera att du skrivit av den rätt – den har 8 tecken."
CODE_USED = "Koden har redan använts. Varje kod kan användas en gång."
CODE_TOO_MANY = "Du har provat många koder på kort tid. Vänta en stund och försök igen."
BAD_EMAIL = "Ange en giltig e-postadress, t.ex. namn@example.se."
SUBSCRIBE_TOO_MANY = "Många adresser har lämnats från din anslutning. Försök igen senare."
NON_FIELD = "__all__"


class AnswerRefused(Exception):
    """The whole answer is refused (closed survey, second answer, limit); `message` is for
    the visitor, `status` the HTTP status the page answers with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Receipt:
    response: Response
    redacted: int  # how many pieces of personal data were masked in the free text


def device_hash(survey: Survey, token: str) -> str:
    """The keyed hash of the device token for one survey: the stored value cannot be turned
    back into the cookie, nor matched across surveys."""
    if not token:
        return ""
    message = f"dialog.device:{survey.pk}:{token}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def survey_refusal(survey: Survey) -> str | None:
    """Why `survey` takes no answers today, or None."""
    today = timezone.localdate()
    if survey.status != Survey.Status.PUBLICERAD or survey.current_version_id is None:
        return CLOSED
    if survey.closes_on is not None and today > survey.closes_on:
        return CLOSED
    if survey.opens_on is not None and today < survey.opens_on:
        return NOT_YET
    return None


def normalise_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def invitation_check(*, survey: Survey, code: str, client: str) -> Invitation:
    """The unused invitation `code` names in `survey`, or ValidationError {"kod": …}; guesses
    are rate-limited per address."""
    refusal = survey_refusal(survey)
    if refusal:
        raise AnswerRefused(refusal, status=410)
    code = normalise_code(code)
    if not code:
        raise ValidationError({"kod": [CODE_MISSING]})
    limit, window = CODE_LIMIT
    if not ratelimit.hit(bucket=CODE_BUCKET, key=client, limit=limit, window=window):
        raise ValidationError({"kod": [CODE_TOO_MANY]})
    invitation = Invitation.objects.filter(
        municipality=survey.municipality, survey=survey, code=code
    ).first()
    if invitation is None:
        raise ValidationError({"kod": [CODE_UNKNOWN]})
    if invitation.used_at is not None:
        raise ValidationError({"kod": [CODE_USED]})
    return invitation


def _condition_met(question: Question, values: dict, by_pk: dict) -> bool:
    """A conditional question counts only when its condition question got one of the values."""
    if question.condition_question_id is None:
        return True
    parent = by_pk.get(question.condition_question_id)
    if parent is None:
        return True
    raw = values.get(parent.key)
    given = {str(v) for v in raw} if isinstance(raw, list) else {str(raw or "")}
    return bool(given & {str(v) for v in question.condition_values or []}) and _condition_met(
        parent, values, by_pk
    )


def _stratum(question: Question, checked: dict) -> tuple[str, str] | None:
    if question.stratum == Question.Stratum.SEX and checked.get("choice") in Sex.values:
        return "sex", checked["choice"]
    if question.stratum == Question.Stratum.AGE_BAND and checked.get("choice") in AgeBand.values:
        return "age_band", checked["choice"]
    if question.stratum == Question.Stratum.DESO:
        area = checked.get("area")
        if area is not None and area.kind == "deso" and area.code:
            return "deso_code", area.code
        if checked.get("choice"):
            return "deso_code", checked["choice"][:10]
    return None


def _checked_answers(survey: Survey, questions: list[Question], values: dict):
    errors: dict[str, list[str]] = {}
    rows: list[tuple[Question, dict]] = []
    strata: dict[str, str] = {}
    redacted = 0
    by_pk = {q.pk: q for q in questions}
    for question in questions:
        if not _condition_met(question, values, by_pk):
            continue  # shown without JavaScript, but its condition is not met: ignored
        raw = values.get(question.key)
        if is_blank(question.kind, raw):
            if question.required:
                errors[question.key] = [REQUIRED]
            continue
        try:
            checked = check(question, raw, municipality=survey.municipality)
        except AnswerError as refused:
            errors[question.key] = [refused.message]
            continue
        redacted += checked.redacted
        rows.append((question, checked.values))
        stratum = _stratum(question, checked.values)
        if stratum:
            strata[stratum[0]] = stratum[1]
    return errors, rows, strata, redacted


def _fingerprint(pairs) -> str:
    body = json.dumps(sorted(pairs), ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def _answer_pairs(question_id: int, values: dict):
    return (
        question_id,
        values.get("choice", ""),
        values.get("choices") or [],
        values.get("number"),
        values.get("text", ""),
        values.get("area").pk if values.get("area") is not None else None,
        values.get("h3_9"),
        values.get("time_of_day", ""),
        values.get("reason", ""),
    )


def _flag_repeats(response: Response, rows) -> None:
    """Flags this answer (and its twins) when it looks repeated: another answer with the same
    device hash (two tabs racing past the guard), or REPEAT_SAME identical answer sets from
    one channel within REPEAT_WINDOW."""
    twins: list[int] = []
    if response.device_hash:
        twins = list(
            Response.objects.filter(survey=response.survey, device_hash=response.device_hash)
            .exclude(pk=response.pk)
            .values_list("pk", flat=True)
        )
    mine = _fingerprint(_answer_pairs(q.pk, v) for q, v in rows)
    recent = list(
        Response.objects.filter(
            survey=response.survey,
            channel=response.channel,
            mode=Survey.Mode.OPEN,
            submitted_on__gte=timezone.localdate() - REPEAT_WINDOW,
        )
        .exclude(pk=response.pk)
        .order_by("-pk")
        .values_list("pk", flat=True)[:REPEAT_LOOKBACK]
    )
    if recent:
        by_response: dict[int, list] = {pk: [] for pk in recent}
        for a in Answer.objects.filter(response_id__in=recent).values(
            "response_id", "question_id", "choice", "choices", "number", "text", "area_id",
            "h3_9", "time_of_day", "reason",
        ):  # fmt: skip
            by_response[a["response_id"]].append(
                (
                    a["question_id"], a["choice"], a["choices"] or [], a["number"], a["text"],
                    a["area_id"], a["h3_9"], a["time_of_day"], a["reason"],
                )
            )  # fmt: skip
        same = [pk for pk, pairs in by_response.items() if _fingerprint(pairs) == mine]
        if len(same) + 1 >= REPEAT_SAME:
            twins.extend(same)
    if twins:
        Response.objects.filter(pk__in=[response.pk, *twins]).update(looks_repeated=True)
        response.looks_repeated = True


def _guard_open(survey: Survey, *, device: str, client: str, proof: str) -> None:
    if already_answered(survey=survey, device=device):
        raise AnswerRefused(ALREADY, status=409)
    verified = ratelimit.verify_solution(proof)
    limit, window = LIMIT_VERIFIED if verified else LIMIT_UNVERIFIED
    if not ratelimit.hit(bucket=BUCKET, key=client, limit=limit, window=window):
        raise AnswerRefused(TOO_MANY, status=429)


def response_submit(
    *,
    survey: Survey,
    version_id: int | None,
    values: dict,
    questions: list[Question],
    client: str,
    language: str = "sv",
    channel: Channel | None = None,
    device_token: str = "",
    proof: str = "",
    code: str = "",
) -> Receipt:
    """Stores one person's Response and Answers in one transaction, or nothing. `values` maps
    each question's key to its raw answer (a list for multiple choice, a dict of lat, lon,
    area, place, time and reason for a map question); `questions` are the current
    version's. Raises ValidationError (per question key, Swedish) or AnswerRefused."""
    refusal = survey_refusal(survey)
    if refusal:
        raise AnswerRefused(refusal, status=410)
    if version_id != survey.current_version_id:
        raise AnswerRefused(CHANGED, status=409)
    if channel is not None and channel.survey_id != survey.pk:
        channel = None
    errors, rows, strata, redacted = _checked_answers(survey, questions, values)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError({NON_FIELD: ["Svara på minst en fråga innan du skickar."]})
    sampled = survey.mode == Survey.Mode.SAMPLED
    device = "" if sampled else device_hash(survey, device_token)
    with transaction.atomic():
        if sampled:
            invitation = invitation_check(survey=survey, code=code, client=client)
            # The conditional update is the lock: of two tabs sending one code, one wins.
            won = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
                used_at=timezone.now()
            )
            if won != 1:
                raise ValidationError({"kod": [CODE_USED]})
            # The sample's strata are the answer's, whatever a background question said.
            strata = {
                k: v
                for k, v in (
                    ("deso_code", invitation.deso_code),
                    ("sex", invitation.sex),
                    ("age_band", invitation.age_band),
                )
                if v
            } or strata
        else:
            _guard_open(survey, device=device, client=client, proof=proof)
        response = Response.objects.create(
            municipality=survey.municipality,
            survey=survey,
            version_id=survey.current_version_id,
            mode=survey.mode,
            channel=channel,
            language=language if language in ("sv", "en", "easy") else "sv",
            submitted_on=timezone.localdate(),
            device_hash=device,
            **strata,
        )
        Answer.objects.bulk_create(
            Answer(municipality=survey.municipality, response=response, question=q, **v)
            for q, v in rows
        )
        if not sampled:
            _flag_repeats(response, rows)
    return Receipt(response=response, redacted=redacted)


def subscriber_add(*, survey: Survey, email: str, client: str) -> bool:
    """Keeps `email` to be told when the dialogue's results are published, apart from any
    answer; True when stored (an address already kept is not an error). Rate-limited."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [BAD_EMAIL]}) from None
    if len(email) > 254:
        raise ValidationError({"email": [BAD_EMAIL]})
    limit, window = SUBSCRIBE_LIMIT
    if not ratelimit.hit(bucket=SUBSCRIBE_BUCKET, key=client, limit=limit, window=window):
        raise ValidationError({"email": [SUBSCRIBE_TOO_MANY]})
    try:
        with transaction.atomic():
            ResultSubscriber.objects.create(
                municipality=survey.municipality, dialogue_id=survey.dialogue_id, email=email
            )
    except IntegrityError:
        return False
    return True
