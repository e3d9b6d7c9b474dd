""" "Inte åtgärdat – öppna igen": within 30 days of closing, once per closing, with a reason
(redacted where the public reads it), audited, rate-limited, back to the samordnare's
queue; after 30 days the page says why it cannot be done."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from tests.helpers import viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.reports import services, tracking
from trygg.reports.models import Report, ReportEvent

from .citizen import submitted

REASON = "Klottret är kvar, min granne 19811218-9876 såg det i dag."
REASON_REDACTED = "Klottret är kvar, min granne [personnummer borttaget] såg det i dag."


def _closed(client, users, koping, *, days_ago=0):
    report = submitted(client, koping)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        services.report_set_status(viewer=viewer, report=report, status="avslutad")
        Report.objects.filter(pk=report.pk).update(
            status_changed_at=timezone.now() - timedelta(days=days_ago)
        )
        report.refresh_from_db()
    return report


def _reopen(client, koping, report, reason=REASON):
    url = reverse("public:report_reopen", args=[koping.slug, report.tracking_code])
    return client.post(url, {"reason": reason})


def _page(client, koping, report):
    url = reverse("public:report_status", args=[koping.slug, report.tracking_code])
    return client.get(url).content.decode()


def test_citizen_reopens_a_closed_report_and_it_goes_back_to_the_samordnares_queue(
    client, users, koping
):
    report = _closed(client, users, koping, days_ago=3)
    assert "Inte åtgärdat – öppna igen" in _page(client, koping, report)
    response = _reopen(client, koping, report)
    assert response.status_code == 302 and response["Location"].endswith("?oppnad=1")
    report.refresh_from_db()
    assert (report.status, report.status_changed_by) == (Report.Status.NY, None)
    with scope(municipality=koping):
        event = report.events.get(kind=ReportEvent.Kind.REOPENED)
    assert (event.text, event.text_redacted) == (REASON, REASON_REDACTED)
    assert (event.data["old"], event.data["new"]) == ("avslutad", "ny")
    audited = AuditEvent.objects.get(event="reports.reopened_by_citizen")
    assert (audited.object_id, audited.actor) == (str(report.pk), None)
    assert "19811218" not in audited.summary + str(audited.data)
    page = client.get(response["Location"]).content.decode()
    assert "Ärendet är öppnat igen." in page
    assert f"Du öppnade ärendet igen: {REASON_REDACTED}" in page
    assert "19811218-9876" not in page
    assert "Inte åtgärdat – öppna igen" not in page  # ny again: nothing to reopen
    # The samordnare's queue: new reports to assess.
    client.force_login(users[Role.SAMORDNARE])
    listed = client.get(reverse("reports:list"), {"status": "ny"}).content.decode()
    assert reverse("reports:detail", args=[report.pk]) in listed


@pytest.mark.parametrize(
    ("age", "allowed"),
    [
        (timedelta(0), True),
        (timedelta(days=29), True),
        (timedelta(days=30) - timedelta(minutes=1), True),
        (timedelta(days=30, minutes=1), False),
        (timedelta(days=90), False),
    ],
    ids=["just closed", "29 days", "a minute before 30 days", "just past 30 days", "90 days"],
)
def test_reopening_is_possible_for_30_days_after_closing(client, users, koping, age, allowed):
    report = _closed(client, users, koping)
    now = report.status_changed_at + age
    with scope(municipality=koping):
        _check_reopen_at(koping, report, now, allowed)


def _check_reopen_at(koping, report, now, allowed):
    state = tracking.reopen_state(report=report, now=now)
    assert state.allowed is allowed
    assert state.until == report.status_changed_at + timedelta(days=30)
    if allowed:
        services.report_reopen_by_citizen(
            municipality=koping, report=report, reason=REASON, client="k", now=now
        )
        report.refresh_from_db()
        assert report.status == Report.Status.NY
    else:
        with pytest.raises(ValidationError) as refused:
            services.report_reopen_by_citizen(
                municipality=koping, report=report, reason=REASON, client="k", now=now
            )
        assert refused.value.message_dict["reason"][0].startswith(
            "Ärendet avslutades för mer än 30 dagar sedan och kan därför inte öppnas igen."
        )


def test_after_30_days_the_page_explains_why_and_offers_a_new_report(client, users, koping):
    report = _closed(client, users, koping, days_ago=31)
    page = _page(client, koping, report)
    assert "Inte åtgärdat – öppna igen" not in page
    assert (
        "Ärendet avslutades för mer än 30 dagar sedan och kan därför inte öppnas igen. "
        "Finns problemet kvar? Gör en ny rapport, så bedöms den som ett nytt ärende."
    ) in page
    assert reverse("public:report", args=[koping.slug]) in page
    response = _reopen(client, koping, report)
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == Report.Status.AVSLUTAD


def test_each_closing_can_be_reopened_once(client, users, koping):
    report = _closed(client, users, koping)
    assert _reopen(client, koping, report).status_code == 302
    again = _reopen(client, koping, report, reason="Fortfarande kvar")
    assert again.status_code == 400
    assert tracking.REOPEN_NOT_CLOSED in again.content.decode()
    # Closed again by the samordnare: a new closing, which may be reopened once more.
    with scope(municipality=koping):
        report.refresh_from_db()
        services.report_set_status(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), report=report, status="avslutad"
        )
    assert _reopen(client, koping, report, reason="Fortfarande kvar").status_code == 302
    with scope(municipality=koping):
        assert report.events.filter(kind=ReportEvent.Kind.REOPENED).count() == 2


@pytest.mark.parametrize(
    ("status", "offered"),
    [("ny", False), ("bedomd", False), ("atgardas", False), ("avvisad", False)],
)
def test_only_a_closed_report_offers_reopening(client, users, koping, status, offered):
    report = submitted(client, koping)
    with scope(municipality=koping):
        Report.objects.filter(pk=report.pk).update(status=status)
    assert ("Inte åtgärdat – öppna igen" in _page(client, koping, report)) is offered
    assert _reopen(client, koping, report).status_code == 400


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Berätta kort vad som inte är åtgärdat."),
        ("   ", "Berätta kort vad som inte är åtgärdat."),
        ("x" * 2001, "Texten får vara högst 2000 tecken."),
    ],
    ids=["empty", "blank", "too long"],
)
def test_reopening_needs_a_reason(client, users, koping, reason, message):
    report = _closed(client, users, koping)
    response = _reopen(client, koping, report, reason=reason)
    assert response.status_code == 400
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.AVSLUTAD


def test_reopening_is_rate_limited_per_address(client, users, koping):
    report = _closed(client, users, koping, days_ago=40)
    # Every attempt counts, refused ones too, so guessing and retrying cost the same.
    for _ in range(5):
        assert _reopen(client, koping, report).status_code == 400
    response = _reopen(client, koping, report)
    assert response.status_code == 429
    assert (
        "Du har försökt öppna ärenden igen många gånger. Vänta en stund."
        in response.content.decode()
    )


def test_an_unknown_code_cannot_be_reopened(client, koping):
    url = reverse("public:report_reopen", args=[koping.slug, "OKAND12345"])
    assert client.post(url, {"reason": REASON}).status_code == 404
