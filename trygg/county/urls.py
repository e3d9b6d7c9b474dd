from django.urls import path

from .views import county, municipal

app_name = "county"

urlpatterns = [
    # The county user (Länsstyrelsen)
    path("", county.overview, name="overview"),
    path("kommun/<str:kommunkod>/", county.member, name="member"),
    path("lagen/", county.law, name="law"),
    path("atgarder/", county.measures, name="measures"),
    path("brannpunkter/", county.hotspots, name="hotspots"),
    path("brannpunkter/kor/", county.hotspots_start, name="hotspots_start"),
    path("rapport-till-bra/", county.bra, name="bra"),
    path("api/sammanstallning.json", county.api_overview, name="api_overview"),
    # The municipality publishing to its county
    path("publicera/", municipal.publications, name="publications"),
    path("publicera/<int:pk>/aterkalla/", municipal.withdraw, name="withdraw"),
    path("kategorier/", municipal.mapping, name="mapping"),
]
