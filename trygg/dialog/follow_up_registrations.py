"""The dialogues' contributions to strategy's draft and the public medborgarlöfte page,
registered in DialogConfig.ready."""

from trygg.core.contributions import (
    DraftContribution,
    PromiseLink,
    draft_contributions,
    promise_links,
)

from . import strategic


def register() -> None:
    draft_contributions.register(
        DraftContribution("dialog.follow_up", 30, strategic.draft_passages)
    )
    promise_links.register(PromiseLink("dialog.follow_up", 10, strategic.promise_links))
