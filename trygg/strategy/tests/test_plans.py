import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from tests.helpers import category, make_area, make_organisation, make_report, viewer_for
from trygg.core.models import Role
from trygg.strategy import selectors, services
from trygg.strategy.models import ActionPlan, Indicator

TZ = ZoneInfo("Europe/Stockholm")
TODAY = date(2026, 11, 25)


@pytest.fixture
def setup(users, koping):
    viewer = viewer_for(users[Role.SAMORDNARE], koping)
    org = make_organisation(koping, "Tekniska förvaltningen")
    with scope(municipality=koping):
        picture = services.strategic_picture_draft(viewer=viewer, start_year=2025, end_year=2026)
        plan = services.plan_save(
            viewer=viewer,
            title="Åtgärdsplan",
            start_year=2025,
            end_year=2026,
            picture=picture,
            follow_up_months=3,
        )
    return viewer, org, picture, plan


def _measure(viewer, plan, org, **extra):
    fields = {
        "title": "Belysning i tunneln",
        "description": "",
        "problem": None,
        "owner": org,
        "owner_person": "",
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "budget_sek": 150000,
        "area": None,
        "comparison_area": None,
        "effect_category": None,
        **extra,
    }
    return services.measure_save(viewer=viewer, plan=plan, **fields)


def test_plan_cannot_be_decided_before_the_picture(setup, koping):
    viewer, org, picture, plan = setup
    with scope(municipality=koping):
        _measure(viewer, plan, org)
        with pytest.raises(ValidationError, match="beslutad lägesbild"):
            services.plan_decide(
                viewer=viewer,
                plan=plan,
                decided_by="KS",
                decided_on=TODAY,
                decision_paragraph="§ 1",
            )
        services.strategic_picture_set_status(
            viewer=viewer,
            picture=picture,
            status="beslutad",
            decided_by="KS",
            decided_on=TODAY,
            decision_paragraph="§ 1",
        )
        plan.refresh_from_db()
        services.plan_decide(
            viewer=viewer, plan=plan, decided_by="KF", decided_on=TODAY, decision_paragraph="§ 2"
        )
        assert ActionPlan.objects.get().status == "beslutad"


def test_follow_up_overdue_and_recorded(setup, koping):
    viewer, org, _picture, plan = setup
    with scope(municipality=koping):
        measure = _measure(viewer, plan, org, start=date(2026, 6, 1))
        assert [m for m, _ in selectors.overdue_measures(municipality=koping, today=TODAY)] == [
            measure
        ]
        services.follow_up_add(
            viewer=viewer,
            measure=measure,
            on=date(2026, 11, 1),
            status="pagar",
            text="Halva tunneln klar",
        )
        assert selectors.overdue_measures(municipality=koping, today=TODAY) == []
        measure.refresh_from_db()
        assert measure.status == "pagar"


def test_indicator_that_matches_no_data_says_so(setup, koping):
    viewer, org, _picture, plan = setup
    with scope(municipality=koping):
        measure = _measure(viewer, plan, org)
        indicator = services.indicator_add(
            viewer=viewer,
            measure=measure,
            name="Belysningsfel",
            kind="data",
            category=category(koping, "belysning"),
            area=None,
            target=2,
            lower_is_better=True,
        )
        series = selectors.indicator_series(viewer=viewer, indicator=indicator)
    assert "matchar inga rapporter" in series.message
    assert len(series.points) == 8
    with scope(municipality=koping), pytest.raises(ValidationError):
        services.indicator_add(
            viewer=viewer,
            measure=measure,
            name="x",
            kind="data",
            category=None,
            area=None,
            target=None,
            lower_is_better=True,
        )
    assert Indicator.objects.with_scopes_disabled().count() == 1


def test_effect_of_a_measure_against_a_comparison_area(setup, koping):
    viewer, org, _picture, plan = setup
    treated = make_area(koping, "Centrum", lon=15.99, lat=59.51, d=0.005)
    control = make_area(koping, "Nibblesbacke", lon=15.97, lat=59.53, d=0.005)
    start = TODAY - timedelta(days=180)
    for days_before, area, n in (
        (90, treated, 40),
        (-90, treated, 12),
        (90, control, 40),
        (-90, control, 38),
    ):
        for i in range(n):
            when = datetime.combine(
                start - timedelta(days=days_before) + timedelta(hours=i),
                datetime.min.time(),
                tzinfo=TZ,
            )
            report = make_report(
                koping, "klotter", when=when, lat=area.min_lat + 0.001, lon=area.min_lon + 0.001
            )
            with scope(municipality=koping):
                report.areas.add(area)
    with scope(municipality=koping):
        measure = _measure(
            viewer,
            plan,
            org,
            start=start,
            area=treated,
            comparison_area=control,
            effect_category=category(koping, "skadegorelse"),
        )
        effect = selectors.measure_effect(viewer=viewer, measure=measure, today=TODAY)
    assert effect.ready and effect.counts == (40, 12, 40, 38)
    assert effect.result.rrr < 0.5 and effect.result.significant
    assert effect.text.startswith(
        "I åtgärdsområdet blev det 68 % färre händelser än väntat utifrån utvecklingen i "
        "jämförelseområdet, ungefär 26 färre (95 % konfidensintervall: från 86 % färre till "
        "31 % färre; p = 0,004). Skillnaden är statistiskt säkerställd."
    )


