"""Demo lägesbildsmöten for Köping: a schedule every 14 days, and the last meeting with a
decision that directs resources and an action item still open, so the next meeting shows it."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from trygg.core.models import Organisation, Role
from trygg.core.viewer import Viewer
from trygg.geo.models import Area
from trygg.lagesbild import services
from trygg.lagesbild.models import Meeting, MeetingSchedule


def load_demo_meetings(municipality) -> int:
    """Creates the schedule and one held meeting; does nothing when a schedule exists."""
    if MeetingSchedule.objects.filter(municipality=municipality).exists():
        return 0
    user = get_user_model().objects.filter(username="samordnare").first()
    orgs = {o.name: o for o in Organisation.objects.filter(municipality=municipality)}
    viewer = Viewer(
        municipality=municipality,
        roles=frozenset({Role.SAMORDNARE}),
        organisation_ids=frozenset(o.pk for o in orgs.values()),
        user=user,
    )
    today = timezone.localdate()
    # Meetings on Wednesdays: the last one was 1–14 days ago, the next is within 14 days.
    last = today - timedelta(days=(today.weekday() - 2) % 7 or 7)
    services.schedule_set(
        viewer=viewer,
        first_date=last - timedelta(days=14 * 20),
        interval_days=14,
        time_of_day=time(9, 0),
        place="Stadshuset, rum 3",
    )
    meeting = services.meeting_create(
        viewer=viewer,
        held_at=timezone.make_aware(datetime.combine(last, time(9, 0))),
        place="Stadshuset, rum 3",
        organisations=[
            orgs[n]
            for n in (
                "Säkerhetsavdelningen",
                "Polisen, lokalpolisområde Köping",
                "Väktarbolaget i Köping",
                "Köpingebostäder AB",
            )
            if n in orgs
        ],
    )
    centrum = Area.objects.filter(municipality=municipality, name="Köping centrala").first()
    services.decision_add(
        viewer=viewer,
        meeting=meeting,
        area=centrum,
        place="Stora Torget och Resecentrum",
        what="Förstärkt väktarrond och nattvandrare vid torget och resecentrum",
        time_window="fredag–lördag 20–02",
        responsible=orgs["Väktarbolaget i Köping"],
        until=last + timedelta(days=28),
    )
    services.action_item_add(
        viewer=viewer,
        meeting=meeting,
        title="Laga belysningen i gångtunneln vid Resecentrum",
        owner_organisation=orgs["Tekniska förvaltningen"],
        due=last + timedelta(days=10),
    )
    services.meeting_update(
        viewer=viewer,
        meeting=meeting,
        status=Meeting.Status.GENOMFORT,
        place=meeting.place,
        participants="Sara Samordnare\nPetra Polis\nVäktarbolagets platschef",
        organisations=list(meeting.organisations.all()),
        notes="Klotter och skadegörelse ökar kring torget helgkvällar. Polisen ser samma mönster.",
    )
    return 1
