"""Background work for the action plan: reminders when a measure's follow-up is due."""

from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.mail import absolute_url, mail_send
from trygg.core.models import Municipality

from . import selectors


@task()
def send_follow_up_reminders() -> int:
    """E-mails each owning organisation (its function address) about measures whose
    follow-up is late; returns how many e-mails were sent."""
    sent = 0
    with scopes_disabled():
        municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        with scope(municipality=municipality):
            by_owner: dict = {}
            for measure, due in selectors.overdue_measures(municipality=municipality):
                if measure.owner.email:
                    by_owner.setdefault(measure.owner, []).append((measure, due))
            for owner, items in by_owner.items():
                items = [
                    {
                        "measure": m,
                        "due": due,
                        "link": absolute_url("strategy:measure_detail", m.pk),
                    }
                    for m, due in items
                ]
                mail_send(
                    template="strategy/email/follow_up_reminder",
                    context={"municipality": municipality, "owner": owner, "items": items},
                    to=[owner.email],
                )
                sent += 1
    return sent
