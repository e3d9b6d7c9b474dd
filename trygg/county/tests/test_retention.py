"""The county's retention: a withdrawn snapshot goes 30 days after, a superseded one loses
its H3 counts, one whose period ended five years ago goes, and hot-spot runs older than a
year go except each county's newest; the purge is audited and the daily job runs it."""

from datetime import date, timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.models import AuditEvent
from trygg.county.models import HotspotRun, Snapshot
from trygg.county.services.retention import county_stores_purge
from trygg.county.tasks import purge_county_stores

from .helpers import make_county


def _snapshot(county, municipality, *, published, period_end, withdrawn=None, h3=None):
    snapshot = Snapshot.objects.create(
        county=county,
        municipality=municipality,
        period_start=period_end - timedelta(days=364),
        period_end=period_end,
        withdrawn_at=withdrawn,
        h3_counts=h3 if h3 is not None else {"8808866a1bfffff": 7},
    )
    Snapshot.objects.filter(pk=snapshot.pk).update(published_at=published)
    return snapshot.pk


def test_each_rule_removes_only_what_it_names(koping, arboga):
    now = timezone.now()
    county = make_county()
    with scopes_disabled():
        taken_back_long_ago = _snapshot(
            county,
            koping,
            published=now - timedelta(days=90),
            period_end=date(2026, 6, 30),
            withdrawn=now - timedelta(days=31),
        )
        taken_back_lately = _snapshot(
            county,
            koping,
            published=now - timedelta(days=20),
            period_end=date(2026, 6, 30),
            withdrawn=now - timedelta(days=2),
        )
        superseded = _snapshot(
            county, koping, published=now - timedelta(days=60), period_end=date(2026, 3, 31)
        )
        newest = _snapshot(
            county, koping, published=now - timedelta(days=10), period_end=date(2026, 9, 30)
        )
        arboga_only = _snapshot(
            county, arboga, published=now - timedelta(days=60), period_end=date(2026, 3, 31)
        )
        too_old = _snapshot(
            county,
            arboga,
            published=now - timedelta(days=2200),
            period_end=now.date() - timedelta(days=5 * 366 + 1),
        )
        old_run = HotspotRun.objects.create(county=county)
        newest_run = HotspotRun.objects.create(county=county)
        HotspotRun.objects.filter(pk__in=[old_run.pk, newest_run.pk]).update(
            ran_at=now - timedelta(days=400)
        )
        HotspotRun.objects.filter(pk=newest_run.pk).update(ran_at=now - timedelta(days=399))

    done = county_stores_purge(now=now)

    assert done == {"withdrawn": 1, "h3_cleared": 2, "expired": 1, "runs": 1}
    with scopes_disabled():
        left = dict(Snapshot.objects.values_list("pk", "h3_counts"))
        assert set(left) == {taken_back_lately, superseded, newest, arboga_only}
        assert left[newest] and left[arboga_only]
        assert left[superseded] == left[taken_back_lately] == {}
        assert list(HotspotRun.objects.values_list("pk", flat=True)) == [newest_run.pk]
        event = AuditEvent.objects.get(event="county.retention")
    assert event.data == done
    assert too_old not in left and taken_back_long_ago not in left


def test_the_daily_job_runs_it_and_a_second_run_changes_nothing(koping):
    county = make_county()
    with scopes_disabled():
        _snapshot(county, koping, published=timezone.now(), period_end=date(2026, 9, 30))
    assert purge_county_stores.call() == {"withdrawn": 0, "h3_cleared": 0, "expired": 0, "runs": 0}
    with scopes_disabled():
        assert not AuditEvent.objects.filter(event="county.retention").exists()
