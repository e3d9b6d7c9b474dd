"""Public answering of a survey: `/enkat/<token>/`, no login, one plain form that works
without JavaScript (the map, the hiding of conditional questions and the proof of work are
enhancements). A sampled survey asks for the one-time code first. Thin: the rules are in
dialog's answering service."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods
from django_scopes import scope

from trygg.core import ratelimit
from trygg.core.clientip import client_key
from trygg.dialog.selectors.answering import (
    already_answered,
    channel_by_token,
    survey_by_token,
    survey_questions,
)
from trygg.dialog.services import answering
from trygg.geo.selectors import area_choices, boundary_geojson

from .survey_form import LANGUAGES, form_values, question_rows

DEVICE_COOKIE = "trygg_enhet"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _survey(token):
    survey = survey_by_token(token)
    if survey is None:
        raise Http404
    return survey


def _language(request) -> str:
    return LANGUAGES.get(request.GET.get("sprak") or request.POST.get("sprak") or "", "sv")


def _links(request, survey, language):
    """The language switch: the same page in each language, keeping the channel."""
    base = reverse("public:survey", args=[survey.token])
    kanal = request.GET.get("kanal") or request.POST.get("kanal") or ""
    links = []
    choices = (("", "sv", "Svenska"), ("en", "en", "English"), ("lattlast", "easy", "Lättläst"))
    for param, code, label in choices:
        query = {k: v for k, v in (("kanal", kanal), ("sprak", param)) if v}
        links.append(
            {
                "url": base + ("?" + urlencode(query) if query else ""),
                "label": label,
                "current": code == language,
                "lang": "en" if code == "en" else "sv",
            }
        )
    return links


def _device_token(request) -> str:
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    return token if 20 <= len(token) <= 64 and token.isascii() else ""


def _with_device_cookie(request, response):
    if not _device_token(request):
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(24),
            max_age=DEVICE_MAX_AGE,
            path="/enkat/",
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _message_page(request, survey, message, status, *, heading="Enkäten"):
    return render(
        request,
        "public/survey_message.html",
        {
            "public_municipality": survey.municipality,
            "survey": survey,
            "heading": heading,
            "message": message,
        },
        status=status,
    )


def _code_page(request, survey, language, *, errors=(), status=200):
    return render(
        request,
        "public/survey_code.html",
        {
            "public_municipality": survey.municipality,
            "survey": survey,
            "errors": list(errors),
            "language_links": _links(request, survey, language),
            "sprak": request.GET.get("sprak") or request.POST.get("sprak") or "",
            "code": request.POST.get("kod") or request.GET.get("kod") or "",
        },
        status=status,
    )


def _answer_page(
    request, survey, questions, language, *, values=None, errors=None, top=(), code="", status=200
):
    municipality = survey.municipality
    rows = question_rows(questions, language=language, values=values or {}, errors=errors or {})
    has_map = any(r["kind"] == "map" for r in rows)
    intro = {"en": survey.intro_en, "easy": survey.intro_easy}.get(language) or survey.intro
    context = {
        "public_municipality": municipality,
        "survey": survey,
        "rows": rows,
        "sections": _sections(rows),
        "problems": [*({"anchor": "", "message": m} for m in top), *_problems(rows)],
        "language": language,
        "text_lang": "en" if language == "en" else "",
        "intro": intro,
        "intro_lang": "en" if language == "en" and survey.intro_en else "",
        "language_links": _links(request, survey, language),
        "sprak": request.GET.get("sprak") or request.POST.get("sprak") or "",
        "kanal": request.GET.get("kanal") or request.POST.get("kanal") or "",
        "code": code,
        "sampled": survey.mode == survey.Mode.SAMPLED,
        "has_map": has_map,
    }
    if has_map:
        context["areas"] = area_choices(municipality=municipality)
        context["boundary"] = boundary_geojson(municipality=municipality)
    if survey.mode == survey.Mode.OPEN:
        context["challenge"] = ratelimit.new_challenge()
    response = render(request, "public/survey_answer.html", context, status=status)
    return _with_device_cookie(request, response) if survey.mode == survey.Mode.OPEN else response


def _sections(rows):
    sections, current = [], None
    for row in rows:
        if current is None or row["section"] != current["section"]:
            current = {"section": row["section"], "title": row["section_title"], "rows": []}
            current["lang"] = row["lang"] if row["section_title"] else ""
            sections.append(current)
        current["rows"].append(row)
    return sections


def _problems(rows):
    return [
        {"anchor": row["anchor"], "message": f"Fråga {row['number']}: {message}"}
        for row in rows
        for message in row["errors"]
    ]


@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    """The survey's one page: the code first for a sampled survey, then every question."""
    survey = _survey(token)
    language = _language(request)
    with scope(municipality=survey.municipality):
        refusal = answering.survey_refusal(survey)
        if refusal:
            return _message_page(request, survey, refusal, 410)
        questions = survey_questions(survey=survey)
        sampled = survey.mode == survey.Mode.SAMPLED
        client = client_key(request)
        if request.method == "GET" or request.POST.get("steg") == "kod":
            code = request.POST.get("kod") or request.GET.get("kod") or ""
            if not sampled:
                device = answering.device_hash(survey, _device_token(request))
                if device and already_answered(survey=survey, device=device):
                    return _message_page(request, survey, answering.ALREADY, 200, heading="Tack!")
                return _answer_page(request, survey, questions, language)
            if not code and request.method == "GET":
                return _code_page(request, survey, language)
            try:
                invitation = answering.invitation_check(survey=survey, code=code, client=client)
            except ValidationError as error:
                return _code_page(request, survey, language, errors=error.messages, status=400)
            return _answer_page(request, survey, questions, language, code=invitation.code)
        values = form_values(request.POST, questions)
        code = answering.normalise_code(request.POST.get("kod", ""))
        try:
            answering.response_submit(
                survey=survey,
                version_id=_int(request.POST.get("version")),
                values=values,
                questions=questions,
                client=client,
                language=language,
                channel=channel_by_token(survey=survey, token=request.POST.get("kanal", "")),
                device_token=_device_token(request),
                proof=request.POST.get("altcha", ""),
                code=code,
            )
        except answering.AnswerRefused as refused:
            return _message_page(request, survey, refused.message, refused.status)
        except ValidationError as error:
            by_key = error.message_dict
            if "kod" in by_key and sampled:
                return _code_page(request, survey, language, errors=by_key["kod"], status=400)
            top = by_key.pop(answering.NON_FIELD, [])
            return _answer_page(
                request,
                survey,
                questions,
                language,
                values=values,
                errors=by_key,
                top=top,
                code=code,
                status=400,
            )
        thanks = reverse("public:survey_thanks", args=[survey.token])
        return redirect(thanks)


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
def survey_thanks(request, token):
    """Thanks, and the optional "meddela mig när resultaten publiceras" (kept apart)."""
    survey = _survey(token)
    errors, stored = [], None
    email = ""
    if request.method == "POST":
        email = request.POST.get("email", "")
        with scope(municipality=survey.municipality):
            try:
                answering.subscriber_add(survey=survey, email=email, client=client_key(request))
                stored = True
            except ValidationError as error:
                errors = error.messages
    return render(
        request,
        "public/survey_thanks.html",
        {
            "public_municipality": survey.municipality,
            "survey": survey,
            "errors": errors,
            "stored": stored,
            "email": email if errors else "",
        },
        status=400 if errors else 200,
    )
