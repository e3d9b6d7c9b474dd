"""The annual follow-up to Kommunstyrelsen from the demo's own data (issues 19 and 20, "Done
when"): each of the goals G4–G7 has the sentences its programmes write, and G8 the welfare
register's aggregates, not the empty-state sentence."""

import re
from html import unescape

from django.urls import reverse
from django.utils import timezone

EMPTY = "Inga program registrerade för målet under året."


def _sections(html: str) -> dict[str, str]:
    """The text under each goal's heading (not the heading itself), keyed by the goal."""
    main = html.split("<main", 1)[1]
    parts = re.split(r"<h2>(G\d)", main)
    return {
        goal: unescape(re.sub(r"<[^>]+>", " ", text.split("</h2>", 1)[1]))
        for goal, text in zip(parts[1::2], parts[2::2], strict=True)
    }


def test_the_follow_up_shows_g4_to_g8_from_the_demo(client, loaded_demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="samordnare"))
    year = timezone.localdate().year
    response = client.get(reverse("strategy:annual_report"), {"ar": year})
    assert response.status_code == 200
    sections = _sections(response.content.decode())
    expected = {
        "G4": "genomförda aktivitetstillfällen:",
        "G5": "genomförda nattvandringskvällar:",
        "G6": "påbörjade ärenden:",
        "G7": "genomförda träffar och föreläsningar:",
        "G8": "kontroller genomfördes",
    }
    texts = {goal: " ".join(sections[goal].split()) for goal in expected}
    assert {
        g: EMPTY in t or expected[g] not in t.lower() for g, t in texts.items()
    } == dict.fromkeys(expected, False), texts
