from django.urls import path  # noqa: F401

from .views import bank, dialogues, questions, surveys
from .views import coding as coding_views
from .views import follow_up as follow_up_views
from .views import results as results_views
from .views import samples as sample_views
from .views import sessions as session_views

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

# Interviews and focus groups, theme coding, themes and "ni sa – vi gör" (issue 17, 5–7).
urlpatterns += [
    path("<int:pk>/samtal/", session_views.sessions, name="sessions"),
    path("<int:pk>/samtal/nytt/", session_views.session_create, name="session_create"),
    path("<int:pk>/samtal/<int:session_pk>/", session_views.session_detail, name="session_detail"),
    path("<int:pk>/kodning/", coding_views.coding_questions, name="coding"),
    path(
        "<int:pk>/kodning/<int:question_pk>/",
        coding_views.coding_question,
        name="coding_question",
    ),
    path("<int:pk>/citat/<int:answer_pk>/", coding_views.answer_quote, name="answer_quote"),
    path("<int:pk>/teman/", follow_up_views.dialogue_themes, name="themes"),
    path("<int:pk>/ni-sa-vi-gor/", follow_up_views.dialogue_publish, name="publish"),
    path(
        "<int:pk>/ni-sa-vi-gor/avpublicera/",
        follow_up_views.dialogue_unpublish,
        name="unpublish",
    ),
]

# A survey's results and their exports (issue 17, item 4).
urlpatterns += [
    path("enkater/<int:pk>/resultat/", results_views.results, name="survey_results"),
    path(
        "enkater/<int:pk>/resultat/resultat.csv",
        results_views.results_download,
        {"fmt": "csv"},
        name="survey_results_csv",
    ),
    path(
        "enkater/<int:pk>/resultat/resultat.xlsx",
        results_views.results_download,
        {"fmt": "xlsx"},
        name="survey_results_xlsx",
    ),
    path(
        "enkater/<int:pk>/resultat/resultat.pdf",
        results_views.results_download,
        {"fmt": "pdf"},
        name="survey_results_pdf",
    ),
]
