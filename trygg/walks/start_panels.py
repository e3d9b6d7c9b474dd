"""The samordnare's walks panel on the start page: the next planned walk and the findings
whose owners have not answered by their deadline. Three queries."""

from django.urls import reverse
from django.utils import timezone

from trygg.locale_sv import format_number

from .models import Finding
from .selectors.walks import next_walk


def walks_panel(viewer) -> dict:
    walk = next_walk(viewer=viewer)
    late = Finding.objects.filter(
        municipality=viewer.municipality,
        deadline__lt=timezone.localdate(),
        status__in=(Finding.Status.OPPEN, Finding.Status.ATGARDAS),
        owner_answered_at__isnull=True,
    ).count()
    if walk is None and not late:
        return {
            "empty": "Ingen trygghetsvandring är planerad.",
            "more": {"label": "Planera en vandring", "url": reverse("walks:plan")},
        }
    panel: dict = {"more": {"label": "Alla vandringar", "url": reverse("walks:list")}}
    if walk is not None:
        panel["entries"] = [
            {
                "text": walk.title,
                "url": reverse("walks:detail", args=[walk.pk]),
                "meta": f"{walk.walk_on.isoformat()} · {walk.area.name}",
            }
        ]
    if late:
        panel["figures"] = [
            {
                "value": format_number(late),
                "label": "brister utan svar efter sista svarsdag",
                "url": reverse("walks:list"),
            }
        ]
    return panel
