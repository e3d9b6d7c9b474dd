"""Grannsamverkan areas (issue 19, item 7): chosen, drawn or uploaded; ombud contacts read
only by the managers and audited; burglary and vandalism against the comparison area with
strategy's difference in differences; the outputs; and the daily gallring."""

import json
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tests.helpers import make_area, make_report, square, viewer_for
from trygg.core.models import AuditEvent, Role
from trygg.programmes.models import AreaMessage, Delivery, NeighbourhoodArea, Ombud
from trygg.programmes.outputs import outputs_for
from trygg.programmes.selectors.neighbourhood import area_trends
from trygg.programmes.services.neighbourhood import (
    neighbourhood_area_save,
    neighbourhood_retention,
    ombud_add,
)

from .neighbourhood_helpers import make_neighbourhood, make_programme, send

TZ = timezone.get_current_timezone()


def _save(koping, user, **fields):
    values = {"programme": make_programme(koping), "name": "Karlsdal"}
    values["started_on"] = date(2026, 3, 1)
    values.update(fields)
    with scope(municipality=koping):
        return neighbourhood_area_save(viewer=viewer_for(user, koping), **values)


def test_a_drawn_area_becomes_an_own_area_with_the_reports_already_in_it(koping, users):
    inside = make_report(koping, "inbrott", lat=59.6, lon=16.2)
    make_report(koping, "inbrott", lat=59.7, lon=16.4)  # outside
    area = _save(koping, users[Role.SAMORDNARE], drawn=square(16.2, 59.6, 0.005))
    with scopes_disabled():
        assert (area.area.kind, area.area.name) == ("egen", "Karlsdal")
        assert list(area.area.reports.values_list("pk", flat=True)) == [inside.pk]


def test_an_uploaded_geojson_file_is_the_other_way_to_give_the_area(koping, users):
    doc = {"type": "Feature", "properties": {"namn": "x"}, "geometry": square(16.2, 59.6)}
    area = _save(koping, users[Role.SAMORDNARE], upload=json.dumps(doc).encode())
    with scopes_disabled():
        assert area.area.geometry["type"] == "Polygon"


def test_an_existing_area_can_be_chosen_and_one_with_two_polygons_refused(koping, users):
    district = make_area(koping, "Norra staden")
    area = _save(koping, users[Role.SAMORDNARE], existing=district)
    assert area.area_id == district.pk
    two = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": square(16.2, 59.6)},
            {"type": "Feature", "properties": {}, "geometry": square(16.3, 59.6)},
        ],
    }
    with pytest.raises(ValidationError) as error:
        _save(koping, users[Role.SAMORDNARE], name="Två", upload=json.dumps(two).encode())
    assert error.value.message_dict["upload"] == [
        "Filen ska innehålla exakt ett område (en polygon)."
    ]


def test_an_area_without_geometry_is_refused(koping, users):
    with pytest.raises(ValidationError) as error:
        _save(koping, users[Role.SAMORDNARE])
    assert "Välj ett befintligt område" in error.value.message_dict["existing"][0]


def test_the_police_may_send_but_not_manage_areas(koping, users):
    with pytest.raises(Exception) as error:
        _save(koping, users[Role.POLIS], existing=make_area(koping, "Norra staden"))
    assert error.type.__name__ == "PermissionDenied"


