from django.urls import path

from .views import annual, pictures, plans, promises, statistics

app_name = "strategy"

urlpatterns = [
    path("medborgarloften/", promises.promise_list, name="promises"),
    path("medborgarloften/nytt/", promises.promise_edit, name="promise_create"),
    path("medborgarloften/<int:pk>/", promises.promise_detail, name="promise_detail"),
    path("medborgarloften/<int:pk>/andra/", promises.promise_edit, name="promise_edit"),
    path("medborgarloften/<int:pk>/publicera/", promises.promise_publish, name="promise_publish"),
    path("statistik/", statistics.statistics, name="statistics"),
    path("uppfoljning/", annual.annual_report, name="annual_report"),
    path("atgardsplaner/", plans.plan_list, name="plans"),
    path("atgardsplaner/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("atgarder/<int:pk>/", plans.measure_detail, name="measure_detail"),
    path("problembilder/ny/", plans.problem_detail, name="problem_create"),
    path("problembilder/<int:pk>/", plans.problem_detail, name="problem_detail"),
    path("lagesbild/", pictures.picture_list, name="pictures"),
    path("lagesbild/<int:pk>/", pictures.picture_detail, name="picture_detail"),
    path("lagesbild/<int:pk>/redigera/", pictures.picture_edit, name="picture_edit"),
    path("lagesbild/<int:pk>/jamfor/", pictures.picture_diff, name="picture_diff"),
    path("fokusomraden/nytt/", promises.focus_area_edit, name="focus_area_create"),
    path("fokusomraden/<int:pk>/", promises.focus_area_edit, name="focus_area_edit"),
]
