"""Area pickers show names first: a RegSO district by its name, a DeSO (named by its code)
with the district it lies in, and the municipality's own areas marked as such."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.helpers import make_area
from trygg.core.models import Role
from trygg.geo.forms import AreaChoiceField
from trygg.geo.selectors import area_labels, area_list


@pytest.fixture
def areas(koping):
    centrala = make_area(koping, "Köping centrala", lon=15.99, lat=59.51, d=0.02)
    own = make_area(koping, "Mitt område", kind="egen", lon=16.2, lat=59.6)
    deso = make_area(koping, "1983C1040", kind="deso", lon=15.99, lat=59.51, d=0.005)
    lonely = make_area(koping, "1983C1990", kind="deso", lon=16.5, lat=59.8, d=0.005)
    named = make_area(koping, "Ullvi", kind="deso", lon=15.995, lat=59.512, d=0.002)
    boundary = make_area(koping, "Köping", kind="kommungrans", lon=16.0, lat=59.5, d=0.5)
    with scopes_disabled():
        for area, code in ((centrala, "2367"), (deso, "1983C1040"), (lonely, "1983C1990")):
            area.code = code
            area.save(update_fields=["code"])
        # A district of the municipality's own, with no SCB code.
        plain = make_area(koping, "Norra", lon=16.3, lat=59.7)
    return {
        "centrala": centrala,
        "own": own,
        "deso": deso,
        "lonely": lonely,
        "named": named,
        "boundary": boundary,
        "plain": plain,
    }


LABELS = [
    ("centrala", "Köping centrala (RegSO)"),
    ("plain", "Norra (stadsdel)"),
    ("deso", "Köping centrala – DeSO 1983C1040"),
    ("lonely", "DeSO 1983C1990"),
    ("named", "Köping centrala – Ullvi (DeSO)"),
    ("own", "Mitt område (eget område)"),
    ("boundary", "Köping (hela kommunen)"),
]


@pytest.mark.parametrize("key,label", LABELS)
def test_an_area_is_labelled_by_name_kind_and_district(koping, areas, key, label):
    with scopes_disabled():
        assert area_labels(municipality=koping)[areas[key].pk] == label


def test_a_picker_lists_districts_before_desos_and_own_areas(koping, areas):
    with scopes_disabled():
        field = AreaChoiceField(
            queryset=area_list(municipality=koping, without_boundary=True),
            empty_label="Inget",
        )
        labels = [label for _value, label in field.choices]
    assert labels == [
        "Inget",
        "Köping centrala (RegSO)",
        "Norra (stadsdel)",
        "DeSO 1983C1990",
        "Köping centrala – DeSO 1983C1040",
        "Köping centrala – Ullvi (DeSO)",
        "Mitt område (eget område)",
    ]


def test_the_measure_form_and_the_report_filter_show_the_labels(client, users, koping, areas):
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("reports:list")).content.decode()
    deso = areas["deso"].pk
    # The report list names the DeSO by code only: its district would need the outlines.
    assert f'<option value="{deso}">DeSO 1983C1040</option>' in page
    assert f'<option value="{areas["centrala"].pk}">Köping centrala (RegSO)</option>' in page
    page = client.get(reverse("strategy:problem_create")).content.decode()
    assert "Köping centrala – DeSO 1983C1040</label>" in page
