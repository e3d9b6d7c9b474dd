"""The tracking page: the report's history as the citizen may see it, with the
municipality's public replies (redacted like every citizen-visible text) and never the
internal notes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from tests.helpers import make_report, viewer_for
from trygg.core.models import Role
from trygg.reports import services
from trygg.reports.models import ReportEvent

from .citizen import submitted

REPLY = "Vi tvättar gaveln på måndag. Frågor? Ring Bo på 070-123 45 67."
REPLY_REDACTED = "Vi tvättar gaveln på måndag. Frågor? Ring Bo på [telefonnummer borttaget]."


def _status_page(client, koping, report):
    url = reverse("public:report_status", args=[koping.slug, report.tracking_code])
    return client.get(url).content.decode()


def test_tracking_page_shows_history_and_public_replies_but_never_internal_notes(
    client, users, koping
):
    report = submitted(client, koping)
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("reports:status", args=[report.pk]),
        {"status": "atgardas", "comment": "Internt: saneringsfirman har avtal", "reply": REPLY},
    )
    client.post(reverse("reports:comment", args=[report.pk]), {"text": "Internt: ring väktaren"})
    client.post(reverse("reports:reply", args=[report.pk]), {"reply": "Nu är det klart."})
    client.logout()
    page = _status_page(client, koping, report)
    assert "Rapporten togs emot." in page
    assert "Ny status: Åtgärdas." in page
    assert f"<strong>Svar från kommunen:</strong> {REPLY_REDACTED}" in page
    assert "<strong>Svar från kommunen:</strong> Nu är det klart." in page
    assert "070-123 45 67" not in page
    assert "Internt" not in page
    # Oldest first, in the order it happened.
    assert page.index("togs emot") < page.index("Åtgärdas.") < page.index("Nu är det klart")


def test_staff_history_shows_the_reply_redacted_unless_reading_originals(client, users, koping):
    report = submitted(client, koping)
    services.report_reply_public(
        viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, text=REPLY
    )
    client.force_login(users[Role.ANALYTIKER])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert REPLY_REDACTED in page and "070-123 45 67" not in page
    assert "(visas för medborgaren)" in page
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("reports:detail", args=[report.pk]) + "?original=1").content.decode()
    assert REPLY in page


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMINISTRATOR, False),
        (Role.SAMORDNARE, True),
        (Role.ANALYTIKER, True),
        (Role.RAPPORTOR, False),
        (Role.POLIS, False),
    ],
    ids=lambda v: str(v),
)
def test_public_reply_is_a_staff_action_of_those_who_change_the_status(
    client, users, koping, role, allowed
):
    report = submitted(client, koping)
    viewer = viewer_for(users[role], koping)
    if allowed:
        event = services.report_reply_public(viewer=viewer, report=report, text="Tack!")
        assert (event.kind, event.text_redacted) == (ReportEvent.Kind.PUBLIC_REPLY, "Tack!")
    else:
        with pytest.raises(PermissionDenied):
            services.report_reply_public(viewer=viewer, report=report, text="Tack!")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Skriv ett svar till medborgaren."),
        ("x" * 2001, "Svaret får vara högst 2000 tecken."),
    ],
    ids=["empty", "too long"],
)
def test_a_public_reply_needs_text_within_the_limit(client, users, koping, text, message):
    report = submitted(client, koping)
    with pytest.raises(ValidationError) as refused:
        services.report_reply_public(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, text=text
        )
    assert refused.value.message_dict == {"reply": [message]}


def test_a_staff_report_has_no_tracking_page_to_reply_on(users, koping):
    report = make_report(koping)
    with pytest.raises(ValidationError) as refused, scope(municipality=koping):
        services.report_reply_public(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, text="Hej"
        )
    assert refused.value.message_dict == {
        "reply": ["Rapporten kom inte från en medborgare och har ingen ärendesida."]
    }


def test_reply_field_is_offered_only_on_citizen_reports(client, users, koping):
    citizen = submitted(client, koping)
    staff = make_report(koping)
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("reports:detail", args=[citizen.pk])).content.decode()
    assert page.count("Svar till medborgaren") >= 2  # in the status form and its own form
    page = client.get(reverse("reports:detail", args=[staff.pk])).content.decode()
    assert "Svar till medborgaren" not in page


def test_open311_status_notes_carry_the_latest_public_reply_and_media_url_stays_empty(
    client, users, koping
):
    report = submitted(client, koping)
    listed = client.get("/open311/v2/requests.json", {"jurisdiction_id": "1983"}).json()
    assert [(r["status_notes"], r["media_url"]) for r in listed] == [("Ny", "")]
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    services.report_reply_public(viewer=viewer, report=report, text="Första svaret.")
    services.report_reply_public(viewer=viewer, report=report, text=REPLY)
    detail = client.get(
        f"/open311/v2/requests/{report.tracking_code}.json", {"jurisdiction_id": "1983"}
    ).json()
    assert [(r["status_notes"], r["media_url"]) for r in detail] == [(REPLY_REDACTED, "")]


def test_tracking_page_reads_the_history_in_the_same_queries_for_1_and_3_replies(
    client, users, koping
):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    counts = []
    for replies in (1, 3):
        report = submitted(client, koping)
        for n in range(replies):
            services.report_reply_public(viewer=viewer, report=report, text=f"Svar {n}")
        with CaptureQueriesContext(connection) as queries:
            page = _status_page(client, koping, report)
        assert page.count("Svar från kommunen:") == replies
        counts.append(len(queries))
    assert counts[0] == counts[1]
