"""Strategy's panels on the start page (issue 15): documents on remiss, overdue follow-ups
and the measures on track for the samordnare; the decided documents for the rådsledamot."""

from django.urls import reverse
from django.utils import timezone

from trygg.locale_sv import format_number

from .models import ActionPlan, Measure, StrategicPicture
from .selectors.plans import OPEN, _last_follow_up, is_overdue, next_follow_up

LATEST = 5


def on_remiss(viewer) -> dict:
    """Strategic lägesbilder sent on remiss and not yet decided."""
    pictures = StrategicPicture.objects.filter(
        municipality=viewer.municipality, status=StrategicPicture.Status.REMISS
    ).order_by("-start_year")
    items = [
        {
            "text": f"Strategisk lägesbild {p.start_year}–{p.end_year}",
            "url": reverse("strategy:picture_detail", args=[p.pk]),
            "meta": "På remiss",
        }
        for p in pictures
    ]
    return {"entries": items, "empty": "Inga dokument är på remiss."}


def _open_measures(viewer):
    return (
        Measure.objects.filter(
            municipality=viewer.municipality,
            status__in=OPEN,
            plan__status=ActionPlan.Status.BESLUTAD,
        )
        .select_related("plan")
        .prefetch_related("follow_ups")
        .order_by("pk")
    )


def follow_ups(viewer) -> dict:
    """Measures of decided plans whose follow-up is late, the longest overdue first, and how
    many of all open measures are followed up on time (the key figure 'on track')."""
    today = timezone.localdate()
    measures = [(m, _last_follow_up(m)) for m in _open_measures(viewer)]
    if not measures:
        return {"empty": "Inga pågående åtgärder i en beslutad åtgärdsplan."}
    late = sorted(
        ((m, next_follow_up(m, last)) for m, last in measures if is_overdue(m, last, today)),
        key=lambda pair: (pair[1], pair[0].pk),
    )
    plans = reverse("strategy:plans")
    on_time = len(measures) - len(late)
    return {
        "figures": [
            {
                "value": f"{format_number(on_time)} av {format_number(len(measures))}",
                "label": "åtgärder följs upp i tid",
                "url": plans,
            }
        ],
        "entries": [
            {
                "text": m.title,
                "url": reverse("strategy:measure_detail", args=[m.pk]),
                "meta": f"Uppföljningen skulle ha gjorts {due.isoformat()}",
            }
            for m, due in late[:LATEST]
        ],
        "more": {"label": "Alla åtgärdsplaner", "url": plans},
    }


def decided_documents(viewer) -> dict:
    """The decided strategic lägesbilder and åtgärdsplaner, newest first."""
    pictures = StrategicPicture.objects.filter(
        municipality=viewer.municipality, status=StrategicPicture.Status.BESLUTAD
    ).order_by("-start_year")[:LATEST]
    plans = ActionPlan.objects.filter(
        municipality=viewer.municipality, status=ActionPlan.Status.BESLUTAD
    ).order_by("-start_year")[:LATEST]
    items = [
        {
            "text": f"Strategisk lägesbild {p.start_year}–{p.end_year}",
            "url": reverse("strategy:picture_detail", args=[p.pk]),
            "meta": _decided(p),
        }
        for p in pictures
    ] + [
        {
            "text": plan.title,
            "url": reverse("strategy:plan_detail", args=[plan.pk]),
            "meta": _decided(plan),
        }
        for plan in plans
    ]
    return {"entries": items, "empty": "Inga beslutade dokument ännu."}


def _decided(document) -> str:
    by = f" av {document.decided_by}" if document.decided_by else ""
    on = f" {document.decided_on.isoformat()}" if document.decided_on else ""
    return f"Beslutad{by}{on}"
