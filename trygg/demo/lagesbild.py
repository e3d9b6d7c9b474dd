"""Demo meetings for Köping: lägesbildsmöten every 14 days, the last with a decision that
directs resources and an action item still open, so the next meeting shows it; and BRÅ and
EST meetings with their § decisions, members and a working group."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from trygg.core.models import Organisation, Role
from trygg.core.viewer import Viewer
from trygg.forums import services
from trygg.forums.models import Forum, Meeting, MeetingSchedule
from trygg.geo.models import Area


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
    forums = {f.kind: f for f in Forum.objects.filter(municipality=municipality)}
    meeting = services.meeting_create(
        viewer=viewer,
        forum=forums[Forum.Kind.LAGESBILD],
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
    _council_meetings(viewer, forums, orgs, today)
    return 1


def _council_meetings(viewer, forums, orgs, today) -> None:
    """BRÅ (with its KF-appointed chair) and the EST group, each with a held meeting and its
    § decisions, and a planned one; EST has appointed a working group."""
    bra, est = forums[Forum.Kind.BRA], forums[Forum.Kind.EST]
    samordnare = viewer.user
    services.member_add(
        viewer=viewer,
        forum=bra,
        role="ordforande",
        person_name="Karin Berg",
        organisation_name="Kommunstyrelsen",
        appointment_reference="KF § 12/2026",
    )
    services.member_add(
        viewer=viewer,
        forum=bra,
        role="ledamot",
        person_name="Örjan Lind",
        organisation_name="Polisen, lokalpolisområde Köping",
    )
    if samordnare is not None:
        services.member_add(viewer=viewer, forum=bra, role="sekreterare", user=samordnare)
        services.member_add(viewer=viewer, forum=est, role="sammankallande", user=samordnare)
    services.working_group_create(
        viewer=viewer,
        parent=est,
        name="Arbetsgrupp trygg centrummiljö",
        purpose="Belysning, klotter och trygghetsvandringar i centrum.",
    )
    owner = orgs.get("Säkerhetsavdelningen") or next(iter(orgs.values()))
    for forum, days_ago, notes, decisions in [
        (
            bra,
            45,
            "Säkerhetssamordnaren presenterade utkastet till strategisk lägesbild för de två "
            "senaste åren och förslaget till åtgärdsplan. Rådet noterade att klottret kring "
            "Stora Torget har minskat sedan snabbsaneringen började.",
            [
                "Rådet ställer sig bakom lägesbilden och föreslår åtgärdsplanen för beslut i KS.",
                "Trygghetsvandring i centrum genomförs under våren tillsammans med polisen.",
            ],
        ),
        (
            est,
            20,
            "EST-gruppen följde upp årets medborgarlöfte och diskuterade fokus för nästa år. "
            "Kvällarna kring Resecentrum upplevs fortfarande som otrygga.",
            [
                "Medborgarlöftets fokusområde för året: tryggare kvällar kring Resecentrum.",
                "Arbetsgrupp trygg centrummiljö tillsätts och återrapporterar till nästa möte.",
            ],
        ),
    ]:
        held = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(13)))
        meeting = services.meeting_create(
            viewer=viewer, forum=forum, held_at=held, place="Stadshuset, sal Mälaren"
        )
        for what in decisions:
            services.decision_add(viewer=viewer, meeting=meeting, what=what, responsible=owner)
        services.action_item_add(
            viewer=viewer,
            meeting=meeting,
            title=f"Återrapportera till {forum.name}",
            owner_organisation=owner,
            due=today + timedelta(days=30),
        )
        services.meeting_update(
            viewer=viewer,
            meeting=meeting,
            status=Meeting.Status.GENOMFORT,
            place=meeting.place,
            participants="Karin Berg (ordförande)\nSara Samordnare\nÖrjan Lind",
            organisations=[],
            notes=notes,
        )
        upcoming = timezone.make_aware(datetime.combine(today + timedelta(days=40), time(13)))
        services.meeting_create(viewer=viewer, forum=forum, held_at=upcoming, place=meeting.place)
