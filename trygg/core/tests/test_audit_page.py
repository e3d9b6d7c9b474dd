"""The audit page filters by registered event and by object, keeps the filters on every
page, and shows the structured data beside the summary."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.helpers import viewer_for
from trygg.core import services
from trygg.core.audit import audit_log
from trygg.core.models import AuditEvent, Role
from trygg.core.selectors import audit_event_choices

URL = reverse("core:audit_list")


TD = r"<td[^>]*>"
ROW = re.compile(rf"<tr>\s*{TD}[^<]*</td>\s*{TD}[^<]*</td>\s*{TD}[^<]*</td>\s*{TD}([^<]*)</td>")


def _rows(page: str) -> list[str]:
    """The summaries of the table's rows, in order."""
    return ROW.findall(page)


# Newest first; the test's own login comes last of all, so first on the page.
ALL = [
    "Inloggning",
    "Lösenord bytt",
    "Organisation Org ett ändrad",
    "Organisation Org två skapad",
    "Organisation Org ett skapad",
]


@pytest.fixture
def history(users, koping, arboga_admin, arboga):
    """Two organisations created and one changed in Köping, a password reset of a Köping
    member, and an organisation created in Arboga (which Köping must never see)."""
    admin = viewer_for(users[Role.ADMINISTRATOR], koping)
    with scopes_disabled():
        first = services.organisation_create(viewer=admin, name="Org ett", kind="forvaltning")
        second = services.organisation_create(viewer=admin, name="Org två", kind="polis")
        services.organisation_update(
            viewer=admin, organisation=first, name="Org ett", kind="polis", email="", active=True
        )
        services.organisation_create(
            viewer=viewer_for(arboga_admin, arboga), name="Org Arboga", kind="forvaltning"
        )
    audit_log(event="core.password_reset", actor=users[Role.POLIS], summary="Lösenord bytt")
    return {"first": first, "second": second}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("?handelse=core.organisation_created", ALL[3:]),
        ("?handelse=core.organisation_updated", ["Organisation Org ett ändrad"]),
        ("?handelse=core.password_reset", ["Lösenord bytt"]),
        # A name from before event names had an app prefix still opens core's event.
        ("?handelse=password_reset", ["Lösenord bytt"]),
        ("?handelse=core.role_revoked", []),
        # An unknown event is ignored, not an error: a stale bookmark still opens the page.
        ("?handelse=finns.inte", ALL),
    ],
)
def test_the_event_filter_returns_only_matching_rows(client, users, history, query, expected):
    client.force_login(users[Role.ADMINISTRATOR])
    response = client.get(URL + query)
    assert response.status_code == 200
    assert _rows(response.content.decode()) == expected


def test_the_object_filter_shows_every_event_of_that_object_and_nothing_else(
    client, users, history
):
    client.force_login(users[Role.ADMINISTRATOR])
    first = history["first"]
    page = client.get(URL).content.decode()
    link = f"?objekttyp=core.organisation&amp;objekt={first.pk}"
    assert page.count(link) == 2
    page = client.get(URL + link.replace("&amp;", "&")).content.decode()
    assert _rows(page) == ["Organisation Org ett ändrad", "Organisation Org ett skapad"]
    assert f"Visar bara händelser för objektet core.organisation {first.pk}." in page


def test_the_event_and_object_filters_combine(client, users, history):
    client.force_login(users[Role.ADMINISTRATOR])
    first = history["first"].pk
    query = f"?handelse=core.organisation_created&objekttyp=core.organisation&objekt={first}"
    page = client.get(URL + query).content.decode()
    assert _rows(page) == ["Organisation Org ett skapad"]


@pytest.mark.parametrize(
    "query",
    [
        "?objekttyp=core.organisation",
        "?objekttyp=x;drop&objekt=1",
        "?objekttyp=core.organisation&objekt=" + "9" * 65,
    ],
)
def test_a_malformed_object_filter_is_ignored(client, users, history, query):
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get(URL + query).content.decode()
    assert _rows(page) == ALL
    assert "Visar bara händelser för objektet" not in page


def test_another_municipalitys_object_shows_nothing(client, users, history, arboga):
    with scopes_disabled():
        from trygg.core.models import Organisation

        theirs = Organisation.objects.get(name="Org Arboga")
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get(URL + f"?objekttyp=core.organisation&objekt={theirs.pk}").content.decode()
    assert "Org Arboga" not in page
    assert "Inga händelser att visa." in page


def test_a_row_with_structured_data_shows_it(client, users, koping, koping_org):
    admin = viewer_for(users[Role.ADMINISTRATOR], koping)
    with scopes_disabled():
        services.membership_grant(
            viewer=admin, organisation=koping_org, role=Role.ANALYTIKER, username="ny.person"
        )
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get(URL + "?handelse=core.role_granted").content.decode()
    data = re.findall(r"<dt>(\w+)</dt>\s*<dd>([^<]*)</dd>", page)
    with scopes_disabled():
        from django.contrib.auth import get_user_model

        user_id = get_user_model().objects.get(username="ny.person").pk
    assert data == [
        ("organisation_id", str(koping_org.pk)),
        ("role", Role.ANALYTIKER),
        ("user_id", str(user_id)),
    ]
    assert '<td data-label="Händelse">Roll tilldelad</td>' in page


def test_pagination_keeps_the_filters(client, users, koping):
    admin = viewer_for(users[Role.ADMINISTRATOR], koping)
    with scopes_disabled():
        for n in range(55):
            services.organisation_create(viewer=admin, name=f"Org {n:02}", kind="forvaltning")
    audit_log(event="core.password_reset", actor=users[Role.POLIS], summary="Lösenord bytt")
    client.force_login(users[Role.ADMINISTRATOR])
    first = client.get(URL + "?handelse=core.organisation_created").content.decode()
    assert "Sida 1 av 2" in first
    assert "?handelse=core.organisation_created&amp;sida=2" in first
    second = client.get(URL + "?handelse=core.organisation_created&sida=2").content.decode()
    assert _rows(second) == [f"Organisation Org {n:02} skapad" for n in range(4, -1, -1)]
    assert "Lösenord bytt" not in second


def test_the_event_select_groups_registered_events_by_app_with_swedish_labels(
    client, users, koping
):
    groups = dict(audit_event_choices())
    assert ("core.login_failed", "Misslyckad inloggning") in groups["Kärna"]
    assert ("reports.exported", "Rapporter exporterade") in groups["Inrapportering"]
    assert ("geo.area_imported", "Områden importerade") in groups["Geografi"]
    assert ("forums.decision_added", "Beslut fattat") in groups["Forum och möten"]
    assert all(items == sorted(items, key=lambda i: i[1]) for items in groups.values())
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get(URL + "?handelse=geo.area_imported").content.decode()
    assert '<optgroup label="Geografi">' in page
    assert '<option value="geo.area_imported" selected>Områden importerade</option>' in page


def test_a_row_written_before_event_names_shows_its_old_kind(client, users, koping):
    admin = users[Role.ADMINISTRATOR]
    # A row from before event names, as migration core 0006 may have left it.
    AuditEvent.objects.create(
        action="updated", actor=admin, municipality=koping, summary="Äldre ändring"
    )
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get(URL).content.decode()
    assert (
        '<td data-label="Händelse">Ändrad</td>\n        <td data-label="Vem">admin</td>\n        '
        '<td data-label="Vad">Äldre ändring</td>'
    ) in page
