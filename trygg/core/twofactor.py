"""TOTP two-factor login (django-otp): enrol, confirm, verify, remove — audited."""

import base64

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audit_log


def is_required() -> bool:
    return settings.REQUIRE_2FA


def confirmed_devices(user) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled; one per user, reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)
    return device


def readable_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_device(request, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        audit_log(
            event="core.otp_failed",
            actor=request.user,
            summary="Fel kod vid aktivering",
        )
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit_log(
        event="core.otp_enrolled",
        actor=request.user,
        municipality=request.municipality,
        summary="Tvåfaktorsinloggning aktiverad",
    )
    return True


def verify(request, token: str) -> bool:
    for device in confirmed_devices(request.user):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    audit_log(event="core.otp_failed", actor=request.user, summary="Fel engångskod")
    return False


@transaction.atomic
def remove_device(request, pk: int) -> None:
    device = TOTPDevice.objects.filter(user=request.user, pk=pk).first()
    if device is None:
        raise Http404
    device.delete()
    audit_log(
        event="core.otp_removed",
        actor=request.user,
        municipality=request.municipality,
        summary="Tvåfaktorsinloggning borttagen",
    )
