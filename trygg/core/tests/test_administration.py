import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import membership_of
from trygg.core import services
from trygg.core.models import AuditEvent, Membership, Municipality, Organisation, Role


def test_admin_creates_organisation(client, users, koping):
    client.force_login(users[Role.ADMINISTRATOR])
    response = client.post(
        reverse("core:organisation_create"),
        {"name": "Räddningstjänsten Mälardalen", "kind": "raddningstjanst", "active": "on"},
    )
    assert response.status_code == 302
    with scope(municipality=koping):
        org = Organisation.objects.get(name="Räddningstjänsten Mälardalen")
    assert org.kind == "raddningstjanst"
    assert AuditEvent.objects.filter(
        event="core.organisation_created", object_id=str(org.pk)
    ).exists()


def test_duplicate_organisation_name_gets_swedish_error(client, users, koping_org):
    client.force_login(users[Role.ADMINISTRATOR])
    response = client.post(
        reverse("core:organisation_create"), {"name": koping_org.name, "kind": "forvaltning"}
    )
    assert response.status_code == 200
    assert "Det finns redan en organisation med det namnet." in response.content.decode()


def test_admin_grants_role_creating_account_and_audits(client, users, koping, koping_org):
    client.force_login(users[Role.ADMINISTRATOR])
    response = client.post(
        reverse("core:membership_list"),
        {
            "username": "ny_polis",
            "email": "ny@polisen.se",
            "organisation": koping_org.pk,
            "role": "polis",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        membership = Membership.objects.get(user__username="ny_polis")
    assert membership.role == Role.POLIS
    assert not membership.user.has_usable_password()
    assert AuditEvent.objects.filter(event="core.role_granted").count() == 1


def test_granting_same_role_twice_is_refused(client, users, koping_org):
    client.force_login(users[Role.ADMINISTRATOR])
    data = {"username": "analytiker", "organisation": koping_org.pk, "role": "analytiker"}
    response = client.post(reverse("core:membership_list"), data)
    assert "Personen har redan den rollen i organisationen." in response.content.decode()


def test_admin_revokes_role(client, users):
    client.force_login(users[Role.ADMINISTRATOR])
    membership = membership_of(users[Role.POLIS])
    client.post(reverse("core:membership_revoke", args=[membership.pk]))
    with scopes_disabled():
        assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(event="core.role_revoked").count() == 1


def test_admin_cannot_revoke_own_admin_role(client, users):
    admin = users[Role.ADMINISTRATOR]
    client.force_login(admin)
    membership = membership_of(admin)
    response = client.post(reverse("core:membership_revoke", args=[membership.pk]), follow=True)
    assert "Du kan inte ta bort din egen administratörsroll." in response.content.decode()


def test_duplicate_kommunkod_is_refused_in_swedish(koping, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    with pytest.raises(ValidationError) as error:
        services.municipality_create(
            actor=root, name="Kopia", kommunkod="1983", county_code="19", slug="kopia"
        )
    assert error.value.message_dict["kommunkod"] == [
        "Det finns redan en kommun med den kommunkoden."
    ]
    assert Municipality.objects.count() == 1


def test_kommunkod_must_match_county(db, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    with pytest.raises(ValidationError) as error:
        services.municipality_create(
            actor=root, name="Fel", kommunkod="1983", county_code="03", slug="fel"
        )
    assert "county_code" in error.value.message_dict


def test_only_superusers_create_municipalities(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.municipality_create(
            actor=users[Role.ADMINISTRATOR], name="X", kommunkod="1980", county_code="19", slug="x"
        )


def test_audit_log_shows_members_failed_logins_but_not_other_municipalities(
    client, users, arboga_admin
):
    client.post(reverse("core:login"), {"username": "polis", "password": "fel"})
    client.post(reverse("core:login"), {"username": "arboga_admin", "password": "fel"})
    client.force_login(users[Role.ADMINISTRATOR])
    page = client.get(reverse("core:audit_list") + "?handelse=login_failed").content.decode()
    assert page.count('<td data-label="Vem">polis</td>') == 1
    assert "arboga_admin" not in page


def test_scoped_query_without_municipality_fails_loudly(users):
    from django_scopes.exceptions import ScopeError

    with pytest.raises(ScopeError):
        list(Organisation.objects.all())
