"""Abuse limits: the client address behind a proxy, per-account login protection that slows
rather than locks, password-reset limits that reveal nothing, a configurable proof of work."""

import base64
import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from altcha import v1 as altcha
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.core import loginthrottle, ratelimit
from trygg.core.clientip import client_ip, keyed_hash
from trygg.core.models import AuditEvent, RateLimitHit

ROOT = Path(__file__).resolve().parents[3]
PROXY = "10.0.0.1"


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        ([], "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        (["10.0.0.0/8"], "198.51.100.7", "198.51.100.1", "198.51.100.7"),
        ([PROXY], PROXY, "198.51.100.1", "198.51.100.1"),
        ([PROXY], PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], PROXY, "198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (["10.0.0.0/8"], PROXY, "10.0.0.3, 10.0.0.2", "10.0.0.3"),
        ([PROXY], PROXY, "", PROXY),
        ([PROXY], PROXY, "inte-en-adress", PROXY),
        ([PROXY], PROXY, "198.51.100.1, inte-en-adress", PROXY),
        ([PROXY], PROXY, "198.51.100.1:5678", "198.51.100.1"),
        ([PROXY], PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
    ],
    ids=[
        "no-proxy-configured-header-ignored",
        "not-from-the-proxy-header-ignored",
        "from-the-proxy",
        "forged-left-part-ignored",
        "two-trusted-proxies",
        "all-hops-trusted-leftmost",
        "proxy-without-header",
        "garbage-hop",
        "garbage-rightmost-hop",
        "ipv4-with-port",
        "ipv6-with-brackets-and-port",
        "ipv6-proxy",
    ],
)
def test_client_address_comes_from_the_rightmost_untrusted_hop(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRYGG_", "DJANGO_"))}
    env.update(TRYGG_ENV="test", TRYGG_TRUSTED_PROXIES="10.0.0.1,proxy.example")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "TRYGG_TRUSTED_PROXIES: 'proxy.example' is not an IP address or network" in (
        result.stderr
    )


def _login(client, username, password, address, proxied=True):
    meta = (
        {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}
        if proxied
        else {"REMOTE_ADDR": address}
    )
    return client.post(reverse("core:login"), {"username": username, "password": password}, **meta)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def test_axes_locks_the_forwarded_client_not_everyone_behind_the_proxy(
    client, users, settings, behind_proxy
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "polis", "fel", "198.51.100.1")
    assert _login(client, "polis", "demo-losenord-1", "198.51.100.1").status_code == 429
    assert _login(client, "polis", "demo-losenord-1", "198.51.100.2").status_code == 302


def test_rate_limits_count_each_forwarded_client_in_its_own_bucket(db, behind_proxy):
    def hit(address):
        request = RequestFactory().post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
        return ratelimit.hit(bucket="test", request=request, limit=1, window=timedelta(hours=1))

    assert [hit("198.51.100.1"), hit("198.51.100.1"), hit("198.51.100.2")] == [
        True,
        False,
        True,
    ]


def test_failed_login_audit_names_the_client_by_keyed_hash_only(client, users, behind_proxy):
    _login(client, "samordnare", "fel", "198.51.100.1")
    with scopes_disabled():
        event = AuditEvent.objects.get(event="core.login_failed")
    assert event.data == {"client": keyed_hash("198.51.100.1")}
    assert "198.51.100.1" not in str(event.data)


@pytest.mark.parametrize(
    "failures, delay",
    [(0, 0), (9, 0), (10, 2), (11, 4), (12, 8), (18, 512), (19, 900), (40, 900), (10_000, 900)],
)
def test_the_wait_after_free_failures_doubles_up_to_the_maximum(settings, failures, delay):
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 10
    settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 900
    assert loginthrottle.delay_after(failures) == delay


def _outcome(response) -> str:
    page = response.content.decode()
    if response.status_code == 302:
        return "inloggad"
    if "Lösenordet har inte prövats" in page:
        return "vänta"
    if "Fel användarnamn eller lösenord" in page:
        return "fel lösenord"
    return f"annat {response.status_code}"


def _age_failures(seconds: int) -> None:
    RateLimitHit.objects.filter(bucket=loginthrottle.FAILURE_BUCKET).update(
        at=F("at") - timedelta(seconds=seconds)
    )


def test_forty_guesses_from_ten_addresses_check_only_ten_passwords(client, users, behind_proxy):
    def guess(n):
        return _outcome(_login(client, "samordnare", f"gissning-{n}", f"198.51.100.{n % 10 + 1}"))

    outcomes = [guess(n) for n in range(10)]
    # The wait is 2 s from the last failure, and on a loaded machine 30 logins can take
    # longer: the failures are dated a minute ahead, so the next 30 guesses fall inside the
    # wait however slow the machine is, as they do on an idle one.
    _age_failures(-60)
    outcomes += [guess(n) for n in range(10, 40)]
    assert outcomes == ["fel lösenord"] * 10 + ["vänta"] * 30
    # Even the right password is not tried during the wait, from a new address.
    assert _outcome(_login(client, "samordnare", "demo-losenord-1", "203.0.113.9")) == "vänta"
    with scopes_disabled():
        waited = AuditEvent.objects.filter(
            summary="Inloggningsförsök under väntetid (lösenordet prövades inte)"
        ).count()
    assert waited == 31


def test_the_wait_message_is_swedish_and_says_how_long(client, users, behind_proxy):
    for n in range(10):
        _login(client, "samordnare", "fel", f"198.51.100.{n + 1}")
    page = _login(client, "samordnare", "fel", "198.51.100.20").content.decode()
    assert (
        "Det har gjorts många misslyckade inloggningar för det här kontot. För att skydda "
        "kontot kan du försöka igen om 2 sekunder. Lösenordet har inte prövats."
    ) in page


def test_after_the_wait_one_more_password_is_checked(client, users, behind_proxy):
    for n in range(11):
        _login(client, "samordnare", "fel", f"198.51.100.{n + 1}")
    _age_failures(4)
    assert _outcome(_login(client, "samordnare", "fel", "198.51.100.30")) == "fel lösenord"
    assert _outcome(_login(client, "samordnare", "fel", "198.51.100.31")) == "vänta"
    _age_failures(8)
    assert _outcome(_login(client, "samordnare", "demo-losenord-1", "198.51.100.32")) == (
        "inloggad"
    )


def test_the_real_user_at_their_usual_address_is_not_slowed_by_an_attack(
    client, users, behind_proxy
):
    assert _outcome(_login(client, "samordnare", "demo-losenord-1", "192.0.2.10")) == "inloggad"
    client.post(reverse("core:logout"))
    for n in range(40):
        _login(client, "samordnare", "fel", f"198.51.100.{n % 10 + 1}")
    assert _outcome(_login(client, "samordnare", "demo-losenord-1", "192.0.2.10")) == "inloggad"


def test_the_wait_is_per_account_other_accounts_log_in(client, users, behind_proxy):
    for n in range(20):
        _login(client, "samordnare", "fel", f"198.51.100.{n % 10 + 1}")
    assert _outcome(_login(client, "analytiker", "demo-losenord-1", "198.51.100.1")) == ("inloggad")


def test_an_overlong_username_is_a_form_error_not_a_server_error(client, db):
    response = client.post(reverse("core:login"), {"username": "x" * 1000, "password": "fel"})
    assert response.status_code == 200
    assert "som mest 150 tecken (den har 1000)" in response.content.decode()


def test_unknown_usernames_are_slowed_the_same_way(client, db, behind_proxy):
    outcomes = [
        _outcome(_login(client, "finns-inte", "fel", f"198.51.100.{n % 10 + 1}")) for n in range(12)
    ]
    assert outcomes == ["fel lösenord"] * 10 + ["vänta"] * 2
    assert not RateLimitHit.objects.filter(client__contains="finns").exists()


def _reset(client, email, address):
    return client.post(
        reverse("core:password_reset"),
        {"email": email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_thirty_reset_requests_for_one_account_send_three_mails_and_look_alike(
    client, users, mailoutbox, behind_proxy
):
    responses = [
        _reset(client, "samordnare@example.se", f"198.51.100.{n % 10 + 1}") for n in range(30)
    ]
    assert len(mailoutbox) == 3
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("core:password_reset_done"))
    }


def test_reset_requests_from_one_address_are_limited_and_others_still_get_mail(
    client, users, mailoutbox, behind_proxy
):
    emails = [f"{name}@example.se" for name in ("admin", "samordnare", "analytiker")]
    emails += [f"{name}@example.se" for name in ("rapportor", "polis", "radsledamot")]
    for n in range(12):
        _reset(client, emails[n % 6], "198.51.100.1")
    assert len(mailoutbox) == 10
    _reset(client, "polis@example.se", "198.51.100.2")
    assert len(mailoutbox) == 11


def test_proof_of_work_cost_is_the_configured_maximum(client, koping, settings):
    settings.ALTCHA_MAX_NUMBER = 1234
    page = client.get(reverse("public:report", args=[koping.slug])).content.decode()
    match = re.search(r'id="altcha-challenge"[^>]*>(.*?)</script>', page, re.S)
    challenge = json.loads(match.group(1))
    assert challenge["maxNumber"] == 1234
    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], 1234, 0
    )
    payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number
    assert ratelimit.verify_solution(base64.b64encode(json.dumps(payload).encode()).decode())
