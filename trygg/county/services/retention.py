"""Retention of what the county holds (the brief: every store has one).

- A withdrawn snapshot is the municipality taking its figures back: it is deleted
  WITHDRAWN_DAYS after the withdrawal (the withdrawal itself stays in the audit log).
- A snapshot's H3 counts exist only for the county's Gi* job, which reads the newest standing
  snapshot of each municipality: once a newer one stands, the older one's counts are cleared.
- Snapshots whose period ended KEEP_YEARS ago are deleted: the county compares the last
  two strategic cycles (four years) and a year more for the yearly report to Brå.
- A hot-spot run is kept RUN_DAYS; the newest run of each county is kept whatever its age,
  since it is what the county's page shows.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.audit import audit_log

from ..audit_events import COUNTY_RETENTION
from ..models import County, HotspotRun, Snapshot

WITHDRAWN_DAYS = 30
KEEP_YEARS = 5
RUN_DAYS = 365


def county_stores_purge(*, now=None) -> dict[str, int]:
    """Applies the rules above in every county; returns how many rows each rule touched."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    done = {"withdrawn": 0, "h3_cleared": 0, "expired": 0, "runs": 0}
    with scopes_disabled(), transaction.atomic():
        withdrawn = Snapshot.objects.filter(withdrawn_at__lt=now - timedelta(days=WITHDRAWN_DAYS))
        done["withdrawn"] = withdrawn.delete()[0]
        expired = Snapshot.objects.filter(period_end__lt=_years_before(today, KEEP_YEARS))
        done["expired"] = expired.delete()[0]
        newest: dict[tuple[int, int], int] = {}
        standing = Snapshot.objects.filter(withdrawn_at__isnull=True).order_by(
            "-published_at", "-pk"
        )
        for county_id, municipality_id, pk in standing.values_list(
            "county_id", "municipality_id", "pk"
        ):
            newest.setdefault((county_id, municipality_id), pk)
        done["h3_cleared"] = (
            Snapshot.objects.exclude(pk__in=newest.values())
            .exclude(h3_counts={})
            .update(h3_counts={})
        )
        for county in County.objects.all():
            runs = HotspotRun.objects.filter(county=county)
            latest = runs.order_by("-ran_at", "-pk").values_list("pk", flat=True).first()
            old = runs.filter(ran_at__lt=now - timedelta(days=RUN_DAYS)).exclude(pk=latest)
            done["runs"] += old.delete()[0]
        if any(done.values()):
            audit_log(
                event=COUNTY_RETENTION,
                summary="Gallring av länets sammanställningar och analyser",
                data=done,
            )
    return done


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
