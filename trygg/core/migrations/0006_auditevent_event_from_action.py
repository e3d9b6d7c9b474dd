"""Fills AuditEvent.event for rows written before event names existed, from their untyped
`action`, their object type and, for rows without an object, what their data or summary
says they were. What no rule below recognises gets `core.<action>`, a legacy name the
registry declares (core/audit_events.py) so the audit page labels and filters it."""

from django.db import migrations

# (object_type, action) -> event, for the objects the services audited before this change.
BY_OBJECT = {
    ("core.municipality", "created"): "core.municipality_created",
    ("core.municipality", "updated"): "core.municipality_updated",
    ("core.organisation", "created"): "core.organisation_created",
    ("core.organisation", "updated"): "core.organisation_updated",
    ("geo.area", "deleted"): "geo.area_deleted",
    ("reports.category", "created"): "reports.category_created",
    ("reports.category", "updated"): "reports.category_updated",
    ("reports.apikey", "created"): "reports.api_key_created",
    ("reports.apikey", "updated"): "reports.api_key_revoked",
    ("reports.report", "viewed_original"): "reports.original_read",
    ("lagesbild.meetingschedule", "updated"): "lagesbild.schedule_set",
    ("lagesbild.meeting", "created"): "lagesbild.meeting_created",
    ("lagesbild.meeting", "updated"): "lagesbild.meeting_updated",
    ("lagesbild.decision", "created"): "lagesbild.decision_added",
    ("lagesbild.decision", "updated"): "lagesbild.decision_followed_up",
    ("lagesbild.actionitem", "created"): "lagesbild.action_item_added",
    ("lagesbild.actionitem", "updated"): "lagesbild.action_item_completed",
    ("lagesbild.policeinput", "updated"): "lagesbild.police_input_saved",
    ("lagesbild.documentjob", "created"): "lagesbild.document_ordered",
    ("lagesbild.documentjob", "exported"): "lagesbild.document_downloaded",
}

# Rows without an object, told apart by the data or the summary their writer always gave.
WITHOUT_OBJECT = (
    ("exported", {"data__kind": "backup"}, "core.backup_created"),
    ("imported", {"data__kind": "restore"}, "core.backup_restored"),
    ("imported", {"data__has_key": "crs"}, "geo.area_imported"),
    ("exported", {"summary__startswith": "Exporterade "}, "reports.exported"),
    ("exported", {"summary__startswith": "Lägesbild "}, "lagesbild.document_downloaded"),
    ("deleted", {"summary__startswith": "Gallring:"}, "reports.purged"),
)


def fill_event(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    db = schema_editor.connection.alias
    untyped = AuditEvent.objects.using(db).filter(event="").exclude(action="")
    for (object_type, action), event in BY_OBJECT.items():
        untyped.filter(object_type=object_type, action=action).update(event=event)
    for action, match, event in WITHOUT_OBJECT:
        untyped.filter(object_type="", action=action, **match).update(event=event)
    # Security kinds (login, role_granted…) keep their name under core; the generic kinds
    # of other objects (strategy's, imports') become core's legacy names.
    # order_by(): the model's ordering (-at) would make DISTINCT run over (action, at).
    for action in list(untyped.order_by().values_list("action", flat=True).distinct()):
        untyped.filter(action=action).update(event=f"core.{action}")


def clear_event(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    db = schema_editor.connection.alias
    AuditEvent.objects.using(db).exclude(action="").update(event="")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_auditevent_event")]

    operations = [migrations.RunPython(fill_event, clear_event)]
