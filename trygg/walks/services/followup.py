"""The återmöte (Boverket's and Brå's third step): a meeting of the forum that ordered the
walk (EST by default) with one agenda item per finding, linked from the walk. Forums' own
services create the meeting and its items, so their permission, numbering and audit apply."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from trygg.core.kernel import own, require
from trygg.core.viewer import Viewer
from trygg.forums.models import Forum, Meeting
from trygg.forums.services.meetings import agenda_item_add, meeting_create

from ..models import Walk

REVIEW = "walks.review"


def _forum(walk: Walk) -> Forum:
    if walk.forum_id:
        return walk.forum
    forum = Forum.objects.filter(municipality=walk.municipality, kind=Forum.Kind.EST).first()
    if forum is None:
        raise ValidationError("Kommunen har ingen EST-grupp att hålla återmötet i.")
    return forum


def agenda_body(finding) -> str:
    """What the meeting reads about a finding: proposal, owner, deadline and answer."""
    lines = [
        f"Förslag: {finding.proposal}",
        f"Ansvarig: {finding.owner_name}. Svar senast {finding.deadline:%Y-%m-%d}.",
    ]
    if finding.owner_answer:
        lines.append(f"Svar från ansvarig: {finding.owner_answer}")
    else:
        lines.append("Ansvarig har inte svarat ännu.")
    if finding.measure_id:
        lines.append(f"Åtgärd i åtgärdsplanen: {finding.measure.title}")
    if finding.report_id:
        lines.append("Rapport i ärendehanteringen skapad.")
    return "\n".join(lines)


@transaction.atomic
def follow_up_meeting_create(
    *, viewer: Viewer, walk: Walk, held_at: datetime, place: str = ""
) -> Meeting:
    """A meeting of the walk's forum with the walk and each finding on its agenda."""
    require(viewer, REVIEW)
    own(viewer, walk)
    walk = Walk.objects.select_for_update().get(pk=walk.pk)
    if walk.follow_up_meeting_id:
        raise ValidationError("Vandringen har redan ett återmöte.")
    meeting = meeting_create(viewer=viewer, forum=_forum(walk), held_at=held_at, place=place)
    link = reverse("walks:findings", args=[walk.pk])
    agenda_item_add(
        viewer=viewer,
        meeting=meeting,
        title=f"Återmöte: trygghetsvandringen {walk.title} ({walk.walk_on:%Y-%m-%d})",
        body=walk.purpose,
        link=link,
    )
    findings = walk.findings.select_related("measure").order_by("deadline", "pk")
    for finding in findings:
        agenda_item_add(
            viewer=viewer,
            meeting=meeting,
            title=f"Brist: {finding.title}",
            body=agenda_body(finding),
            link=link,
        )
    walk.follow_up_meeting = meeting
    walk.save(update_fields=["follow_up_meeting"])
    return meeting
