"""The demo's support programmes: the fictional kvinnojour's agreement with its rendered,
uploaded and reviewed annual report, a year of SSPF and youth–police quarters and two
routines, one overdue — loaded once, and shown on the pages."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from trygg.core.models import Municipality
from trygg.demo.support import JOUR, load_demo_support
from trygg.programmes.models import CooperationRoutine, QuarterCount, SupportAgreement


def test_the_demo_support_programmes_are_loaded_once_and_shown(loaded_demo, client):
    koping = Municipality.objects.get(kommunkod="1983")
    with scope(municipality=koping):
        agreement = SupportAgreement.objects.get(organisation__name=JOUR)
        report = agreement.annual_reports.get()
        assert "(demodata)" in JOUR
        assert report.file.open("rb").read(5) == b"%PDF-"
        assert (report.follow_up, report.reviews.count()) == ("godkand", 2)
        assert QuarterCount.objects.filter(municipality=koping).count() == 8
        overdue = CooperationRoutine.objects.filter(review_by__lt=timezone.localdate())
        assert (CooperationRoutine.objects.count(), overdue.count()) == (2, 1)
        assert load_demo_support(koping) is False
        sspf = overdue.get().programme
    client.force_login(get_user_model().objects.get(username="samordnare"))
    page = client.get(reverse("programmes:support_agreement", args=[agreement.pk])).content
    assert "Stödsamtal: 372 (delvis uppnått)" in page.decode()
    page = client.get(
        reverse("programmes:support_cooperation", args=[sspf.pk])
        + "?ar="
        + str(timezone.localdate().year - 1)
    ).content.decode()
    assert "(försenad)" in page
    assert "Kvartal 4" in page
