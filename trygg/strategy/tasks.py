"""Background work for the action plan: reminders when a measure's follow-up is due."""

from django.core.mail import send_mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from django_tasks import task

from trygg.core.models import Municipality

from . import plans


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
            for measure, due in plans.overdue_measures(municipality=municipality):
                if measure.owner.email:
                    by_owner.setdefault(measure.owner, []).append((measure, due))
            for owner, items in by_owner.items():
                lines = [
                    f"  {m.title} (skulle följas upp {due:%Y-%m-%d}): "
                    f"{reverse('strategy:measure_detail', args=[m.pk])}"
                    for m, due in items
                ]
                send_mail(
                    subject=f"Trygg: {len(items)} åtgärder väntar på uppföljning",
                    message=(
                        f"Hej!\n\nFöljande åtgärder i {municipality.name}s åtgärdsplan "
                        f"ansvarar {owner.name} för och de ska följas upp:\n\n"
                        + "\n".join(lines)
                        + "\n\nTrygg"
                    ),
                    from_email=None,
                    recipient_list=[owner.email],
                )
                sent += 1
    return sent
