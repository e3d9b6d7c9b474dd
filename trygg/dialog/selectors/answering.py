"""Reads for public answering (the survey behind a link, its questions, the open surveys of
a municipality) and the owner's warning about answers that look repeated."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.kernel import REFUSED
from trygg.core.viewer import Viewer

from ..models import Channel, Question, Response, Survey


def survey_by_token(token: str) -> Survey | None:
    """The published or closed survey behind a public link (a draft is not found)."""
    # The link carries no municipality: its unguessable token is the key, and the survey
    # found names the tenant every later read is scoped to.
    with scopes_disabled():
        return (
            Survey.objects.select_related("municipality", "dialogue", "current_version")
            .exclude(status=Survey.Status.UTKAST)
            .filter(token=token)
            .first()
        )


def channel_by_token(*, survey: Survey, token: str) -> Channel | None:
    if not token:
        return None
    return Channel.objects.filter(
        municipality=survey.municipality, survey=survey, token=token
    ).first()


def survey_questions(*, survey: Survey) -> list[Question]:
    """The current version's questions in the order they are asked: by section, then order."""
    if survey.current_version_id is None:
        return []
    questions = Question.objects.filter(
        municipality=survey.municipality, version_id=survey.current_version_id
    ).select_related("section", "condition_question")
    return sorted(
        questions,
        key=lambda q: (
            (q.section.order, q.section.pk) if q.section else (-1, 0),
            q.order,
            q.pk,
        ),
    )


def already_answered(*, survey: Survey, device: str) -> bool:
    """Whether an answer with this device hash is stored (the open link's guard)."""
    return (
        bool(device)
        and Response.objects.filter(
            municipality=survey.municipality, survey=survey, device_hash=device
        ).exists()
    )


def open_surveys(*, municipality) -> list[Survey]:
    """The surveys open for answers today, soonest deadline first (the public start page)."""
    today = timezone.localdate()
    surveys = (
        Survey.objects.filter(municipality=municipality, status=Survey.Status.PUBLICERAD)
        .exclude(current_version=None)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
    )
    return sorted(surveys, key=lambda s: (s.closes_on is None, s.closes_on or today, s.title))


@dataclass(frozen=True)
class RepeatWarning:
    flagged: int
    total: int
    by_channel: list[tuple[str, int]]


def repeat_warnings(viewer: Viewer, survey: Survey) -> RepeatWarning | None:
    """How many of an open survey's answers look repeated (same device, or many identical
    answer sets from one channel), per channel; None when none do. For the survey's owners."""
    if not viewer.may("dialog.view"):
        raise PermissionDenied(REFUSED)
    if survey.municipality_id != viewer.municipality.pk:
        return None
    answers = Response.objects.filter(municipality=viewer.municipality, survey=survey)
    counts = answers.aggregate(
        total=Count("pk"), flagged=Count("pk", filter=Q(looks_repeated=True))
    )
    if not counts["flagged"]:
        return None
    rows = (
        answers.filter(looks_repeated=True)
        .values("channel__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "channel__name")
    )
    return RepeatWarning(
        flagged=counts["flagged"],
        total=counts["total"],
        by_channel=[(r["channel__name"] or "Länken utan kanal", r["n"]) for r in rows],
    )
