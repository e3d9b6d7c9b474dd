"""Publishing "ni sa – vi gör": what the dialogue found and what was decided because of it.

Publishing needs a summary for the public, links the measures and medborgarlöfte activities
the dialogue led to, and tells everyone who left an e-mail for it — one mail each, so no one
sees another's address — and then deletes the addresses: they were kept for this one purpose.
The mails are sent inside the transaction, so a mail server that refuses rolls the
publication back with the addresses kept (nothing half-way)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from trygg.core.kernel import audit, own, require
from trygg.core.mail import absolute_url, mail_send
from trygg.core.viewer import Viewer

from ..models import Dialogue, ResultSubscriber

ACTION = "dialog.manage"


@transaction.atomic
def dialogue_publish(
    *,
    viewer: Viewer,
    dialogue: Dialogue,
    public_summary: str,
    measures=(),
    promise_activities=(),
) -> int:
    """Publishes the dialogue's public page with its summary and links; returns how many
    subscribers were told (their addresses are deleted)."""
    require(viewer, ACTION)
    own(viewer, dialogue, *measures, *promise_activities)
    public_summary = public_summary.strip()
    if not public_summary:
        raise ValidationError(
            {
                "public_summary": "Skriv vad dialogen visade och vad kommunen och polisen "
                "gör, innan sidan publiceras."
            }
        )
    first_time = dialogue.published_at is None
    dialogue.public_summary = public_summary
    dialogue.published_at = dialogue.published_at or timezone.now()
    dialogue.save(update_fields=["public_summary", "published_at", "updated_at"])
    dialogue.measures.set(measures)
    dialogue.promise_activities.set(promise_activities)
    subscribers = list(
        ResultSubscriber.objects.filter(municipality=viewer.municipality, dialogue=dialogue)
    )
    url = absolute_url("public:dialogue", viewer.municipality.slug, dialogue.pk)
    for subscriber in subscribers:
        mail_send(
            template="dialog/email/published",
            context={"dialogue": dialogue, "municipality": viewer.municipality, "url": url},
            to=[subscriber.email],
        )
    ResultSubscriber.objects.filter(pk__in=[s.pk for s in subscribers]).delete()
    audit(
        viewer,
        "dialog.dialogue_published",
        dialogue,
        summary="\u201dNi sa – vi gör\u201d publicerad" if first_time else "Sidan uppdaterad",
        measures=sorted(m.pk for m in measures),
        promise_activities=sorted(a.pk for a in promise_activities),
        subscribers_told=len(subscribers),
    )
    return len(subscribers)


@transaction.atomic
def dialogue_unpublish(*, viewer: Viewer, dialogue: Dialogue) -> Dialogue:
    """Takes the public page down (the summary and links are kept for a later publication)."""
    require(viewer, ACTION)
    own(viewer, dialogue)
    dialogue.published_at = None
    dialogue.save(update_fields=["published_at", "updated_at"])
    audit(viewer, "dialog.dialogue_updated", dialogue, summary="Sidan avpublicerad")
    return dialogue
