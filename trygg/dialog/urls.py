from django.urls import path  # noqa: F401

from .views import bank, dialogues, questions, surveys
from .views import samples as sample_views

app_name = "dialog"

urlpatterns: list = []

# Dialogues and the survey builder (issue 17, items 1 and 2).
urlpatterns += [
    path("", dialogues.dialogue_index, name="list"),
    path("ny/", dialogues.dialogue_edit, name="create"),
    path("<int:pk>/", dialogues.dialogue_detail, name="detail"),
    path("<int:pk>/andra/", dialogues.dialogue_edit, name="edit"),
    path("<int:pk>/enkater/ny/", surveys.survey_create, name="survey_create"),
    path("enkater/<int:pk>/", surveys.survey_detail, name="survey"),
    path("enkater/<int:pk>/andra/", surveys.survey_edit, name="survey_edit"),
    path("enkater/<int:pk>/publicera/", surveys.survey_publish, name="survey_publish"),
    path("enkater/<int:pk>/stang/", surveys.survey_close, name="survey_close"),
    path("enkater/<int:pk>/ta-bort/", surveys.survey_delete, name="survey_delete"),
    path("enkater/<int:pk>/forhandsvisning/", surveys.survey_preview, name="survey_preview"),
    path("enkater/<int:pk>/kanaler/", surveys.channel_add, name="channel_add"),
    path("enkater/<int:pk>/fragor/ny/", questions.question_create, name="question_create"),
    path("enkater/<int:pk>/bakgrundsfraga/", questions.background_add, name="background_add"),
    path("enkater/<int:pk>/fragebank/", questions.bank_add, name="bank_add"),
    path("enkater/<int:pk>/sektioner/ny/", questions.section_create, name="section_create"),
    path("fragor/<int:pk>/", questions.question_edit, name="question_edit"),
    path("fragor/<int:pk>/flytta/", questions.question_move, name="question_move"),
    path("fragor/<int:pk>/ta-bort/", questions.question_delete, name="question_delete"),
    path("sektioner/<int:pk>/", questions.section_edit, name="section_edit"),
    path("sektioner/<int:pk>/flytta/", questions.section_move, name="section_move"),
    path("sektioner/<int:pk>/ta-bort/", questions.section_delete, name="section_delete"),
    path("kanaler/<int:pk>/affisch/", surveys.channel_poster, name="channel_poster"),
    path("kanaler/<int:pk>/affisch.pdf", surveys.channel_poster_pdf, name="channel_poster_pdf"),
    path("fragebank/", bank.bank_list, name="bank"),
]

# The sample of a sampled survey (answering, item 3 of issue 17).
urlpatterns += [
    path("enkater/<int:pk>/urval/", sample_views.sample_page, name="sample"),
    path("enkater/<int:pk>/urval/ladda-upp/", sample_views.sample_upload, name="sample_upload"),
    path("enkater/<int:pk>/urval/koder.csv", sample_views.sample_codes, name="sample_codes"),
]
