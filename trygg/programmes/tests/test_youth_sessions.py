"""Recording a session on the activity's page: the grant, another municipality's activity,
a signed-out visitor, and a refused count that keeps what was typed."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from trygg.core.models import Role
from trygg.programmes.models import ActivitySession

from .youth_helpers import make_activity


def _post(client, activity, **counts):
    data = {"held_on": (timezone.localdate() - timedelta(days=1)).isoformat(), **counts}
    return client.post(reverse("programmes:youth_session", args=[activity.pk]), data)


def test_field_staff_record_a_session_from_the_activity_page(client, koping, users):
    activity = make_activity(koping)
    client.force_login(users[Role.RAPPORTOR])
    page = client.get(reverse("programmes:youth_detail", args=[activity.pk])).content.decode()
    assert "Registrera ett tillfälle" in page
    response = _post(client, activity, **{"n_13-15_flicka": "6", "n_16-19_pojke": "4"})
    assert response.status_code == 302
    with scopes_disabled():
        assert ActivitySession.objects.get().participants == 10


def test_a_negative_count_is_shown_next_to_its_field_with_the_typed_values(client, koping, users):
    activity = make_activity(koping)
    client.force_login(users[Role.RAPPORTOR])
    response = _post(client, activity, **{"n_13-15_flicka": "6", "n_13-15_pojke": "-1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Antalet kan inte vara negativt." in body
    assert 'name="n_13-15_flicka" value="6"' in body
    with scopes_disabled():
        assert ActivitySession.objects.count() == 0


def test_without_the_grant_403_another_municipality_404_signed_out_login(
    client, koping, arboga, users
):
    ours, theirs = make_activity(koping), make_activity(arboga)
    signed_out = _post(client, ours)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("core:login"))
    client.force_login(users[Role.POLIS])
    assert _post(client, ours).status_code == 403
    client.force_login(users[Role.SAMORDNARE])
    assert _post(client, theirs).status_code == 404
    with scopes_disabled():
        assert ActivitySession.objects.count() == 0
