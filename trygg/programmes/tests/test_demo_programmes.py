"""The demo's programmes: one per kind with its logic model, partners labelled as demo data
and indicators, and loading twice changes nothing."""

from django_scopes import scope

from trygg.demo.programmes import DEMO_PROGRAMMES, load_demo_programmes
from trygg.programmes.models import Partner, Programme, ProgrammeIndicator


def test_the_demo_fills_every_programme_once(koping, koping_org):
    with scope(municipality=koping):
        assert load_demo_programmes(koping) == len(DEMO_PROGRAMMES)
        assert load_demo_programmes(koping) == 0
        programmes = Programme.objects.filter(municipality=koping)
        assert sorted(p.name for p in programmes) == sorted(DEMO_PROGRAMMES.values())
        assert all(p.mechanism and p.long_term_outcome for p in programmes)
        partners = Partner.objects.filter(municipality=koping).select_related("organisation")
        assert partners.count() == 4
        assert all(p.organisation.name.endswith("(demodata)") for p in partners)
        assert ProgrammeIndicator.objects.filter(municipality=koping).count() == 8
