"""Fills AuditEvent.event for rows written before event names existed, from their untyped
`action`, their object type and, where one kind of object had several writes under one
kind, the summary its writer always gave. What no rule recognises gets `core.<action>`, a
legacy name the registry declares (core/audit_events.py), so the audit page still labels
and filters it."""

from django.db import migrations

ENDS, STARTS, HAS = "summary__endswith", "summary__startswith", "summary__contains"

# (action, object_type, extra filter, event), applied in order to rows still without an
# event: a rule with a summary comes before the general rule for the same object.
RULES = (
    ("created", "core.municipality", {}, "core.municipality_created"),
    ("updated", "core.municipality", {}, "core.municipality_updated"),
    ("created", "core.organisation", {}, "core.organisation_created"),
    ("updated", "core.organisation", {}, "core.organisation_updated"),
    ("deleted", "geo.area", {}, "geo.area_deleted"),
    ("created", "reports.category", {}, "reports.category_created"),
    ("updated", "reports.category", {}, "reports.category_updated"),
    ("created", "reports.apikey", {}, "reports.api_key_created"),
    ("updated", "reports.apikey", {}, "reports.api_key_revoked"),
    ("viewed_original", "reports.report", {}, "reports.original_read"),
    ("updated", "lagesbild.meetingschedule", {}, "lagesbild.schedule_set"),
    ("created", "lagesbild.meeting", {}, "lagesbild.meeting_created"),
    ("updated", "lagesbild.meeting", {}, "lagesbild.meeting_updated"),
    ("created", "lagesbild.decision", {}, "lagesbild.decision_added"),
    ("updated", "lagesbild.decision", {}, "lagesbild.decision_followed_up"),
    ("created", "lagesbild.actionitem", {}, "lagesbild.action_item_added"),
    ("updated", "lagesbild.actionitem", {}, "lagesbild.action_item_completed"),
    ("updated", "lagesbild.policeinput", {}, "lagesbild.police_input_saved"),
    ("created", "lagesbild.documentjob", {}, "lagesbild.document_ordered"),
    ("exported", "lagesbild.documentjob", {}, "lagesbild.document_downloaded"),
    ("created", "strategy.focusarea", {}, "strategy.focus_area_created"),
    ("updated", "strategy.focusarea", {}, "strategy.focus_area_updated"),
    ("created", "strategy.citizenpromise", {}, "strategy.promise_created"),
    ("updated", "strategy.citizenpromise", {ENDS: " publicerat"}, "strategy.promise_published"),
    ("updated", "strategy.citizenpromise", {}, "strategy.promise_updated"),
    ("created", "strategy.promiseactivity", {}, "strategy.activity_created"),
    ("updated", "strategy.promiseactivity", {}, "strategy.activity_updated"),
    ("created", "strategy.strategicpicture", {}, "strategy.picture_drafted"),
    ("updated", "strategy.strategicpicture", {HAS: ": version "}, "strategy.picture_version_saved"),
    ("updated", "strategy.strategicpicture", {ENDS: ": beslutad"}, "strategy.picture_decided"),
    ("updated", "strategy.strategicpicture", {}, "strategy.picture_status_changed"),
    # Problem pictures and plans were written as "updated" when created too; the label of
    # the typed event ("… ändrad") says what the old row said.
    ("updated", "strategy.problempicture", {}, "strategy.problem_updated"),
    ("updated", "strategy.actionplan", {ENDS: " beslutad"}, "strategy.plan_decided"),
    ("updated", "strategy.actionplan", {}, "strategy.plan_updated"),
    ("updated", "strategy.measure", {STARTS: "Uppföljning av "}, "strategy.follow_up_added"),
    ("updated", "strategy.measure", {}, "strategy.measure_updated"),
    ("created", "strategy.indicator", {}, "strategy.indicator_added"),
    # Rows without an object, told apart by the data or the summary their writer gave.
    ("exported", "", {"data__kind": "backup"}, "core.backup_created"),
    ("imported", "", {"data__kind": "restore"}, "core.backup_restored"),
    ("imported", "", {"data__has_key": "crs"}, "geo.area_imported"),
    ("imported", "", {ENDS: "statistikvärden importerade"}, "strategy.statistics_imported"),
    ("exported", "", {STARTS: "Exporterade "}, "reports.exported"),
    ("exported", "", {STARTS: "Lägesbild "}, "lagesbild.document_downloaded"),
    ("deleted", "", {STARTS: "Gallring:"}, "reports.purged"),
)


def fill_event(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    db = schema_editor.connection.alias
    untyped = AuditEvent.objects.using(db).filter(event="").exclude(action="")
    for action, object_type, match, event in RULES:
        untyped.filter(action=action, object_type=object_type, **match).update(event=event)
    # Security kinds (login, role_granted…) keep their name under core, as do the generic
    # kinds of objects no rule names. order_by(): the model's ordering (-at) would make
    # DISTINCT run over (action, at), one UPDATE per row.
    for action in list(untyped.order_by().values_list("action", flat=True).distinct()):
        untyped.filter(action=action).update(event=f"core.{action}")


def clear_event(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    db = schema_editor.connection.alias
    AuditEvent.objects.using(db).exclude(action="").update(event="")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_auditevent_event")]

    operations = [migrations.RunPython(fill_event, clear_event)]
