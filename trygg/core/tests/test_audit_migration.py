"""Migration core 0006 gives every audit row from before event names a registered event,
from its old kind, its object type and, for rows without an object, its data or summary."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trygg.core.audit import registered_events
from trygg.core.models import AuditEvent

migration = import_module("trygg.core.migrations.0006_auditevent_event_from_action")

CASES = [
    # (action, object_type, data, summary, event)
    ("login", "", {"client": "ab12"}, "Inloggning", "core.login"),
    ("login_failed", "", {}, "Misslyckad inloggning", "core.login_failed"),
    ("municipality_switched", "", {}, "Bytte till Arboga", "core.municipality_switched"),
    ("role_granted", "core.membership", {"role": "polis"}, "x fick rollen", "core.role_granted"),
    ("role_revoked", "core.membership", {}, "x förlorade rollen", "core.role_revoked"),
    ("created", "core.municipality", {}, "Kommun Köping skapad", "core.municipality_created"),
    ("created", "core.organisation", {}, "Organisation X skapad", "core.organisation_created"),
    ("updated", "core.organisation", {}, "Organisation X ändrad", "core.organisation_updated"),
    ("deleted", "geo.area", {}, "Området X borttaget", "geo.area_deleted"),
    ("created", "reports.category", {}, "Kategorin X skapad", "reports.category_created"),
    ("created", "reports.apikey", {}, "API-nyckel X skapad", "reports.api_key_created"),
    ("updated", "reports.apikey", {}, "API-nyckel X återkallad", "reports.api_key_revoked"),
    ("viewed_original", "reports.report", {}, "Läste originaltext", "reports.original_read"),
    ("updated", "lagesbild.meetingschedule", {}, "Mötesschema", "lagesbild.schedule_set"),
    ("created", "lagesbild.decision", {}, "Insats beslutad: x", "lagesbild.decision_added"),
    ("updated", "lagesbild.actionitem", {}, "Åtgärd klar: x", "lagesbild.action_item_completed"),
    ("updated", "lagesbild.policeinput", {}, "Polisens lägesbild", "lagesbild.police_input_saved"),
    ("created", "lagesbild.documentjob", {}, "Lägesbild beställd", "lagesbild.document_ordered"),
    (
        "exported",
        "",
        {"kind": "backup", "files": 2},
        "Säkerhetskopia skapad",
        "core.backup_created",
    ),
    ("imported", "", {"kind": "restore"}, "Återställd från", "core.backup_restored"),
    (
        "imported",
        "",
        {"created": 9, "updated": 0, "crs": "EPSG:4326"},
        "9 områden",
        "geo.area_imported",
    ),
    ("exported", "", {}, "Exporterade 3 rapporter som CSV", "reports.exported"),
    (
        "exported",
        "",
        {},
        "Lägesbild 2026-01-01–2026-01-14 nedladdad",
        "lagesbild.document_downloaded",
    ),
    ("deleted", "", {"deleted": 2}, "Gallring: 2 rapporter", "reports.purged"),
    ("created", "strategy.focusarea", {}, "Fokusområde X", "strategy.focus_area_created"),
    ("updated", "strategy.citizenpromise", {}, "Medborgarlöfte 2026", "strategy.promise_updated"),
    (
        "updated",
        "strategy.citizenpromise",
        {},
        "Medborgarlöfte 2026 publicerat",
        "strategy.promise_published",
    ),
    ("created", "strategy.strategicpicture", {}, "X utkast", "strategy.picture_drafted"),
    ("updated", "strategy.strategicpicture", {}, "X: version 2", "strategy.picture_version_saved"),
    ("updated", "strategy.strategicpicture", {}, "X: beslutad", "strategy.picture_decided"),
    ("updated", "strategy.strategicpicture", {}, "X: på remiss", "strategy.picture_status_changed"),
    ("updated", "strategy.problempicture", {}, "Problembild X", "strategy.problem_updated"),
    ("updated", "strategy.actionplan", {}, "Åtgärdsplan X", "strategy.plan_updated"),
    ("updated", "strategy.actionplan", {}, "Åtgärdsplan X beslutad", "strategy.plan_decided"),
    ("updated", "strategy.measure", {}, "Åtgärd X", "strategy.measure_updated"),
    ("updated", "strategy.measure", {}, "Uppföljning av X", "strategy.follow_up_added"),
    ("created", "strategy.indicator", {}, "Indikator X", "strategy.indicator_added"),
    ("imported", "", {}, "12 statistikvärden importerade", "strategy.statistics_imported"),
    # Kinds of objects no rule names keep core's legacy name.
    ("created", "reports.importjob", {}, "Import", "core.created"),
    ("deleted", "strategy.measure", {}, "Borttagen", "core.deleted"),
    ("exported", "", {}, "Något annat", "core.exported"),
]


@pytest.mark.django_db
def test_every_old_row_gets_the_event_its_kind_object_and_data_say():
    rows = [
        AuditEvent.objects.create(action=a, object_type=t, data=d, summary=s)
        for a, t, d, s, _event in CASES
    ]
    migration.fill_event(apps, SimpleNamespace(connection=connection))
    got = [AuditEvent.objects.get(pk=row.pk).event for row in rows]
    assert got == [case[-1] for case in CASES]


@pytest.mark.django_db
def test_a_row_that_has_an_event_keeps_it_and_reversing_clears_only_old_rows():
    typed = AuditEvent.objects.create(event="core.login", summary="Inloggning")
    old = AuditEvent.objects.create(action="logout", summary="Utloggning")
    editor = SimpleNamespace(connection=connection)
    migration.fill_event(apps, editor)
    assert AuditEvent.objects.get(pk=typed.pk).event == "core.login"
    assert AuditEvent.objects.get(pk=old.pk).event == "core.logout"
    migration.clear_event(apps, editor)
    assert AuditEvent.objects.get(pk=typed.pk).event == "core.login"
    assert AuditEvent.objects.get(pk=old.pk).event == ""


def test_every_event_the_migration_writes_is_registered():
    known = {e.name for e in registered_events()}
    written = {event for *_, event in migration.RULES}
    legacy = {f"core.{kind}" for kind in AuditEvent.Action.values}
    # The meetings moved to forums, whose migration 0003 renames these rows' events again.
    moved = import_module("trygg.forums.migrations.0003_forum_rows").EVENTS
    renamed = {f"lagesbild.{event}" for event in moved}
    assert renamed <= written
    assert {f"forums.{event}" for event in moved} <= known
    assert sorted((written - renamed | legacy) - known) == []


def _fill_queries(n: int) -> int:
    AuditEvent.objects.all().delete()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(action="updated", object_type="strategy.measure", summary="x")
            for _ in range(n)
        ]
    )
    with CaptureQueriesContext(connection) as ctx:
        migration.fill_event(apps, SimpleNamespace(connection=connection))
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_the_migration_runs_as_many_queries_for_three_rows_as_for_one():
    # The model's ordering once made DISTINCT run over (action, at): one UPDATE per row,
    # 100,000 rows took 508 s on PostgreSQL instead of 3.5 s.
    assert _fill_queries(3) == _fill_queries(1)
