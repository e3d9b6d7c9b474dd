"""A problem picture picks its report filter from the user's saved filters; a filter pasted
from an address before there was a list still reads and survives a plain save."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from tests.helpers import category, make_report, viewer_for
from trygg.core.models import Role
from trygg.strategy import selectors
from trygg.strategy.models import ProblemPicture


@pytest.fixture
def klotter(koping):
    return category(koping, "klotter")


def _post(client, url, **fields):
    data = {"title": "Klotter vid stationen", **fields}
    return client.post(url, data)


def test_a_saved_filter_is_a_choice_by_name_and_stores_its_query(client, users, koping, klotter):
    client.force_login(users[Role.SAMORDNARE])
    client.post(
        reverse("reports:filter_save"), {"name": "Klotter i centrum", "kategori": klotter.pk}
    )
    page = client.get(reverse("strategy:problem_create")).content.decode()
    assert f'<option value="kategori={klotter.pk}">Klotter i centrum</option>' in page
    response = _post(
        client, reverse("strategy:problem_create"), report_query=f"kategori={klotter.pk}"
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert ProblemPicture.objects.get().report_query == f"kategori={klotter.pk}"


def test_a_query_that_is_no_choice_is_refused(client, users, koping, klotter):
    client.force_login(users[Role.SAMORDNARE])
    response = _post(client, reverse("strategy:problem_create"), report_query="kategori=999")
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()


@pytest.mark.parametrize(
    "stored",
    [
        # Pasted with the question mark, as users copied it from the address bar.
        "?q=klotter&kategori={k}",
        # Parameters in another order than the list writes them.
        "q=klotter&kategori={k}",
    ],
)
def test_an_old_pasted_filter_still_reads_and_survives_a_plain_save(
    client, users, koping, klotter, stored
):
    make_report(koping, "klotter", description="Klotter på muren")
    with scopes_disabled():
        problem = ProblemPicture.objects.create(
            municipality=koping, title="Klotter", report_query=stored.format(k=klotter.pk)
        )
    normal = f"kategori={klotter.pk}&q=klotter"
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    with scope(municipality=koping):
        figures = selectors.problem_figures(viewer=viewer, problem=problem)
    assert sum(v for _, v in figures.points) == 1
    assert figures.link.endswith("?" + normal)
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("strategy:problem_detail", args=[problem.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{normal.replace("&", "&amp;")}" selected>' in page
    assert _post(client, url, title="Klotter", report_query=normal).status_code == 302
    with scopes_disabled():
        assert ProblemPicture.objects.get().report_query == normal
