import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from trygg.core.models import AuditEvent, Role


def _code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_user_enrols_in_totp(client, users):
    user = users[Role.ANALYTIKER]
    client.force_login(user)
    page = client.get(reverse("core:otp_setup"))
    assert "Aktivera tvåfaktorsinloggning" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("core:otp_setup"), {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(event="core.otp_enrolled", actor=user).exists()


def test_wrong_code_is_refused_in_swedish(client, users):
    client.force_login(users[Role.ANALYTIKER])
    client.get(reverse("core:otp_setup"))
    response = client.post(reverse("core:otp_setup"), {"token": "000000"})
    assert "Koden stämmer inte" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "must_verify"),
    [
        (Role.ADMINISTRATOR, True),
        (Role.SAMORDNARE, True),
        (Role.ANALYTIKER, False),
        (Role.RAPPORTOR, False),
        (Role.POLIS, False),
        (Role.RADSLEDAMOT, False),
    ],
)
def test_2fa_required_for_admin_and_samordnare_when_enforced(
    client, users, settings, role, must_verify
):
    settings.REQUIRE_2FA = True
    client.force_login(users[role])
    response = client.get(reverse("core:start"))
    if must_verify:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:otp_verify"))
    else:
        assert response.status_code == 200


def test_verified_samordnare_reaches_workspace_when_enforced(client, users, settings):
    settings.REQUIRE_2FA = True
    user = users[Role.SAMORDNARE]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    response = client.post(
        reverse("core:otp_verify") + "?next=/start/", {"token": _code(device), "next": "/start/"}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:start")).status_code == 200


def test_removing_device_is_audited(client, users):
    user = users[Role.RAPPORTOR]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    client.post(reverse("core:otp_remove", args=[device.pk]))
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEvent.objects.filter(event="core.otp_removed", actor=user).exists()
