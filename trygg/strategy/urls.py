from django.urls import path

from . import plan_views, views

app_name = "strategy"

urlpatterns = [
    path("medborgarloften/", views.promise_list, name="promises"),
    path("medborgarloften/nytt/", views.promise_edit, name="promise_create"),
    path("medborgarloften/<int:pk>/", views.promise_detail, name="promise_detail"),
    path("medborgarloften/<int:pk>/andra/", views.promise_edit, name="promise_edit"),
    path("medborgarloften/<int:pk>/publicera/", views.promise_publish, name="promise_publish"),
    path("statistik/", views.statistics, name="statistics"),
    path("uppfoljning/", views.annual_report, name="annual_report"),
    path("atgardsplaner/", plan_views.plan_list, name="plans"),
    path("atgardsplaner/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path("atgarder/<int:pk>/", plan_views.measure_detail, name="measure_detail"),
    path("problembilder/ny/", plan_views.problem_detail, name="problem_create"),
    path("problembilder/<int:pk>/", plan_views.problem_detail, name="problem_detail"),
    path("lagesbild/", views.picture_list, name="pictures"),
    path("lagesbild/<int:pk>/", views.picture_detail, name="picture_detail"),
    path("lagesbild/<int:pk>/redigera/", views.picture_edit, name="picture_edit"),
    path("lagesbild/<int:pk>/jamfor/", views.picture_diff, name="picture_diff"),
    path("fokusomraden/nytt/", views.focus_area_edit, name="focus_area_create"),
    path("fokusomraden/<int:pk>/", views.focus_area_edit, name="focus_area_edit"),
]
