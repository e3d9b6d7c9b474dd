from django.urls import reverse


def test_logged_out_root_is_the_municipality_public_page(client, koping):
    page = client.get("/").content.decode()
    assert "<h1>Trygghet i Köping</h1>" in page
    assert f'href="{reverse("core:login")}"' in page
    assert f'href="{reverse("public:accessibility")}"' in page


def test_logged_in_member_goes_to_workspace(client, users):
    from trygg.core.models import Role

    client.force_login(users[Role.POLIS])
    assert client.get("/")["Location"] == reverse("core:start")


def test_unknown_municipality_slug_is_404(client, koping):
    assert client.get(reverse("public:municipality", args=["finns-inte"])).status_code == 404


def test_without_default_municipality_visitor_chooses(client, koping, arboga, settings):
    settings.DEFAULT_MUNICIPALITY = "saknas"
    page = client.get("/").content.decode()
    assert "Välj kommun" in page and "Arboga" in page
