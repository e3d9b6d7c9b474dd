import re

from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.core.models import AuditEvent, Role


def _login(client, username, password):
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_login_page_is_swedish(client, db):
    response = client.get(reverse("core:login"))
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert "Logga in i Trygg" in body
    assert "Användarnamn" in body


def test_member_logs_in_and_lands_in_their_workspace(client, users):
    response = _login(client, "samordnare", "demo-losenord-1")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:start")
    page = client.get(reverse("core:start")).content.decode()
    assert "Välkommen till Trygg i Köping" in page
    assert "Säkerhetssamordnare" in page


def test_wrong_password_gives_swedish_error_and_audit(client, users):
    response = _login(client, "samordnare", "fel")
    assert "Fel användarnamn eller lösenord" in response.content.decode()
    with scopes_disabled():
        event = AuditEvent.objects.get(event="core.login_failed")
    assert event.actor == users[Role.SAMORDNARE]


def test_login_is_audited(client, users):
    _login(client, "analytiker", "demo-losenord-1")
    assert AuditEvent.objects.filter(event="core.login", actor=users[Role.ANALYTIKER]).count() == 1


def test_repeated_failures_lock_the_account(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "polis", "fel")
    response = _login(client, "polis", "demo-losenord-1")
    assert response.status_code == 429
    assert "tillfälligt spärrad" in response.content.decode()
    assert AuditEvent.objects.filter(event="core.lockout").count() >= 1


def test_logout_needs_post_and_ends_session(client, users):
    client.force_login(users[Role.RAPPORTOR])
    assert client.get(reverse("core:logout")).status_code == 405
    client.post(reverse("core:logout"))
    assert client.get(reverse("core:start")).status_code == 302


def test_password_reset_sends_swedish_mail_with_a_link_on_the_site_url(
    client, users, mailoutbox, settings
):
    settings.SITE_URL = "https://trygg.koping.se"
    # A forged Host header does not decide where the link points.
    client.post(
        reverse("core:password_reset"), {"email": "samordnare@example.se"}, HTTP_HOST="evil.example"
    )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Nytt lösenord till Trygg"
    assert re.search(
        r"\nhttps://trygg\.koping\.se/konto/nytt-losenord/[^/\s]+/[^/\s]+/\n", (mailoutbox[0].body)
    )
    assert "evil.example" not in mailoutbox[0].body


def test_user_in_two_municipalities_switches(client, users, arboga_org):
    from tests.helpers import make_member

    admin = make_member("admin", arboga_org, Role.ANALYTIKER)
    client.force_login(admin)
    assert "Trygg i Köping" in client.get(reverse("core:start")).content.decode()
    response = client.post(
        reverse("core:switch_municipality"), {"municipality": arboga_org.municipality_id}
    )
    assert response.status_code == 302
    page = client.get(reverse("core:start")).content.decode()
    assert "Trygg i Arboga" in page
    assert "Analytiker" in page


def test_cannot_switch_to_municipality_without_membership(client, users, arboga):
    client.force_login(users[Role.ADMINISTRATOR])
    response = client.post(reverse("core:switch_municipality"), {"municipality": arboga.pk})
    assert response.status_code == 404
