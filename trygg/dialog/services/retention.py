"""Gallring of the dialog app's stores, run daily (tasks.py). Each store has its own life:

- the sample (Invitation: one-time codes and the municipality's mail-merge reference, the only
  link from an answer to a person) is deleted once its survey is closed or past its last day;
- an open link's device hashes (Response.device_hash) exist only to catch repeated answers
  while the survey is open, and are cleared once it is closed;
- the e-mails left for "tell me when the results are published" (ResultSubscriber) are kept
  only until they can have been told: 30 days after the dialogue's publication, and never
  longer than two years;
- answers themselves are kept (they are the figures the lägesbild and the next round compare
  with), but their free text (Answer.text and the map's reason) is deleted FREE_TEXT_YEARS
  after the survey closed.

Python datetimes, not the database's clock, so tests date each rule."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trygg.core.audit import audit_log
from trygg.core.models import Municipality

from .. import audit_events as events
from ..models import Answer, Invitation, Response, ResultSubscriber, Survey

# Time enough for the respondents to be told once the results are out (the notice is sent on
# publication; a month covers a re-send), and a cap for a dialogue never published.
SUBSCRIBER_AFTER_PUBLISHED = timedelta(days=30)
SUBSCRIBER_MAX_AGE = timedelta(days=730)
# No municipality-level retention setting exists for survey answers. Free text is the part of
# an answer that can identify its writer despite the PII scan; three years after the close
# covers the biennial lägesbild that cites the survey and the next round that is compared with
# it, and matches the three years the report categories for otrygg miljö keep citizen text.
FREE_TEXT_YEARS = 3


def _closed(today: date) -> Q:
    """Surveys closed by hand, or whose last day has passed."""
    return Q(status=Survey.Status.STANGD) | Q(closes_on__lt=today)


def _close_day(survey: Survey) -> date | None:
    days = [d for d in (survey.closes_on,) if d]
    if survey.closed_at:
        days.append(timezone.localtime(survey.closed_at).date())
    return min(days) if days else None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@transaction.atomic
def dialog_retention_run(*, municipality: Municipality, now: datetime | None = None) -> dict:
    """Applies every retention rule above to one municipality's dialog stores and writes one
    audit row per survey or dialogue touched; returns how many rows each rule changed."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    closed = Survey.objects.filter(municipality=municipality).filter(_closed(today))
    done = {"invitations": 0, "device_hashes": 0, "subscribers": 0, "free_texts": 0}

    for survey in closed.filter(invitations__isnull=False).distinct():
        n, _ = Invitation.objects.filter(municipality=municipality, survey=survey).delete()
        done["invitations"] += n
        audit_log(
            event=events.SAMPLE_DELETED,
            municipality=municipality,
            obj=survey,
            summary="Urvalslistan gallrad när enkäten stängde",
            data={"invitations": n},
        )

    done["device_hashes"] = (
        Response.objects.filter(municipality=municipality, survey__in=closed)
        .exclude(device_hash="")
        .update(device_hash="")
    )

    due = ResultSubscriber.objects.filter(municipality=municipality).filter(
        Q(dialogue__published_at__lt=now - SUBSCRIBER_AFTER_PUBLISHED)
        | Q(created_at__lt=now - SUBSCRIBER_MAX_AGE)
    )
    by_dialogue: dict[int, int] = {}
    for dialogue_id in due.values_list("dialogue_id", flat=True):
        by_dialogue[dialogue_id] = by_dialogue.get(dialogue_id, 0) + 1
    if by_dialogue:
        done["subscribers"], _ = due.delete()
        for dialogue_id, n in sorted(by_dialogue.items()):
            audit_log(
                event=events.SUBSCRIBERS_DELETED,
                municipality=municipality,
                summary="E-postadresser för besked om resultat gallrade",
                data={"dialogue": dialogue_id, "subscribers": n},
            )

    cutoff = _years_before(today, FREE_TEXT_YEARS)
    for survey in closed:
        close_day = _close_day(survey)
        if close_day is None or close_day > cutoff:
            continue
        n = (
            Answer.objects.filter(municipality=municipality, response__survey=survey)
            .filter(~Q(text="") | ~Q(reason=""))
            .update(text="", reason="", quotable=False)
        )
        if n:
            done["free_texts"] += n
            audit_log(
                event=events.FREE_TEXT_DELETED,
                municipality=municipality,
                obj=survey,
                summary=f"Fritextsvar gallrade {FREE_TEXT_YEARS} år efter att enkäten stängde",
                data={"answers": n},
            )
    return done