def test_measure_pages_in_the_app(client, setup, users, koping):
    _viewer, org, _picture, plan = setup
    client.force_login(users[Role.SAMORDNARE])
    url = reverse("strategy:plan_detail", args=[plan.pk])
    client.post(
        url,
        {
            "form": "measure",
            "title": "Väktarrond",
            "owner": org.pk,
            "goal": "G1",
            "start": "2026-01-01",
            "end": "2026-12-31",
        },
    )
    page = client.get(url).content.decode()
    assert "Väktarrond" in page and "försenad" in page
    with scope(municipality=koping):
        measure = plan.measures.get()
    detail = client.get(reverse("strategy:measure_detail", args=[measure.pk])).content.decode()
    assert "Ange område, jämförelseområde, kategori" in detail


def test_problem_picture_with_invalid_filter_is_refused(client, users, koping):
    client.force_login(users[Role.SAMORDNARE])
    # The page offers only saved filters; the service still refuses a bad one from elsewhere.
    page = client.post(
        reverse("strategy:problem_create"),
        {"title": "Klotter vid skolan", "report_query": "fran=2026-13-01"},
    ).content.decode()
    assert "Välj ett giltigt alternativ" in page
    with scope(municipality=koping), pytest.raises(ValidationError, match="är inte ett datum"):
        services.problem_save(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            title="Klotter vid skolan",
            report_query="fran=2026-13-01",
        )
    client.post(reverse("reports:filter_save"), {"name": "Skolan", "q": "skola"})
    response = client.post(
        reverse("strategy:problem_create"),
        {"title": "Klotter vid skolan", "report_query": "q=skola"},
    )
    assert response.status_code == 302
    assert "Filtret matchar inga rapporter" in client.get(response["Location"]).content.decode()


def test_owner_gets_a_reminder_when_follow_up_is_late(setup, koping, mailoutbox, settings):
    settings.SITE_URL = "https://trygg.koping.se"
    from trygg.strategy.tasks import send_follow_up_reminders

    viewer, org, _picture, plan = setup
    with scope(municipality=koping):
        org.email = "teknik@koping.example"
        org.save()
        measure = _measure(viewer, plan, org, start=date(2025, 1, 1))
    assert send_follow_up_reminders.call() == 1
    assert mailoutbox[0].to == ["teknik@koping.example"]
    assert mailoutbox[0].subject == "Trygg: 1 åtgärder väntar på uppföljning"
    link = f"https://trygg.koping.se/strategi/atgarder/{measure.pk}/"
    assert re.search(
        rf"  Belysning i tunneln \(skulle följas upp \d{{4}}-\d\d-\d\d\): {link}\n",
        (mailoutbox[0].body),
    )


def test_plan_is_sent_to_the_next_bra_meeting(client, setup, users, koping):
    from datetime import timedelta as td

    from django.utils import timezone

    from tests.helpers import make_forum
    from trygg.forums import services as forums
    from trygg.forums.models import AgendaItem

    viewer, _org, _picture, plan = setup
    client.force_login(users[Role.SAMORDNARE])
    back = reverse("strategy:plan_detail", args=[plan.pk])
    bra = make_forum(koping, "bra")
    detail = client.get(back).content.decode()
    assert f'<option value="{bra.pk}">Brottsförebyggande rådet (BRÅ)</option>' in detail
    data = {"forum": bra.pk, "title": "Åtgärdsplan: Åtgärdsplan", "link": back, "back": back}
    page = client.post(reverse("forums:agenda_send"), data, follow=True).content.decode()
    assert "har inget planerat möte" in page
    with scope(municipality=koping):
        meeting = forums.meeting_create(
            viewer=viewer, held_at=timezone.now() + td(days=7), forum=bra
        )
        titles = list(meeting.agenda.values_list("title", flat=True))
    assert not any(t.startswith("Lägesbild ") for t in titles)  # no operational picture for BRÅ
    page = client.post(reverse("forums:agenda_send"), data, follow=True).content.decode()
    assert "lagd på dagordningen för Brottsförebyggande rådet (BRÅ)" in page
    with scope(municipality=koping):
        item = AgendaItem.objects.get(meeting=meeting, title="Åtgärdsplan: Åtgärdsplan")
    assert item.link == back
