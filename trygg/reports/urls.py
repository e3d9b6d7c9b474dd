from django.urls import path, re_path

from . import export_views, imports_views, outbox_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("ny/", views.report_create, name="create"),
    path("ny/skicka.json", outbox_views.report_create_json, name="create_json"),
    path("karta/", views.report_map, name="map"),
    path("karta/data.json", views.report_map_data, name="map_data"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.report_export, name="export"),
    path("export/jobb/", export_views.export_job_start, name="export_job_start"),
    path("export/<int:pk>/", export_views.export_job_detail, name="export_job"),
    path("export/<int:pk>/status.json", export_views.export_job_status, name="export_job_status"),
    path("export/<int:pk>/fil/", export_views.export_job_download, name="export_job_download"),
    path("filter/spara/", views.saved_filter_create, name="filter_save"),
    path("filter/<int:pk>/ta-bort/", views.saved_filter_delete, name="filter_delete"),
    path("kategorier/", views.category_list, name="categories"),
    path("kategorier/<int:pk>/", views.category_edit, name="category_edit"),
    path("api-nycklar/", views.api_key_list, name="api_keys"),
    path("api-nycklar/<int:pk>/aterkalla/", views.api_key_revoke, name="api_key_revoke"),
    path("import/", imports_views.import_start, name="import"),
    path("import/<int:pk>/", imports_views.import_detail, name="import_detail"),
    path("import/<int:pk>/status.json", imports_views.import_status, name="import_status"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/tilldela/", views.report_assign, name="assign"),
    path("<int:pk>/kommentar/", views.report_comment, name="comment"),
    path("<int:pk>/svar/", views.report_reply, name="reply"),
    path("<int:pk>/dubblett/", views.report_duplicate, name="duplicate"),
    path("<int:pk>/foto/<int:photo_pk>/<str:size>/", views.report_photo, name="photo"),
]
