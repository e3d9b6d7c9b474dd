"""Strategy's answers in the law checklist: is there a decided lägesbild, a decided
åtgärdsplan, and is the plan followed up? Registered at start-up (registrations.py), so a
page below or beside strategy (the county view) can list them without importing strategy."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from trygg.core.contributions import ChecklistAnswer
from trygg.core.viewer import Viewer

from .models import ActionPlan, MeasureFollowUp, StrategicPicture

LAW = "lag (2023:196) om kommuners ansvar för brottsförebyggande arbete"


def picture_is_current(*, viewer: Viewer) -> ChecklistAnswer:
    """A decided lägesbild whose period ended at most a year ago (one every second year)."""
    year = timezone.localdate().year
    picture = (
        StrategicPicture.objects.filter(
            municipality=viewer.municipality, status=StrategicPicture.Status.BESLUTAD
        )
        .order_by("-end_year")
        .first()
    )
    url = reverse("strategy:pictures")
    if picture is None:
        return ChecklistAnswer(False, "Ingen beslutad lägesbild.", url)
    evidence = f"{picture}, beslutad {picture.decided_on:%Y-%m-%d}."
    return ChecklistAnswer(picture.end_year >= year - 1, evidence, url)


def plan_is_decided(*, viewer: Viewer) -> ChecklistAnswer:
    """A decided åtgärdsplan that covers this year."""
    year = timezone.localdate().year
    plan = (
        ActionPlan.objects.filter(
            municipality=viewer.municipality,
            status=ActionPlan.Status.BESLUTAD,
            start_year__lte=year,
            end_year__gte=year,
        )
        .order_by("-start_year")
        .first()
    )
    url = reverse("strategy:plans")
    if plan is None:
        return ChecklistAnswer(False, f"Ingen beslutad åtgärdsplan gäller {year}.", url)
    return ChecklistAnswer(True, f"{plan} {plan.start_year}–{plan.end_year}.", url)


def plan_is_followed_up(*, viewer: Viewer) -> ChecklistAnswer:
    """A follow-up of a measure in the last twelve months; without a plan a person judges."""
    since = timezone.localdate() - timedelta(days=365)
    follow_ups = MeasureFollowUp.objects.filter(municipality=viewer.municipality, on__gte=since)
    latest = follow_ups.order_by("-on").first()
    url = reverse("strategy:annual_report")
    if latest is None:
        return ChecklistAnswer(False, "Ingen åtgärd följd upp de senaste tolv månaderna.", url)
    return ChecklistAnswer(
        True, f"{follow_ups.count()} uppföljningar, senast {latest.on:%Y-%m-%d}.", url
    )
