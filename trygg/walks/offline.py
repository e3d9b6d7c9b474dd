"""What field mode adds to the service worker: the field page of a walk is kept once opened
online, so a phone opens it again without coverage (core/pwa.py, sw.js)."""

from trygg.core.pwa import register_offline_pages

# The join-link page belongs to no account: its own cache, kept across sign-outs (the link is
# the key, and a revoked link's page is deleted the next time it answers 410 online).
LINK_PAGES = "trygg-walk-links"


def register() -> None:
    statics = ("trygg/walk-field.js", "trygg/walk-field.css")
    register_offline_pages(r"^/vandringar/\d+/falt/$", static=statics)
    register_offline_pages(r"^/vandringar/[A-Za-z0-9_-]{16,40}/falt/$", cache=LINK_PAGES)
