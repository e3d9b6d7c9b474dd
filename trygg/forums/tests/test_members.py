"""Membership administration: Trygg users and external persons, BRÅ's chair appointed by
Kommunfullmäktige, ending a seat, and the retention rule for external names."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_forum, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.forums import services
from trygg.forums.models import ForumMembership


def test_samordnare_adds_a_user_and_an_external_member_on_the_page(client, users, koping):
    bra = make_forum(koping, "bra")
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("forums:members", args=[bra.pk])
    council = users[Role.RADSLEDAMOT]
    response = client.post(
        url, {"user": council.pk, "role": "ordforande", "appointment_reference": "KF § 45/2026"}
    )
    assert response.status_code == 302
    client.post(
        url, {"person_name": "Eva Ek", "organisation_name": "Räddningstjänsten", "role": "ledamot"}
    )
    page = client.get(url).content.decode()
    assert "KF § 45/2026" in page and "Eva Ek" in page and "Räddningstjänsten" in page
    with scopes_disabled():
        assert list(ForumMembership.objects.values_list("role", flat=True).order_by("pk")) == [
            "ordforande",
            "ledamot",
        ]
        # The audit row names the seat, never the external person.
        assert not AuditEvent.objects.filter(summary__contains="Eva Ek").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"role": "ordforande"},
            "person_name",
            "Välj en användare eller skriv namnet på den externa ledamoten.",
        ),
        (
            {"role": "ordforande", "person_name": "Karin Berg"},
            "appointment_reference",
            "BRÅ:s ordförande utses av kommunfullmäktige: ange beslutet, t.ex. KF § 45/2026.",
        ),
        ({"role": "okand", "person_name": "X"}, "role", "Okänd roll."),
    ],
)
def test_a_seat_that_is_not_complete_is_refused(users, koping, data, field, message):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as caught:
        services.member_add(viewer=viewer, forum=make_forum(koping, "bra"), **data)
    assert caught.value.message_dict[field] == [message]


def test_a_user_of_another_municipality_cannot_get_a_seat(users, koping, arboga, arboga_org):
    from tests.helpers import make_member

    outsider = make_member("arboga_person", arboga_org, Role.ANALYTIKER)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as caught:
        services.member_add(
            viewer=viewer, forum=make_forum(koping, "bra"), role="ledamot", user=outsider
        )
    assert caught.value.message_dict["user"] == ["Användaren hör inte till kommunen."]


def test_an_analyst_without_a_seat_cannot_add_members(users, koping):
    viewer = viewer_for(users[Role.ANALYTIKER], koping)
    with scope(municipality=koping), pytest.raises(PermissionDenied):
        services.member_add(
            viewer=viewer, forum=make_forum(koping, "bra"), role="ledamot", person_name="X"
        )


def test_ending_a_seat_keeps_it_among_the_ended(client, users, koping):
    bra = make_forum(koping, "bra")
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        seat = services.member_add(
            viewer=viewer,
            forum=bra,
            role="ledamot",
            person_name="Eva Ek",
            started_on=timezone.localdate() - timedelta(days=10),
        )
    client.force_login(users[Role.SAMORDNARE])
    client.post(reverse("forums:member_end", args=[bra.pk, seat.pk]))
    with scopes_disabled():
        seat.refresh_from_db()
    assert seat.ended_on == timezone.localdate()
    # Ended today, so still active today; the day after it is listed as ended.
    assert seat.active


@pytest.mark.parametrize(
    ("ended_days_ago", "user_seat", "purged"),
    [(800, False, True), (700, False, False), (None, False, False), (800, True, False)],
)
def test_external_names_are_removed_two_years_after_the_seat_ended(
    users, koping, ended_days_ago, user_seat, purged
):
    today = timezone.localdate()
    with scopes_disabled():
        seat = ForumMembership.objects.create(
            municipality=koping,
            forum=make_forum(koping, "bra"),
            user=users[Role.RADSLEDAMOT] if user_seat else None,
            person_name="" if user_seat else "Eva Ek",
            organisation_name="Räddningstjänsten",
            started_on=today - timedelta(days=2000),
            ended_on=today - timedelta(days=ended_days_ago) if ended_days_ago else None,
        )
    with scope(municipality=koping):
        assert services.external_members_purge(municipality=koping) == int(purged)
    with scopes_disabled():
        seat.refresh_from_db()
    assert (seat.person_name == "Tidigare extern ledamot") is purged
    assert (seat.organisation_name == "") is purged


def test_a_new_municipality_gets_the_guidelines_forums(db):
    from trygg.core.models import Municipality
    from trygg.forums.models import Forum

    vasteras = Municipality.objects.create(
        name="Västerås", kommunkod="1980", county_code="19", slug="vasteras"
    )
    with scopes_disabled():
        names = list(Forum.objects.filter(municipality=vasteras).values_list("name", flat=True))
    assert names == [
        "Lägesbildsmöte",
        "Brottsförebyggande rådet (BRÅ)",
        "EST-gruppen",
        "Kommunledningsgruppen (KLG)",
        "Stora samverkansgruppen",
    ]


@pytest.mark.parametrize(
    ("parent_kind", "error"),
    [
        ("est", None),
        ("stora", None),
        ("bra", "Arbetsgrupper tillsätts av EST-gruppen eller Stora samverkansgruppen."),
    ],
)
def test_working_groups_are_appointed_under_est_or_stora_samverkansgruppen(
    client, users, koping, parent_kind, error
):
    parent = make_forum(koping, parent_kind)
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        if error:
            with pytest.raises(ValidationError) as caught:
                services.working_group_create(viewer=viewer, parent=parent, name="Unga och nätet")
            assert caught.value.message_dict["parent"] == [error]
            return
        group = services.working_group_create(viewer=viewer, parent=parent, name="Unga och nätet")
    client.force_login(users[Role.RADSLEDAMOT])
    page = client.get(reverse("forums:detail", args=[parent.pk])).content.decode()
    assert f'<a href="/forum/{group.pk}/">Unga och nätet</a>' in page
    listing = client.get(reverse("forums:list")).content.decode()
    assert f"(arbetsgrupp under {parent.name})" in listing
