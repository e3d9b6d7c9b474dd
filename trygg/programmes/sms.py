"""SMS through a configurable gateway: the platform talks to the `SmsGateway` protocol and
the setting SMS_BACKEND (TRYGG_SMS_BACKEND) names the class, as EMAIL_BACKEND does for mail.
A municipality plugs in its operator's gateway by writing one class; development and tests
use the console and memory doubles below, so no SMS leaves the machine by accident."""

import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The gateway refused or failed one message; the text is shown to the sender."""


class SmsGateway(Protocol):
    def send(self, *, to: str, text: str) -> None:
        """Sends `text` to one number (E.164, +46…) or raises SmsError."""


def _masked(number: str) -> str:
    # Whatever is printed may end up in a log: a phone number is personal data.
    return "…" + number[-2:] if len(number) > 2 else "…"


class ConsoleGateway:
    """Development: writes the text, not the number, to standard output."""

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"SMS till {_masked(to)}:\n{text}\n")


class MemoryGateway:
    """Tests: keeps every message in `outbox` as (number, text), like Django's mail.outbox."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        MemoryGateway.outbox.append((to, text))


def gateway() -> SmsGateway:
    """The configured gateway, a fresh instance per sending run."""
    return import_string(settings.SMS_BACKEND)()


def normalise_number(raw: str) -> str | None:
    """A Swedish mobile number as E.164 (+467…), or None when it is not one."""
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("07"):
        digits = "+46" + digits[1:]
    if digits.startswith("+467") and len(digits) == 12:
        return digits
    return None
