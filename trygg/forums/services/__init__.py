"""Writes for the forums: forums and seats, meetings with their agenda, § decisions, action
items and calendar feeds. Each write checks the permission and is audited in the same
transaction."""

from .forums import (
    DEFAULT_NAMES,
    calendar_feed_create,
    calendar_feed_revoke,
    default_forums_create,
    external_members_purge,
    member_add,
    member_end,
    working_group_create,
)
from .meetings import (
    DEFAULT_PERIOD_DAYS,
    action_item_add,
    action_item_complete,
    agenda_item_add,
    agenda_send,
    decision_add,
    decision_follow_up,
    meeting_create,
    meeting_update,
    schedule_set,
)

__all__ = [
    "DEFAULT_NAMES",
    "DEFAULT_PERIOD_DAYS",
    "action_item_add",
    "action_item_complete",
    "agenda_item_add",
    "agenda_send",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "decision_add",
    "decision_follow_up",
    "default_forums_create",
    "external_members_purge",
    "meeting_create",
    "meeting_update",
    "member_add",
    "member_end",
    "schedule_set",
    "working_group_create",
]
