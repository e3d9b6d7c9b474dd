"""E-mail from the platform: bodies and subjects as templates, every link absolute.

A mail has no page to be relative to: `/rapporter/12/` in a mail client goes nowhere. Links
are built on SITE_URL (TRYGG_SITE_URL), never on a request's Host header, so a mail sent by
the task worker (which has no request) and one sent from a page look the same, and a forged
Host header cannot point a link elsewhere.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(viewname: str, *args) -> str:
    """The full address of a named URL, e.g. https://trygg.koping.se/rapporter/12/."""
    return settings.SITE_URL + reverse(viewname, args=args)


def mail_send(*, template: str, context: dict, to: list[str], headers: dict | None = None) -> None:
    """Sends `<template>_subject.txt` and `<template>.txt` rendered with `context` (plus
    `site_url`). Plain text: nothing in the body is HTML-escaped. `headers` adds headers
    such as List-Unsubscribe."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"{template}_subject.txt", context)
    # A subject is one line; a line break in it would start a header of its own.
    subject = " ".join(subject.split())
    EmailMessage(
        subject=subject,
        body=render_to_string(f"{template}.txt", context).strip() + "\n",
        to=to,
        headers=headers,
    ).send()
