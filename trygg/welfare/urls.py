from django.urls import path

from .views import analyses, cases, controls

app_name = "welfare"

urlpatterns = [
    path("", analyses.index, name="index"),
    path("analyser/", analyses.analysis_list, name="analyses"),
    path("analyser/ny/", analyses.analysis_create, name="analysis_create"),
    path("analyser/<int:pk>/", analyses.analysis_detail, name="analysis_detail"),
    path("analyser/<int:pk>/granskning/", analyses.analysis_review, name="analysis_review"),
    path(
        "analyser/<int:pk>/risker/<int:risk_pk>/status/",
        analyses.risk_status,
        name="risk_status",
    ),
    path("kontroller/", controls.control_list, name="controls"),
    path("kontroller/ny/", controls.control_create, name="control_create"),
    path("kontroller/<int:pk>/", controls.control_detail, name="control_detail"),
    path("arenden/", cases.case_list, name="cases"),
    path("arenden/export.csv", cases.case_export, name="case_export"),
    path("arenden/nytt/", cases.case_create, name="case_create"),
    path("arenden/<int:pk>/", cases.case_detail, name="case_detail"),
    path("arenden/<int:pk>/andra/", cases.case_edit, name="case_edit"),
]
