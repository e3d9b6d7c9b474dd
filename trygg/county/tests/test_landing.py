"""A county user who logs in lands on the county's start page; a person with neither a
municipality nor a county still gets core's "no membership" page."""

from django.urls import reverse

from tests.helpers import body_of

from .helpers import make_county, make_county_user


def test_the_county_user_s_start_page_is_the_county_overview(client, db):
    client.force_login(make_county_user(make_county()))
    response = client.get(reverse("core:start"))
    assert response.status_code == 302 and response["Location"] == reverse("county:overview")
    assert client.get(response["Location"]).status_code == 200


def test_someone_without_any_membership_is_not_sent_to_the_county(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("core:start"))
    assert response.status_code == 403
    assert reverse("county:overview") not in body_of(response).decode()