def test_the_form_keeps_the_input_on_an_error(client, koping, users):
    make_programme(koping)
    client.force_login(users[Role.SAMORDNARE])
    response = client.post(
        reverse("programmes:neighbourhood_area_create"),
        {
            "name": "Karlsdal",
            "programme": make_programme(koping).pk,
            "started_on": "2026-03-01",
            "signs_up": "4",
            "households_in": "30",
            "households_out": "5",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Välj ett befintligt område" in page and 'value="Karlsdal"' in page


def test_ombud_contacts_are_read_by_managers_only_and_audited(client, koping, users):
    area = make_neighbourhood(koping)
    with scope(municipality=koping):
        ombud_add(
            viewer=viewer_for(users[Role.SAMORDNARE], koping),
            area=area,
            name="Demo Ombud",
            email="ombud@example.org",
            phone="070-123 45 67",
        )
        assert Ombud.objects.get().phone == "+46701234567"
    client.force_login(users[Role.SAMORDNARE])
    page = client.get(reverse("programmes:neighbourhood_area", args=[area.pk])).content.decode()
    assert "ombud@example.org" in page
    client.force_login(users[Role.POLIS])
    page = client.get(reverse("programmes:neighbourhood_area", args=[area.pk])).content.decode()
    assert "ombud@example.org" not in page and "Demo Ombud" not in page
    with scope(municipality=koping):
        viewed = AuditEvent.objects.filter(event="programmes.ombud_viewed")
        assert [(e.data["ombud"], e.actor_id) for e in viewed] == [(1, users[Role.SAMORDNARE].pk)]


def test_an_ombud_without_contact_or_with_a_bad_number_is_refused(koping, users):
    area = make_neighbourhood(koping)
    with scope(municipality=koping), pytest.raises(ValidationError) as error:
        ombud_add(
            viewer=viewer_for(users[Role.SAMORDNARE], koping), area=area, name="A", phone="123"
        )
    assert error.value.message_dict["phone"] == [
        "Skriv ett svenskt mobilnummer, till exempel 070-123 45 67."
    ]


def test_burglary_is_compared_with_the_comparison_area_by_difference_in_differences(koping, users):
    area = make_neighbourhood(koping, lon=16.2, lat=59.6)
    other = make_area(koping, "Jämförelse", lon=16.4, lat=59.7)
    with scopes_disabled():
        area.comparison_area = other
        area.save()
    start = area.started_on
    for days, lon, lat, n in (
        (-100, 16.2, 59.6, 10),
        (100, 16.2, 59.6, 4),
        (-100, 16.4, 59.7, 10),
        (100, 16.4, 59.7, 10),
    ):
        when = datetime.combine(start + timedelta(days=days), datetime.min.time(), TZ)
        for _ in range(n):
            report = make_report(koping, "inbrott", lat=lat, lon=lon, when=when)
            with scopes_disabled():
                report.areas.add(area.area if lon == 16.2 else other)
    with scope(municipality=koping):
        trends = area_trends(
            viewer=viewer_for(users[Role.POLIS], koping), area=area, today=date(2026, 12, 1)
        )
    burglary, vandalism = trends
    assert burglary.category == "Inbrott" and burglary.effect.counts == (10, 4, 10, 10)
    assert burglary.chart.rows[0][1] == "10 rapporter"
    assert vandalism.effect.counts == (0, 0, 0, 0)


def test_without_a_comparison_area_the_page_says_what_is_missing(client, koping, users):
    area = make_neighbourhood(koping)
    client.force_login(users[Role.POLIS])
    page = client.get(reverse("programmes:neighbourhood_area", args=[area.pk])).content.decode()
    assert "Ange jämförelseområde för åtgärden" in page


def test_the_outputs_count_areas_households_messages_and_recipients_reached(koping, users):
    areas = [
        make_neighbourhood(koping, "A", ombud=[("O1", "o1@example.org", "")]),
        make_neighbourhood(koping, "B", lon=16.1, ombud=[("O2", "o2@example.org", "")]),
    ]
    message = send(koping, users[Role.POLIS], areas)
    with scopes_disabled():
        Delivery.objects.filter(message=message).update(status="skickad")
    with scope(municipality=koping):
        outputs = outputs_for(areas[0].programme, date(2026, 1, 1), timezone.localdate())
    assert [(o.label, o.value) for o in outputs] == [
        ("Grannsamverkansområden", 2.0),
        ("Hushåll som är med", 80.0),
        ("Skickade områdesmeddelanden", 1.0),
        ("Nådda mottagare", 2.0),
    ]


def test_gallring_deletes_former_ombud_and_old_messages(koping, users):
    area = make_neighbourhood(
        koping, ombud=[("Kvar", "k@example.org", ""), ("Slutat", "s@example.org", "")]
    )
    message = send(koping, users[Role.POLIS], [area])
    with scopes_disabled():
        Ombud.objects.filter(name="Slutat").update(ended_on=date(2026, 1, 1))
        AreaMessage.objects.filter(pk=message.pk).update(
            created_at=timezone.now() - timedelta(days=731)
        )
    result = neighbourhood_retention(today=date(2026, 4, 2))
    with scopes_disabled():
        assert list(Ombud.objects.values_list("name", flat=True)) == ["Kvar"]
        assert AreaMessage.objects.count() == 0 and Delivery.objects.count() == 0
        assert NeighbourhoodArea.objects.count() == 1
    assert result == {"ombud": 1, "messages": 1}
