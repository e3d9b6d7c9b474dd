"""The register's pages: every role on the list, form and programme page, filters and the
empty state, registering through the form keeps what was typed on bad input, and the
programme page shows the logic model as a chain."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from trygg.core.models import Role
from trygg.programmes.models import Programme

from .helpers import register_programme

A, S, N, R, P, L = (
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
)
ROLES = (A, S, N, R, P, L)
PAGES = {
    "programmes:list": (200, 200, 200, 200, 200, 200),
    "programmes:detail": (200, 200, 200, 200, 200, 200),
    "programmes:create": (403, 200, 403, 403, 403, 403),
    "programmes:edit": (403, 200, 403, 403, 403, 403),
}


@pytest.fixture
def programme(koping, users, koping_org):
    return register_programme(koping, users, koping_org)


@pytest.mark.parametrize(
    ("name", "role", "status"),
    [(name, role, row[i]) for name, row in PAGES.items() for i, role in enumerate(ROLES)],
)
def test_each_role_reaches_the_pages_it_may(client, users, programme, name, role, status):
    client.force_login(users[role])
    args = [programme.pk] if name in ("programmes:detail", "programmes:edit") else []
    assert client.get(reverse(name, args=args)).status_code == status


def test_the_list_filters_by_goal_and_kind_and_says_when_nothing_matches(
    client, users, koping, koping_org, programme
):
    register_programme(koping, users, koping_org, kind="sspf", name="SSPF i centrum")
    client.force_login(users[L])
    page = client.get(reverse("programmes:list")).content.decode()
    assert "Nattvandring i centrum" in page and "SSPF i centrum" in page
    page = client.get(reverse("programmes:list") + "?mal=G6").content.decode()
    assert "SSPF i centrum" in page and "Nattvandring i centrum" not in page
    page = client.get(reverse("programmes:list") + "?typ=grannsamverkan").content.decode()
    assert "Inga program med det målet eller den typen." in page


def test_an_empty_register_invites_the_samordnare(client, users, koping):
    client.force_login(users[S])
    page = client.get(reverse("programmes:list")).content.decode()
    assert "Inga program registrerade ännu." in page
    assert reverse("programmes:create") in page


def test_the_list_is_paginated(client, users, koping, koping_org):
    with scopes_disabled():
        Programme.objects.bulk_create(
            Programme(
                municipality=koping,
                kind="sspf",
                goal="G6",
                name=f"Program {n:02}",
                owner=koping_org,
                start="2026-01-01",
            )
            for n in range(30)
        )
    client.force_login(users[S])
    first = client.get(reverse("programmes:list")).content.decode()
    assert "Program 24" in first and "Program 25" not in first and "Sida 1 av 2" in first
    second = client.get(reverse("programmes:list") + "?sida=2").content.decode()
    assert "Program 29" in second


def test_registering_through_the_form_presets_the_goal_and_opens_the_page(
    client, users, koping, koping_org
):
    client.force_login(users[S])
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "Föräldrar i Kolsva",
            "kind": "foraldrastod",
            "goal": "",
            "owner": koping_org.pk,
            "start": "2026-02-01",
            "problem": "Föräldrar vet lite om nätet.",
            "activity": "Kvällsföreläsningar.",
            "mechanism": "Kunskap ger föräldrar verktyg.",
            "short_term_outcome": "Fler samtal hemma.",
            "long_term_outcome": "Färre unga utsatta.",
        },
    )
    with scopes_disabled():
        programme = Programme.objects.get(name="Föräldrar i Kolsva")
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:detail", args=[programme.pk])
    assert programme.goal == "G7"
    page = client.get(response["Location"]).content.decode()
    chain = [
        "Föräldrar vet lite om nätet.",
        "Kvällsföreläsningar.",
        "Kunskap ger föräldrar verktyg.",
        "Fler samtal hemma.",
        "Färre unga utsatta.",
    ]
    positions = [page.index(step) for step in chain]
    assert positions == sorted(positions)


def test_a_form_without_an_owner_keeps_what_was_typed_and_says_why(client, users, koping):
    client.force_login(users[S])
    response = client.post(
        reverse("programmes:create"),
        {"name": "Utan ägare", "kind": "kvinnojour", "start": "2026-02-01", "mechanism": "Stöd"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ett program är en överenskommelse och kan inte sakna organisation." in page
    assert 'value="Utan ägare"' in page and "Stöd</textarea>" in page
    with scopes_disabled():
        assert not Programme.objects.filter(name="Utan ägare").exists()


def test_partners_and_indicators_are_added_from_the_page(client, users, koping_org, programme):
    client.force_login(users[S])
    url = reverse("programmes:detail", args=[programme.pk])
    response = client.post(
        reverse("programmes:partner_add", args=[programme.pk]),
        {"organisation": koping_org.pk, "agreement": "iop", "role": "Samordnar"},
    )
    assert response["Location"] == url
    response = client.post(
        reverse("programmes:indicator_add", args=[programme.pk]),
        {"level": "prestation", "name": "Genomförda vandringar", "unit": "st", "target": "40"},
    )
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "IOP (idéburet offentligt partnerskap)" in page
    assert "Genomförda vandringar" in page
    refused = client.post(
        reverse("programmes:partner_add", args=[programme.pk]), {"agreement": "iop"}
    )
    assert "En överenskommelse kan inte sakna organisation." in refused.content.decode()


def test_another_municipalitys_programme_is_not_found(client, arboga_admin, programme):
    client.force_login(arboga_admin)
    assert client.get(reverse("programmes:detail", args=[programme.pk])).status_code == 404


def test_a_kind_in_the_address_presets_the_kind_and_its_goal(client, users, koping):
    client.force_login(users[S])
    page = client.get(reverse("programmes:create") + "?typ=kvinnojour").content.decode()
    assert '<option value="kvinnojour" selected>' in page
    assert '<option value="G5" selected>' in page


@pytest.mark.parametrize(
    ("role", "shown", "not_shown"),
    [
        (
            S,
            {"aktiviteter/", "foraldrastod/", "nattvandring/", "stod/", "grannsamverkan/"},
            set(),
        ),
        (R, {"aktiviteter/", "foraldrastod/"}, {"nattvandring/", "stod/", "grannsamverkan/"}),
    ],
)
def test_the_register_links_the_kinds_own_pages_the_viewer_may_open(
    client, users, koping, role, shown, not_shown
):
    client.force_login(users[role])
    page = client.get(reverse("programmes:list")).content.decode()
    nav = page.split('aria-labelledby="programmens-sidor"', 1)[1].split("</nav>", 1)[0]
    links = set(re.findall(r'href="/program/([^"]+)"', nav))
    assert shown <= links
    assert not (not_shown & links)
