"""The move of the meetings from lagesbild to forums, run on historical models: every
meeting, decision, action item and agenda item keeps its primary key (so old URLs redirect
to the same object), gets its forum and § number, audit rows follow, and the way back
restores the old shape. Runs on SQLite and PostgreSQL like every test."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

BEFORE = [("lagesbild", "0005_job_base"), ("forums", None)]
MOVED_BY = {"lagesbild", "forums"}
AFTER = [("lagesbild", "0006_meetings_moved_to_forums"), ("forums", "0004_meeting_forum")]


def _migrate(targets):
    """Migrates lagesbild and forums to the targets; returns the historical models, with the
    other apps (core's AuditEvent…) as they are now."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    graph = MigrationExecutor(connection).loader
    # Apps built on the moved migrations (walks' meetings) were rolled back with them and
    # are not there to project: only what the database has applied now is.
    applied = MigrationRecorder(connection).applied_migrations()
    others = [
        leaf for leaf in graph.graph.leaf_nodes() if leaf[0] not in MOVED_BY and leaf in applied
    ]
    state = [target for target in targets if target[1] is not None] + others
    return graph.project_state(state).apps


def _old_rows(apps):
    Municipality = apps.get_model("core", "Municipality")
    Organisation = apps.get_model("core", "Organisation")
    Meeting = apps.get_model("lagesbild", "Meeting")
    Decision = apps.get_model("lagesbild", "Decision")
    ActionItem = apps.get_model("lagesbild", "ActionItem")
    AgendaItem = apps.get_model("lagesbild", "AgendaItem")
    AuditEvent = apps.get_model("core", "AuditEvent")
    koping = Municipality.objects.create(
        name="Köping", kommunkod="1983", county_code="19", slug="koping"
    )
    org = Organisation.objects.create(municipality=koping, name="Polisen", kind="polis")
    rows = {}
    for key, forum, held in [
        # Two BRÅ meetings out of date order, and one at 00:30 on New Year's Day local time
        # (23:30 UTC the day before): its decision counts for the new year.
        ("bra_late", "bra", datetime(2026, 9, 1, 8, tzinfo=UTC)),
        ("bra_early", "bra", datetime(2026, 3, 1, 8, tzinfo=UTC)),
        ("bra_new_year", "bra", datetime(2026, 12, 31, 23, 30, tzinfo=UTC)),
        ("lagesbild", "lagesbild", datetime(2026, 3, 4, 8, tzinfo=UTC)),
    ]:
        meeting = Meeting.objects.create(
            municipality=koping,
            forum=forum,
            held_at=held,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 1, 14),
            notes=f"Anteckningar {key}",
        )
        meeting.organisations.add(org)
        decision = Decision.objects.create(
            municipality=koping,
            meeting=meeting,
            what=f"Beslut {key}",
            responsible=org,
            until=date(2027, 1, 1),
        )
        action = ActionItem.objects.create(
            municipality=koping,
            meeting=meeting,
            title=f"Åtgärd {key}",
            owner_organisation=org,
            due=date(2027, 1, 1),
        )
        agenda = AgendaItem.objects.create(
            municipality=koping, meeting=meeting, title=f"Punkt {key}", action_item=action
        )
        AuditEvent.objects.create(
            municipality=koping,
            action="created",
            event="lagesbild.meeting_created",  # as core 0006 named it
            object_type="lagesbild.meeting",
            object_id=str(meeting.pk),
            summary="Möte skapat",
        )
        rows[key] = (meeting.pk, decision.pk, action.pk, agenda.pk)
    return rows


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("real_migrations")
def test_every_meeting_decision_and_action_item_survives_the_move_and_the_way_back():
    rows = _old_rows(_migrate(BEFORE))

    apps = _migrate(AFTER)
    Meeting = apps.get_model("forums", "Meeting")
    Decision = apps.get_model("forums", "Decision")
    AuditEvent = apps.get_model("core", "AuditEvent")
    Forum = apps.get_model("forums", "Forum")
    assert sorted(Forum.objects.values_list("kind", flat=True)) == sorted(
        ["lagesbild", "bra", "est", "klg", "stora"]
    )
    for key, (meeting_pk, decision_pk, action_pk, agenda_pk) in rows.items():
        meeting = Meeting.objects.get(pk=meeting_pk)
        assert meeting.notes == f"Anteckningar {key}"
        assert meeting.forum.kind == key.split("_")[0]
        assert meeting.organisations.get().name == "Polisen"
        assert meeting.decisions.get().pk == decision_pk
        assert meeting.action_items.get().pk == action_pk
        assert meeting.agenda.get().pk == agenda_pk
        assert meeting.agenda.get().action_item_id == action_pk
    paragraphs = {d.what: (d.number, d.year) for d in Decision.objects.all()}
    assert paragraphs == {
        "Beslut bra_early": (1, 2026),
        "Beslut bra_late": (2, 2026),
        "Beslut bra_new_year": (1, 2027),
        "Beslut lagesbild": (1, 2026),
    }
    assert set(AuditEvent.objects.values_list("object_type", "event")) == {
        ("forums.meeting", "forums.meeting_created")
    }
    # New rows get fresh primary keys after the moved ones (the sequences came along).
    bra = Forum.objects.get(kind="bra")
    fresh = Meeting.objects.create(
        municipality=bra.municipality,
        forum=bra,
        held_at=datetime(2026, 10, 1, tzinfo=UTC),
        period_start=date(2026, 9, 1),
        period_end=date(2026, 9, 14),
    )
    assert fresh.pk > max(pk for pk, *_ in rows.values())
    fresh.delete()

    apps = _migrate(BEFORE)
    OldMeeting = apps.get_model("lagesbild", "Meeting")
    AuditEvent = apps.get_model("core", "AuditEvent")
    for key, (meeting_pk, decision_pk, action_pk, agenda_pk) in rows.items():
        meeting = OldMeeting.objects.get(pk=meeting_pk)
        assert meeting.forum == key.split("_")[0]
        assert meeting.decisions.get().pk == decision_pk
        assert meeting.action_items.get().pk == action_pk
        assert meeting.agenda.get().pk == agenda_pk
    assert set(AuditEvent.objects.values_list("object_type", "event")) == {
        ("lagesbild.meeting", "lagesbild.meeting_created")
    }

    # Forward again: the database ends where every other test expects it.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
