"""{% agenda_forums as forums %}: the forums a page may send an item to, for the "send to
the agenda" form that strategy's pages include (they never import forums' code)."""

from django import template

from trygg.core.viewer import viewer_for_request

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_forums(context):
    request = context.get("request")
    if request is None or getattr(request, "municipality", None) is None:
        return []
    return list(selectors.forum_list(viewer=viewer_for_request(request)))


@register.simple_tag(takes_context=True)
def decision_actions(context, decision):
    """{% decision_actions d as links %}: what higher apps offer to do from a decision."""
    from ..contributions import actions_for_decision

    request = context.get("request")
    if request is None or getattr(request, "municipality", None) is None:
        return []
    return actions_for_decision(viewer_for_request(request), decision)
