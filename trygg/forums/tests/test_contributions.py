"""A higher app's part in a kind of forum's meetings, through the registry only: agenda
points for a new meeting, links on its page and blocks in its minutes."""

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.helpers import make_forum, viewer_for
from trygg.core.models import Role
from trygg.documents.model import heading, para
from trygg.forums import services
from trygg.forums.contributions import (
    AgendaEntry,
    MeetingContribution,
    MeetingLink,
    for_kind,
    meeting_contributions,
)
from trygg.lagesbild.tests.test_document_pdf import text_of

SURVEY = MeetingContribution(
    name="dialog.survey",
    forum_kind="bra",
    agenda=lambda viewer, meeting: [AgendaEntry("genererad", "Trygghetsenkäten 2026", "412 svar")],
    links=lambda viewer, meeting: [MeetingLink("Enkätresultat", "/dialog/enkat/1/")],
    minutes=lambda viewer, meeting: [heading("Trygghetsenkäten"), para("412 svar.")],
)


def test_the_lagesbild_contributes_to_the_lagesbildsmote_only():
    assert [c.name for c in for_kind("lagesbild")] == ["lagesbild.picture"]
    assert for_kind("bra") == []


def test_a_higher_apps_contribution_reaches_agenda_page_and_minutes(client, users, koping):
    bra = make_forum(koping, "bra")
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with meeting_contributions.registered(SURVEY):
        with scope(municipality=koping):
            meeting = services.meeting_create(viewer=viewer, forum=bra, held_at=timezone.now())
            titles = list(meeting.agenda.values_list("title", flat=True))
        client.force_login(users[Role.SAMORDNARE])
        page = client.get(reverse("forums:meeting_detail", args=[meeting.pk])).content.decode()
        pdf = client.get(reverse("forums:minutes_document", args=[meeting.pk, "pdf"])).content
    assert titles[0] == "Trygghetsenkäten 2026"
    assert '<a href="/dialog/enkat/1/">Enkätresultat</a>' in page
    assert "Trygghetsenkäten 412 svar." in text_of(pdf)
    assert for_kind("bra") == []
