"""Every page, tried as a user without the grant (403), from another municipality (404 with
data there that could leak) and logged out (login). New URLs fail until they are listed."""

import pytest
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled

from tests.helpers import membership_of
from trygg.core.models import Organisation, Role
from trygg.geo.models import Area

# Pages that need no login (name → expected status for a visitor).
PUBLIC = {
    "healthz": 200,
    "public:home": 200,
    "public:accessibility": 200,
    "core:login": 200,
    "core:password_reset": 200,
    "core:password_reset_done": 200,
    "core:password_reset_complete": 200,
}

# name, kwargs factory (given Arboga's objects), the action required, a role without it.
PAGES = [
    ("core:start", None, Role.RADSLEDAMOT, None),
    ("core:organisation_list", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:organisation_create", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:organisation_edit", "organisation", Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:membership_list", None, Role.ADMINISTRATOR, Role.ANALYTIKER),
    ("core:membership_revoke", "membership", Role.ADMINISTRATOR, Role.POLIS),
    ("core:municipality_edit", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:audit_list", None, Role.ADMINISTRATOR, Role.ANALYTIKER),
    ("geo:area_list", None, Role.RAPPORTOR, None),
    ("geo:area_detail", "area", Role.RAPPORTOR, None),
    ("geo:area_import", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("geo:area_delete", "area", Role.SAMORDNARE, Role.POLIS),
]

# Pages outside this table on purpose, with the reason.
NOT_TENANT_PAGES = {
    "core:logout": "POST only; ends the session",
    "core:password_reset_confirm": "token link from e-mail",
    "core:switch_municipality": "POST only; tested in test_switch_municipality",
    "core:otp_overview": "the user's own account, not municipality data",
    "core:otp_setup": "the user's own account",
    "core:otp_verify": "the user's own account",
    "core:otp_remove": "the user's own device; tested in test_twofactor",
    "public:municipality": "public by design; takes a slug",
}


def _all_url_names():
    names = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                ns = f"{p.namespace}:" if p.namespace else prefix
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, ns)
            elif p.name:
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_is_in_a_table():
    listed = set(PUBLIC) | {p[0] for p in PAGES} | set(NOT_TENANT_PAGES)
    unlisted = sorted(n for n in _all_url_names() if n not in listed and not n.startswith("ninja"))
    assert unlisted == []


@pytest.fixture
def arboga_objects(arboga_data, arboga_org, arboga_admin):
    with scopes_disabled():
        return {
            "organisation": arboga_org,
            "membership": membership_of(arboga_admin),
            "area": Area.objects.get(municipality=arboga_data),
        }


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


@pytest.mark.parametrize(("name", "key", "granted", "denied"), PAGES)
def test_other_municipality_gives_404_or_empty(
    client, users, arboga_objects, name, key, granted, denied
):
    client.force_login(users[Role.ADMINISTRATOR])
    method = client.post if name.endswith(("_revoke", "_delete")) else client.get
    response = method(_url(name, key, arboga_objects))
    if key:
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 302)
        body = response.content.decode()
        assert "Arboga säkerhet" not in body
        assert "Arboga centrum" not in body
        assert "arboga_admin" not in body


@pytest.mark.parametrize(("name", "key", "granted", "denied"), [p for p in PAGES if p[3]])
def test_role_without_grant_gets_403(client, users, koping, name, key, granted, denied):
    objects = {
        "organisation": Organisation.objects.with_scopes_disabled()
        .filter(municipality=koping)
        .first(),
        "membership": membership_of(users[Role.ADMINISTRATOR]),
        "area": _koping_area(koping),
    }
    client.force_login(users[denied])
    method = client.post if name.endswith(("_revoke", "_delete")) else client.get
    assert method(_url(name, key, objects)).status_code == 403


@pytest.mark.parametrize(("name", "key", "granted", "denied"), PAGES)
def test_role_with_grant_reaches_page(client, users, koping, name, key, granted, denied):
    objects = {
        "organisation": Organisation.objects.with_scopes_disabled()
        .filter(municipality=koping)
        .first(),
        "membership": membership_of(users[Role.RADSLEDAMOT]),
        "area": _koping_area(koping),
    }
    client.force_login(users[granted])
    response = client.get(_url(name, key, objects))
    expected = 405 if name.endswith("_revoke") else 200
    assert response.status_code == expected


@pytest.mark.parametrize(("name", "key", "granted", "denied"), PAGES)
def test_logged_out_visitor_is_sent_to_login(client, arboga_objects, name, key, granted, denied):
    response = client.get(_url(name, key, arboga_objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize(("name", "status"), PUBLIC.items())
def test_public_pages_need_no_login(client, koping, name, status):
    assert client.get(reverse(name)).status_code == status


def test_member_without_municipality_gets_clear_message(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("core:start"))
    assert response.status_code == 403
    assert "Ditt konto hör inte till någon kommun" in response.content.decode()


def _koping_area(koping):
    from tests.helpers import make_area

    return make_area(koping, "Köping centrum")
