"""Every municipality gets the guideline's forums; each meeting points at the forum its old
`forum` choice named; decisions get their § numbers; audit rows and content types follow the
models to this app, so the audit trail still finds its objects."""

from zoneinfo import ZoneInfo

from django.db import migrations

# Frozen here: later renames of the forums must not change what this migration did.
DEFAULTS = [
    ("lagesbild", "Lägesbildsmöte"),
    ("bra", "Brottsförebyggande rådet (BRÅ)"),
    ("est", "EST-gruppen"),
    ("klg", "Kommunledningsgruppen (KLG)"),
    ("stora", "Stora samverkansgruppen"),
]
MODELS = ["meeting", "agendaitem", "decision", "actionitem", "meetingschedule"]
# The typed events core 0006 gave the meeting rows, and what they are called now.
EVENTS = [
    "schedule_set",
    "meeting_created",
    "meeting_updated",
    "decision_added",
    "decision_followed_up",
    "action_item_added",
    "action_item_completed",
]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def forward(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    Forum = apps.get_model("forums", "Forum")
    Meeting = apps.get_model("forums", "Meeting")
    Decision = apps.get_model("forums", "Decision")
    AuditEvent = apps.get_model("core", "AuditEvent")
    for municipality in Municipality.objects.all():
        forums = {}
        for kind, name in DEFAULTS:
            forums[kind], _ = Forum.objects.get_or_create(
                municipality=municipality, kind=kind, defaults={"name": name}
            )
        for kind, forum in forums.items():
            Meeting.objects.filter(municipality=municipality, forum=kind).update(forum_ref=forum)
    # § numbers per forum and year, in order of meeting date (then of recording).
    counters: dict[tuple[int, int], int] = {}
    decisions = Decision.objects.select_related("meeting").order_by(
        "meeting__held_at", "created_at", "pk"
    )
    for decision in decisions:
        year = decision.meeting.held_at.astimezone(STOCKHOLM).year
        key = (decision.meeting.forum_ref_id, year)
        counters[key] = counters.get(key, 0) + 1
        decision.year, decision.number = year, counters[key]
        decision.save(update_fields=["year", "number"])
    for model in MODELS:
        AuditEvent.objects.filter(object_type=f"lagesbild.{model}").update(
            object_type=f"forums.{model}"
        )
    for event in EVENTS:
        AuditEvent.objects.filter(event=f"lagesbild.{event}").update(event=f"forums.{event}")
    _move_content_types(apps, "lagesbild", "forums")


def backward(apps, schema_editor):
    Meeting = apps.get_model("forums", "Meeting")
    AuditEvent = apps.get_model("core", "AuditEvent")
    for meeting in Meeting.objects.select_related("forum_ref__parent"):
        forum = meeting.forum_ref
        # A working group's meeting goes back to the forum that appointed it.
        kind = forum.parent.kind if forum.parent_id else forum.kind
        meeting.forum = kind if kind != "arbetsgrupp" else "est"
        meeting.save(update_fields=["forum"])
    for model in MODELS:
        AuditEvent.objects.filter(object_type=f"forums.{model}").update(
            object_type=f"lagesbild.{model}"
        )
    for event in EVENTS:
        AuditEvent.objects.filter(event=f"forums.{event}").update(event=f"lagesbild.{event}")
    _move_content_types(apps, "forums", "lagesbild")


def _move_content_types(apps, old, new):
    """Keeps admin history and permissions on the moved models (post_migrate would otherwise
    create fresh content types and leave the old ones stale)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_forums"),
        ("contenttypes", "0002_remove_content_type_name"),
        # After core gave the old rows their typed lagesbild.* events, which move here too.
        ("core", "0006_auditevent_event_from_action"),
    ]

    operations = [migrations.RunPython(forward, backward)]
