"""Every page, tried as a user without the grant (403), from another municipality (404 with
data there that could leak) and logged out (login). New URLs fail until they are listed."""

import pytest
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled

from tests.helpers import body_of, membership_of
from tests.shared_rows import fresh, shared_rows
from trygg.core.models import Role

# Pages that need no login (name, args → expected status for a visitor).
PUBLIC = {
    "healthz": 200,
    "public:home": 200,
    "public:accessibility": 200,
    "core:login": 200,
    "core:password_reset": 200,
    "core:password_reset_done": 200,
    "core:password_reset_complete": 200,
    # The installable app: the same for everyone, no municipality's data.
    "core:manifest": 200,
    "core:service_worker": 200,
    "core:offline": 200,
    "core:session_json": 200,
}

# name, object key (from the municipality's objects) or a literal argument, the role with the
# grant, a role without it (None: every role has it). POST-only pages are tried with POST.
PAGES = [
    ("core:start", None, Role.RADSLEDAMOT, None),
    ("core:organisation_list", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:organisation_create", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:organisation_edit", "organisation", Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:membership_list", None, Role.ADMINISTRATOR, Role.ANALYTIKER),
    ("core:membership_revoke", "membership", Role.ADMINISTRATOR, Role.POLIS),
    ("core:municipality_edit", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("core:audit_list", None, Role.ADMINISTRATOR, Role.ANALYTIKER),
    ("geo:area_list", None, Role.RAPPORTOR, None),
    ("geo:area_detail", "area", Role.RAPPORTOR, None),
    ("geo:area_import", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("geo:area_delete", "area", Role.SAMORDNARE, Role.POLIS),
    ("geo:basemap_settings", None, Role.ADMINISTRATOR, Role.ANALYTIKER),
    ("geo:place_search", None, Role.RAPPORTOR, Role.RADSLEDAMOT),
    ("geo:address_register", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("geo:address_job", "address_job", Role.ADMINISTRATOR, Role.POLIS),
    ("geo:address_job_status", "address_job", Role.SAMORDNARE, Role.RAPPORTOR),
    ("walks:list", None, Role.RAPPORTOR, None),
    ("walks:plan", None, Role.SAMORDNARE, Role.RAPPORTOR),
    ("walks:detail", "walk", Role.RAPPORTOR, None),
    ("walks:edit", "walk", Role.SAMORDNARE, Role.RAPPORTOR),
    ("walks:join_revoke", "walk", Role.SAMORDNARE, Role.RAPPORTOR),
    ("walks:join_renew", "walk", Role.SAMORDNARE, Role.POLIS),
    ("walks:join_expiry", "walk", Role.SAMORDNARE, Role.ANALYTIKER),
    ("walks:templates", None, Role.ADMINISTRATOR, Role.ANALYTIKER),
    ("walks:template_create", None, Role.SAMORDNARE, Role.RAPPORTOR),
    ("walks:template_edit", "checklist_template", Role.ADMINISTRATOR, Role.POLIS),
    ("walks:item_move", "checklist_item", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("walks:item_remove", "checklist_item", Role.ADMINISTRATOR, Role.RAPPORTOR),
    ("reports:list", None, Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("reports:create", None, Role.RAPPORTOR, Role.RADSLEDAMOT),
    ("reports:map", None, Role.POLIS, Role.RADSLEDAMOT),
    ("reports:map_data", None, Role.POLIS, Role.RADSLEDAMOT),
    ("reports:export", "=csv", Role.ANALYTIKER, Role.RAPPORTOR),
    ("reports:export_job_start", None, Role.ANALYTIKER, Role.RAPPORTOR),
    ("reports:export_job", "export_job", Role.SAMORDNARE, Role.RAPPORTOR),
    ("reports:export_job_status", "export_job", Role.ANALYTIKER, Role.POLIS),
    ("reports:export_job_download", "export_job", Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("reports:categories", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("reports:category_edit", "category", Role.SAMORDNARE, Role.POLIS),
    ("reports:api_keys", None, Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("reports:api_key_revoke", "api_key", Role.ADMINISTRATOR, Role.SAMORDNARE),
    ("reports:import", None, Role.ANALYTIKER, Role.RAPPORTOR),
    ("reports:import_detail", "import_job", Role.ANALYTIKER, Role.POLIS),
    ("reports:import_status", "import_job", Role.ANALYTIKER, Role.POLIS),
    ("reports:detail", "report", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("reports:status", "report", Role.SAMORDNARE, Role.POLIS),
    ("reports:assign", "report", Role.SAMORDNARE, Role.ANALYTIKER),
    ("reports:comment", "report", Role.POLIS, Role.ADMINISTRATOR),
    ("reports:reply", "report", Role.ANALYTIKER, Role.POLIS),
    ("reports:duplicate", "report", Role.ANALYTIKER, Role.RAPPORTOR),
    ("reports:photo", "photo", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("reports:filter_save", None, Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("reports:filter_delete", "saved_filter", Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("lagesbild:picture", None, Role.ANALYTIKER, Role.RAPPORTOR),
    ("lagesbild:picture_document", "=pdf", Role.POLIS, Role.RADSLEDAMOT),
    ("lagesbild:document_job", "document_job", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("lagesbild:document_job_download", "document_job", Role.POLIS, Role.RAPPORTOR),
    ("lagesbild:document_job_status", "document_job", Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("forums:list", None, Role.RAPPORTOR, None),
    ("forums:detail", "forum", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("forums:members", "forum", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("forums:meeting_create", "forum", Role.SAMORDNARE, Role.ANALYTIKER),
    ("forums:calendar", "forum", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("forums:meeting_detail", "meeting", Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("forums:meeting_mode", "meeting", Role.SAMORDNARE, Role.ANALYTIKER),
    ("forums:meeting_mode_item", "meeting:1", Role.SAMORDNARE, Role.POLIS),
    ("forums:minutes_document", "meeting:pdf", Role.SAMORDNARE, Role.RAPPORTOR),
    ("forums:decision_follow_up", "decision", Role.SAMORDNARE, Role.POLIS),
    ("forums:action_done", "action_item", Role.SAMORDNARE, Role.ANALYTIKER),
    ("lagesbild:police_list", None, Role.POLIS, Role.RAPPORTOR),
    ("lagesbild:police_create", None, Role.POLIS, Role.SAMORDNARE),
    ("lagesbild:police_edit", "police_input", Role.POLIS, Role.SAMORDNARE),
    ("strategy:promises", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:statistics", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:pictures", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:plans", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:annual_report", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:plan_detail", "plan", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:measure_detail", "measure", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:problem_create", None, Role.SAMORDNARE, Role.RAPPORTOR),
    ("strategy:problem_detail", "problem", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:picture_detail", "strategic_picture", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:picture_edit", "strategic_picture", Role.ANALYTIKER, Role.POLIS),
    ("strategy:promise_create", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("strategy:promise_detail", "promise", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("strategy:promise_edit", "promise", Role.SAMORDNARE, Role.POLIS),
    ("strategy:promise_publish", "promise", Role.SAMORDNARE, Role.ANALYTIKER),
    ("strategy:focus_area_create", None, Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("strategy:focus_area_edit", "focus_area", Role.SAMORDNARE, Role.ADMINISTRATOR),
    # Dialogues and the survey builder (issue 17, items 1–2).
    ("dialog:list", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("dialog:create", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:detail", "dialogue", Role.POLIS, Role.RAPPORTOR),
    ("dialog:edit", "dialogue", Role.SAMORDNARE, Role.ADMINISTRATOR),
    ("dialog:survey_create", "dialogue", Role.SAMORDNARE, Role.POLIS),
    ("dialog:survey", "survey", Role.ANALYTIKER, Role.RAPPORTOR),
    ("dialog:survey_edit", "survey", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:survey_preview", "survey", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("dialog:survey_publish", "survey", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:survey_close", "survey", Role.SAMORDNARE, Role.POLIS),
    ("dialog:survey_delete", "survey", Role.SAMORDNARE, Role.ADMINISTRATOR),
    ("dialog:channel_add", "survey", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:question_create", "survey", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("dialog:background_add", "survey", Role.SAMORDNARE, Role.POLIS),
    ("dialog:bank_add", "survey", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:section_create", "survey", Role.SAMORDNARE, Role.RAPPORTOR),
    ("dialog:question_edit", "dialog_question", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:question_move", "dialog_question", Role.SAMORDNARE, Role.POLIS),
    ("dialog:question_delete", "dialog_question", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:section_edit", "dialog_section", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("dialog:section_move", "dialog_section", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:section_delete", "dialog_section", Role.SAMORDNARE, Role.POLIS),
    ("dialog:channel_poster", "channel", Role.POLIS, Role.RAPPORTOR),
    ("dialog:channel_poster_pdf", "channel", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("dialog:bank", None, Role.ANALYTIKER, Role.RAPPORTOR),
    ("dialog:sample", "sampled_survey", Role.SAMORDNARE, Role.ANALYTIKER),
    ("walks:field", "field_walk", Role.RAPPORTOR, Role.RADSLEDAMOT),
    ("walks:review", "field_walk", Role.SAMORDNARE, None),
    ("dialog:sessions", "fu_dialogue", Role.SAMORDNARE, Role.POLIS),
    ("dialog:session_create", "fu_dialogue", Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("dialog:session_detail", "fu_dialogue+fu_session", Role.SAMORDNARE, Role.POLIS),
    ("dialog:coding", "fu_dialogue", Role.ANALYTIKER, Role.POLIS),
    ("dialog:coding_question", "fu_dialogue+fu_question", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("dialog:answer_quote", "fu_dialogue+fu_answer", Role.ANALYTIKER, Role.ADMINISTRATOR),
    ("dialog:themes", "fu_dialogue", Role.POLIS, Role.ADMINISTRATOR),
    ("dialog:publish", "fu_dialogue", Role.SAMORDNARE, Role.ANALYTIKER),
    ("dialog:unpublish", "fu_dialogue", Role.SAMORDNARE, Role.POLIS),
    ("dialog:survey_results", "results_survey", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("dialog:survey_results_csv", "results_survey", Role.ANALYTIKER, Role.POLIS),
    ("dialog:survey_results_xlsx", "results_survey", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("dialog:survey_results_pdf", "results_survey", Role.ANALYTIKER, Role.RADSLEDAMOT),
    ("programmes:list", None, Role.RAPPORTOR, None),
    ("programmes:create", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("programmes:detail", "programme", Role.RADSLEDAMOT, None),
    ("programmes:edit", "programme", Role.SAMORDNARE, Role.POLIS),
    ("programmes:partner_add", "programme", Role.SAMORDNARE, Role.ADMINISTRATOR),
    ("programmes:partner_remove", "programme+programme_partner", Role.SAMORDNARE, Role.POLIS),
    ("programmes:indicator_add", "programme", Role.SAMORDNARE, Role.RAPPORTOR),
    (
        "programmes:indicator_remove",
        "programme+programme_indicator",
        Role.SAMORDNARE,
        Role.ANALYTIKER,
    ),
    ("programmes:youth_list", None, Role.RADSLEDAMOT, None),
    ("programmes:youth_create", None, Role.SAMORDNARE, Role.RAPPORTOR),
    ("programmes:youth_supply", None, Role.ANALYTIKER, None),
    ("programmes:youth_detail", "youth_activity", Role.RAPPORTOR, None),
    ("programmes:youth_edit", "youth_activity", Role.SAMORDNARE, Role.RAPPORTOR),
    ("programmes:parents_list", None, Role.POLIS, None),
    ("programmes:parents_offer_create", None, Role.SAMORDNARE, Role.ANALYTIKER),
    ("programmes:parents_event_create", None, Role.SAMORDNARE, Role.RAPPORTOR),
    ("programmes:parents_event_edit", "parent_event", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("programmes:nightwalk_groups", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("programmes:nightwalk_group", "nightwalk_group", Role.POLIS, Role.RAPPORTOR),
    ("programmes:nightwalk_link_revoke", "nightwalk_group", Role.SAMORDNARE, Role.ANALYTIKER),
    ("programmes:nightwalk_link_renew", "nightwalk_group", Role.SAMORDNARE, Role.POLIS),
    (
        "programmes:nightwalk_observation_report",
        "nightwalk_observation",
        Role.SAMORDNARE,
        Role.RADSLEDAMOT,
    ),
    ("programmes:nightwalk_compensation", None, Role.SAMORDNARE, Role.ADMINISTRATOR),
    ("programmes:nightwalk_map", None, Role.ANALYTIKER, Role.RAPPORTOR),
    ("programmes:support", None, Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("programmes:support_agreement_new", None, Role.SAMORDNARE, Role.POLIS),
    ("programmes:support_agreement", "support_agreement", Role.ANALYTIKER, Role.RAPPORTOR),
    ("programmes:support_report_file", "support_report", Role.SAMORDNARE, Role.POLIS),
    ("programmes:support_report_review", "support_report", Role.SAMORDNARE, Role.RADSLEDAMOT),
    ("programmes:support_cooperation", "support_cooperation", Role.RADSLEDAMOT, Role.RAPPORTOR),
    ("programmes:support_quarter_new", "support_cooperation", Role.POLIS, Role.ANALYTIKER),
    ("programmes:support_forum_link", "support_cooperation", Role.SAMORDNARE, Role.POLIS),
    ("programmes:support_routine_reviewed", "support_routine", Role.SAMORDNARE, Role.ANALYTIKER),
    ("programmes:neighbourhood_list", None, Role.POLIS, Role.ANALYTIKER),
    ("programmes:neighbourhood_area_create", None, Role.SAMORDNARE, Role.POLIS),
    ("programmes:neighbourhood_area", "neighbourhood_area", Role.POLIS, Role.RAPPORTOR),
    ("programmes:neighbourhood_area_edit", "neighbourhood_area", Role.SAMORDNARE, Role.POLIS),
    ("programmes:neighbourhood_ombud_end", "ombud", Role.SAMORDNARE, Role.POLIS),
    ("programmes:neighbourhood_message_create", None, Role.POLIS, Role.RADSLEDAMOT),
    ("programmes:neighbourhood_message", "area_message", Role.SAMORDNARE, Role.ANALYTIKER),
    ("programmes:neighbourhood_message_status", "area_message", Role.POLIS, Role.RAPPORTOR),
    ("programmes:neighbourhood_message_retry", "area_message", Role.POLIS, Role.ADMINISTRATOR),
    # What a municipality publishes to its county (issue 21).
    ("county:publications", None, Role.ANALYTIKER, Role.RAPPORTOR),
    ("county:withdraw", "snapshot", Role.SAMORDNARE, Role.ANALYTIKER),
    ("county:mapping", None, Role.ADMINISTRATOR, Role.POLIS),
]
# The welfare-crime register (issue 20): only the välfärdsbrottshandläggare reaches it, and
# every other role gets 404, not 403, so the pages' existence is not disclosed. The keys are
# as in PAGES; POST pages carry the data of a valid submission.
WELFARE_PAGES = [
    ("welfare:index", None),
    ("welfare:analyses", None),
    ("welfare:analysis_create", None),
    ("welfare:analysis_detail", "welfare_analysis"),
    ("welfare:analysis_review", "welfare_analysis"),
    ("welfare:risk_status", "welfare_analysis+welfare_risk"),
    ("welfare:controls", None),
    ("welfare:control_create", None),
    ("welfare:control_detail", "welfare_control"),
    ("welfare:cases", None),
    ("welfare:case_export", None),
    ("welfare:case_create", None),
    ("welfare:case_detail", "welfare_case"),
    ("welfare:case_edit", "welfare_case"),
]
WELFARE_POST = {
    "welfare:analysis_review": {"granskning-reviewed_on": "2027-01-01"},
    "welfare:risk_status": {"status": "pagar"},
}
NOT_WELFARE_ROLES = [
    Role.ADMINISTRATOR,
    Role.SAMORDNARE,
    Role.ANALYTIKER,
    Role.RAPPORTOR,
    Role.POLIS,
    Role.RADSLEDAMOT,
]

POST_ONLY = {
    "core:membership_revoke",
    "programmes:neighbourhood_ombud_end",
    "programmes:neighbourhood_message_retry",
    "reports:status",
    "reports:assign",
    "reports:comment",
    "reports:reply",
    "reports:duplicate",
    "reports:filter_save",
    "reports:export_job_start",
    "reports:filter_delete",
    "reports:api_key_revoke",
    "forums:decision_follow_up",
    "forums:action_done",
    "strategy:promise_publish",
    "dialog:survey_publish",
    "dialog:survey_close",
    "dialog:survey_delete",
    "dialog:channel_add",
    "dialog:background_add",
    "dialog:bank_add",
    "dialog:question_move",
    "dialog:question_delete",
    "dialog:section_move",
    "dialog:section_delete",
    "walks:join_revoke",
    "walks:join_renew",
    "walks:join_expiry",
    "walks:item_move",
    "walks:item_remove",
    "dialog:answer_quote",
    "dialog:unpublish",
    "programmes:partner_remove",
    "programmes:indicator_remove",
    "programmes:youth_session",
    "programmes:nightwalk_link_revoke",
    "programmes:nightwalk_link_renew",
    "programmes:nightwalk_observation_report",
    "programmes:support_forum_link",
    "programmes:support_routine_reviewed",
    "county:withdraw",
}
QUERIES = {"reports:map_data": "?bbox=15.8,59.4,16.2,59.6&zoom=13"}

# Pages outside this table on purpose, with the reason.
NOT_TENANT_PAGES = {
    "programmes:nightwalk_link": "a night-walk group's secret link is the key (no account); "
    "programmes/tests/test_nightwalk_log tries a revoked and a renewed link",
    "programmes:nightwalk_log": "the group's secret link; programmes/tests/test_nightwalk_log",
    "programmes:nightwalk_log_json": "the group's link endpoint; "
    "programmes/tests/test_nightwalk_log",
    "programmes:nightwalk_evening_plan": "POST with the evening's fields (a bad one re-renders "
    "the page, 400); programmes/tests/test_nightwalk_programme tries it by role, tenant, login",
    "programmes:support_indicator_add": "POST with the activity's fields (a bad one re-renders "
    "the page, 400); programmes/tests/test_support tries it by role, tenant and login",
    "programmes:support_report_upload": "POST with a file (400 without); "
    "programmes/tests/test_support",
    "programmes:support_routine_add": "POST with the routine's fields (400 without); "
    "programmes/tests/test_support",
    "programmes:neighbourhood_message_public": "the message's token is the key (ombud have no "
    "login); programmes/tests/test_neighbourhood_messages",
    "walks:field_link": "the join link's token is the key (no account); walks/tests/"
    "test_field_endpoint tries a wrong, expired and revoked link",
    "walks:field_link_json": "the join link's endpoint; walks/tests/test_field_endpoint",
    "walks:field_json": "POST only, JSON (401 signed out, 403 by role, 404 another municipality's "
    "walk); walks/tests/test_field_endpoint",
    "walks:review_decide": "POST only, a walk and an observation; walks/tests/test_field_review",
    "walks:photo": "a walk and a photo; 404 unreviewed for others, walks/tests/test_field_review",
    "walks:photo_public": "POST only, a walk and a photo; walks/tests/test_field_review",
    "reports:create_json": "POST only, takes no object: stores into the viewer's own municipality "
    "like reports:create; tested in reports/tests/test_outbox_endpoint",
    "core:logout": "POST only; ends the session",
    "core:password_reset_confirm": "token link from e-mail",
    "core:switch_municipality": "POST only; tested in test_login",
    "core:otp_overview": "the user's own account, not municipality data",
    "core:otp_setup": "the user's own account",
    "core:otp_verify": "the user's own account",
    "core:otp_remove": "the user's own device; tested in test_twofactor",
    "public:municipality": "public by design; takes a slug",
    "geo:basemap_tiles": "public map data by municipality and hash; tested in test_basemap_tiles",
    "public:report": "public citizen form; tested in reports/tests/test_citizen_report",
    "public:report_thanks": "public",
    "public:place_search": "public place names, rate-limited; tested in reports/tests/test_places",
    "public:report_lookup": "public",
    "public:report_status": "public by tracking code; tested in test_citizen_report",
    "public:report_reopen": "by tracking code, POST only; public/tests/test_reopen",
    "public:unsubscribe": "signed token from the status mail; public/tests/test_status_mail",
    "open311:discovery": "public Open311; tested in reports/tests/test_open311",
    "open311:services": "public Open311",
    "open311:service": "public Open311",
    "open311:requests": "public Open311",
    "open311:request": "public Open311",
    "open311:challenge": "public proof-of-work challenge; tested in test_citizen_intake",
    "public:promise": "public by design; tested in strategy/tests/test_promises",
    "public:promise_year": "public by design",
    "public:promise_feed": "public Atom feed",
    "public:dialogues": "public by design; tested in dialog/tests/test_follow_up_publishing",
    "public:dialogue": "public, published only; dialog/tests/test_follow_up_publishing",
    "strategy:picture_diff": "needs two version numbers; tested in test_strategic_picture",
    "forums:agenda_send": "POST only, finds the forum's meeting itself; tested in test_plans",
    "forums:member_end": "POST only, two ids; tested in forums/tests/test_members",
    "forums:feed": "secret address, no session; tested in forums/tests/test_calendar_feed",
    "lagesbild:meetings": "301 to forums; tested in forums/tests/test_old_addresses",
    "lagesbild:meeting_create": "301 to forums",
    "lagesbild:meeting_detail": "301 to forums",
    "lagesbild:minutes_document": "301 to forums",
    "lagesbild:decision_follow_up": "308 to forums",
    "lagesbild:action_done": "308 to forums",
    "lagesbild:agenda_send": "308 to forums",
    "public:survey": "public by its survey's token; tested in public/tests/test_survey_page",
    "public:survey_thanks": "public by token; tested in public/tests/test_survey_page",
    "dialog:sample_upload": "POST only, answers 400 without a file; isolation and grant in "
    "dialog/tests/test_samples",
    "dialog:sample_codes": "POST only, answers a CSV file; tested in dialog/tests/test_samples",
    # Issue 18, items 4–6: a walk and its findings; the same three checks (403, 404, login)
    # as a table in walks/tests/test_findings_pages.py.
    "walks:findings": "walks/tests/test_findings_pages",
    "walks:finding_measure": "walks/tests/test_findings_pages",
    "walks:finding_report": "walks/tests/test_findings_pages",
    "walks:finding_ask": "walks/tests/test_findings_pages",
    "walks:meeting_create": "walks/tests/test_findings_pages",
    "walks:publish": "walks/tests/test_findings_pages",
    "walks:followup_photo": "walks/tests/test_findings_pages",
    "walks:protocol": "walks/tests/test_findings_pages",
    "walks:rewalk": "walks/tests/test_findings_pages",
    "walks:comparison": "walks/tests/test_findings_pages",
    "walks:owner_answer": "secret link from e-mail, no session; walks/tests/test_findings_owner",
    "walks:owner_photo": "secret link from e-mail; walks/tests/test_findings_owner",
    "public:walk": "public once published; walks/tests/test_protocol_documents",
    "public:walk_pdf": "public once published; walks/tests/test_protocol_documents",
    "public:walk_photo": "approved photos of a published walk; test_protocol_documents",
    "programmes:youth_session": "POST only, answers 400 to an empty form; grant, 404 and login "
    "in programmes/tests/test_youth_sessions",
    "public:activities": "public by design; takes a slug; programmes/tests/test_youth_public",
    "public:parents": "public by design; takes a slug; programmes/tests/test_parents_calendar",
    "public:parents_ical": "public iCal feed by slug; programmes/tests/test_parents_calendar",
    # Issue 21: the county user's pages answer only a county membership (403 otherwise, 404
    # for a municipality outside the county); county/tests/test_county_pages crawls them all.
    "county:overview": "county pages; county/tests/test_county_pages",
    "county:member": "county pages; county/tests/test_county_pages",
    "county:law": "county pages; county/tests/test_county_pages",
    "county:measures": "county pages; county/tests/test_county_pages",
    "county:hotspots": "county pages; county/tests/test_county_pages",
    "county:hotspots_start": "POST only, county pages; county/tests/test_county_pages",
    "county:bra": "county pages; county/tests/test_county_pages",
    "county:api_overview": "county API; county/tests/test_county_pages",
}


def _all_url_names():
    names = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                ns = f"{p.namespace}:" if p.namespace else prefix
                if p.namespace == "admin":
                    continue
                walk(p.url_patterns, ns)
            elif p.name:
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_is_in_a_table():
    # The API authenticates by key, not session: its isolation is in reports/tests/test_api.
    listed = set(PUBLIC) | {p[0] for p in PAGES} | set(NOT_TENANT_PAGES)
    listed |= {name for name, _ in WELFARE_PAGES}
    unlisted = sorted(n for n in _all_url_names() if n not in listed and not n.startswith("api:"))
    assert unlisted == []


def _objects(municipality, organisation, member):
    """One object of every kind in a municipality, for the URLs that take one."""
    from django.core.files.base import ContentFile

    from tests.helpers import make_area, make_report
    from trygg.reports.models import ApiKey, Category, ImportJob, Photo, SavedFilter

    report = make_report(
        municipality,
        organisation=organisation,
        lat=None,
        lon=None,
        place_name="Torget",
        description="Hemlig text i " + municipality.name,
        description_redacted="Hemlig text i " + municipality.name,
    )
    with scopes_disabled():
        photo = Photo(municipality=municipality, report=report)
        photo.image.save("p.jpg", ContentFile(_tiny_jpeg()), save=False)
        photo.save()
        return {
            "organisation": organisation,
            "membership": member.memberships.model.objects.get(user=member),
            "area": make_area(municipality, f"Område i {municipality.name}"),
            "report": report,
            "photo": photo,
            "category": Category.objects.filter(municipality=municipality).first(),
            "api_key": ApiKey.objects.create(
                municipality=municipality,
                organisation=organisation,
                name="Nyckel",
                prefix=f"p{municipality.pk}",
                key_hash=f"h{municipality.pk}",
            ),
            "import_job": ImportJob.objects.create(
                municipality=municipality,
                kind="polisen",
                filename="x.json",
                file="x.json",
                status="klar",
            ),
            "saved_filter": SavedFilter.objects.create(
                municipality=municipality, user=member, name="Mitt filter", query="q=x"
            ),
            "document_job": _document_job(municipality, member),
            "export_job": _export_job(municipality, member),
            "address_job": _address_job(municipality),
            **_dialog_build_objects(municipality),
            "sampled_survey": _sampled_survey(municipality),
            **_lagesbild_objects(municipality, organisation),
            "field_walk": _field_walk(municipality, member),
            **_walk_objects(municipality, member),
            **_dialog_follow_up_objects(municipality),
            **_results_objects(municipality),
            **_programme_objects(municipality, organisation),
            **_youth_objects(municipality),
            **_nightwalk_objects(municipality, organisation),
            **_support_objects(municipality, organisation),
            **_neighbourhood_objects(municipality),
            **_welfare_objects(municipality),
            "snapshot": _county_snapshot(municipality),
        }


def _programme_objects(municipality, organisation):
    from datetime import date

    from trygg.programmes.models import Partner, Programme, ProgrammeIndicator

    programme = Programme.objects.create(
        municipality=municipality,
        kind="nattvandring",
        goal="G5",
        name="Hemlig text i " + municipality.name,
        owner=organisation,
        start=date(2026, 1, 1),
        problem="Hemlig text i " + municipality.name,
    )
    partner = Partner.objects.create(
        municipality=municipality, programme=programme, organisation=organisation
    )
    indicator = ProgrammeIndicator.objects.create(
        municipality=municipality, programme=programme, level="prestation", name="Vandringar"
    )
    return {
        "programme": programme,
        "programme_partner": partner,
        "programme_indicator": indicator,
    }


def _youth_objects(municipality):
    from trygg.programmes.tests.youth_helpers import make_activity, make_event

    return {
        "youth_activity": make_activity(municipality, "Hemlig text i " + municipality.name),
        "parent_event": make_event(municipality, "Hemlig text i " + municipality.name),
    }


def _nightwalk_objects(municipality, organisation):
    import uuid
    from datetime import date

    from tests.helpers import category
    from trygg.programmes.models import NightWalkLog
    from trygg.programmes.tests.nightwalk_helpers import make_group

    group = make_group(municipality, organisation, name="Hemlig text i " + municipality.name)
    log = NightWalkLog.objects.create(
        municipality=municipality,
        group=group,
        client_uuid=uuid.uuid4(),
        walked_on=date(2026, 11, 20),
        walkers=2,
        route_text="Hemlig text i " + municipality.name,
    )
    observation = log.observations.create(
        municipality=municipality,
        category=category(municipality, "klotter"),
        text="Hemlig text i " + municipality.name,
        place_text="Torget",
    )
    return {"nightwalk_group": group, "nightwalk_observation": observation}


def _support_objects(municipality, organisation):
    from datetime import date

    from django.core.files.base import ContentFile

    from trygg.programmes.models import AnnualReport, CooperationRoutine, ProgrammeKind
    from trygg.programmes.tests.support_helpers import PDF, make_agreement, make_programme

    agreement = make_agreement(municipality, organisation)
    report = AnnualReport(
        municipality=municipality, agreement=agreement, year=2025, content_type="application/pdf"
    )
    report.file.save("r", ContentFile(PDF), save=False)
    report.save()
    cooperation = make_programme(municipality, organisation, ProgrammeKind.SSPF)
    routine = CooperationRoutine.objects.create(
        municipality=municipality,
        programme=cooperation,
        title="Hemlig text i " + municipality.name,
        agreed_on=date(2026, 1, 1),
        review_by=date(2026, 6, 1),
    )
    return {
        "support_agreement": agreement,
        "support_report": report,
        "support_cooperation": cooperation,
        "support_routine": routine,
    }


def _welfare_objects(municipality):
    from datetime import date

    from trygg.welfare.models import Analysis, Case, Control, Risk

    analysis = Analysis.objects.create(
        municipality=municipality,
        regelverk="assistans",
        owner="Hemlig text i " + municipality.name,
        reviewed_on=date(2026, 1, 1),
    )
    return {
        "welfare_analysis": analysis,
        "welfare_risk": Risk.objects.create(
            municipality=municipality,
            analysis=analysis,
            description="Hemlig text i " + municipality.name,
            exploitation="Fakturering",
            likelihood=2,
            consequence=3,
            owner="Chef",
        ),
        "welfare_control": Control.objects.create(
            municipality=municipality,
            name="Hemlig text i " + municipality.name,
            regelverk="assistans",
            performer="Controller",
            starts_on=date(2026, 1, 1),
        ),
        "welfare_case": Case.objects.create(
            municipality=municipality,
            reference=f"VB-{municipality.kommunkod}",
            regelverk="assistans",
            kind="ej_utford",
            detection="tips",
            detected_on=date(2026, 2, 1),
            summary="Hemlig text i " + municipality.name,
        ),
    }


def _county_snapshot(municipality):
    """A snapshot published to the county, stored directly (the service needs a viewer)."""
    from datetime import date

    from trygg.county.models import County, Snapshot

    county, _ = County.objects.get_or_create(
        code=municipality.county_code, defaults={"name": "Länet"}
    )
    return Snapshot.objects.create(
        municipality=municipality,
        county=county,
        period_start=date(2025, 1, 1),
        period_end=date(2026, 1, 1),
    )


def _sampled_survey(municipality):
    from trygg.dialog.models import Survey
    from trygg.dialog.tests.answering_helpers import make_survey

    return make_survey(
        municipality, mode=Survey.Mode.SAMPLED, title="Hemlig enkät " + municipality.name
    )


def _field_walk(municipality, member):
    from trygg.walks.tests.field_helpers import make_walk

    walk = make_walk(municipality, member, title="Hemlig text i " + municipality.name)
    walk.observations.create(
        municipality=municipality,
        text="Hemlig text i " + municipality.name,
        recorded_at=walk.created_at,
    )
    return walk


def _walk_objects(municipality, member):
    from datetime import date

    from trygg.geo.models import Area
    from trygg.walks.models import ChecklistItem, ChecklistTemplate, Walk

    template = ChecklistTemplate.objects.create(
        municipality=municipality, name="Lista i " + municipality.name, scale_labels=list("ABCD")
    )
    item = ChecklistItem.objects.create(
        municipality=municipality, template=template, code="ljus", label="Belysning"
    )
    walk = Walk.objects.create(
        municipality=municipality,
        title="Hemlig text i " + municipality.name,
        area=Area.objects.filter(municipality=municipality).first(),
        walk_on=date(2027, 3, 10),
        template=template,
        leader=member,
    )
    return {"walk": walk, "checklist_template": template, "checklist_item": item}


def _dialog_follow_up_objects(municipality):
    from trygg.dialog.tests.follow_up_helpers import (
        make_answers,
        make_dialogue,
        make_session,
        make_survey,
    )

    dialogue = make_dialogue(municipality, title="Hemlig text i " + municipality.name)
    survey = make_survey(dialogue)
    [answer] = make_answers(survey, ["Hemlig text i " + municipality.name])
    return {
        "fu_dialogue": dialogue,
        "fu_session": make_session(dialogue, title="Hemlig text i " + municipality.name),
        "fu_question": answer.question,
        "fu_answer": answer,
    }


def _results_objects(municipality):
    """A survey with answers, whose results page must not open from another municipality."""
    from trygg.dialog.tests.results_helpers import add_answers, make_survey

    survey = make_survey(municipality)
    add_answers(survey, [("", "kvinna", "", {"q0": "1"})] * 6)
    return {"results_survey": survey}


def _address_job(municipality):
    from trygg.geo.models import AddressImportJob

    return AddressImportJob.objects.create(
        municipality=municipality,
        filename="adresser.csv",
        status="misslyckad",
        message="Hemlig text i " + municipality.name,
    )


def _document_job(municipality, member):
    from datetime import date

    from django.core.files.base import ContentFile

    from trygg.lagesbild.models import DocumentJob

    job = DocumentJob(
        municipality=municipality,
        created_by=member,
        fmt="pdf",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        status="klar",
        filename="lagesbild.pdf",
    )
    job.file.save("lagesbild.pdf", ContentFile(b"%PDF-1.4 Hemlig text"), save=False)
    job.save()
    return job


def _export_job(municipality, member):
    from django.core.files.base import ContentFile

    from trygg.reports.models import ExportJob

    job = ExportJob(
        municipality=municipality,
        created_by=member,
        fmt="csv",
        status="klar",
        filename="rapporter.csv",
        total=1,
    )
    job.file.save("rapporter.csv", ContentFile(b"nr;beskrivning\n1;Hemlig text\n"), save=False)
    job.save()
    return job


def _lagesbild_objects(municipality, organisation):
    from datetime import date

    from django.utils import timezone

    from tests.helpers import make_forum, make_meeting
    from trygg.forums.models import ActionItem, Decision
    from trygg.lagesbild.models import PoliceInput

    meeting = make_meeting(
        municipality,
        timezone.now(),
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 14),
        notes="Hemlig text i " + municipality.name,
    )
    return {
        "forum": make_forum(municipality, "bra"),
        "meeting": meeting,
        "decision": Decision.objects.create(
            municipality=municipality,
            meeting=meeting,
            what="Insats",
            place="Torget",
            responsible=organisation,
            until=date(2026, 12, 1),
        ),
        "action_item": ActionItem.objects.create(
            municipality=municipality,
            meeting=meeting,
            title="Åtgärd",
            owner_organisation=organisation,
            due=date(2026, 12, 1),
        ),
        "police_input": PoliceInput.objects.create(
            municipality=municipality,
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 14),
            summary="Hemlig text i " + municipality.name,
        ),
        **_strategy_objects(municipality),
    }


def _plan_objects(municipality):
    from datetime import date

    from trygg.core.models import Organisation
    from trygg.strategy.models import ActionPlan, Measure, ProblemPicture

    plan = ActionPlan.objects.create(
        municipality=municipality,
        title="Hemlig text i " + municipality.name,
        start_year=2025,
        end_year=2026,
    )
    owner = Organisation.objects.filter(municipality=municipality).first()
    return {
        "plan": plan,
        "measure": Measure.objects.create(
            municipality=municipality,
            plan=plan,
            title="Åtgärd",
            owner=owner,
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
        ),
        "problem": ProblemPicture.objects.create(municipality=municipality, title="Problem"),
    }


def _strategic_picture(municipality):
    from trygg.strategy.models import StrategicPicture, StrategicPictureVersion

    picture = StrategicPicture.objects.create(
        municipality=municipality, start_year=2025, end_year=2026
    )
    StrategicPictureVersion.objects.create(
        municipality=municipality,
        picture=picture,
        number=1,
        sections={"omfattning": "Hemlig text i " + municipality.name},
    )
    return picture


def _strategy_objects(municipality):
    from datetime import date

    from trygg.strategy.models import CitizenPromise, FocusArea

    return {
        "promise": CitizenPromise.objects.create(
            municipality=municipality, year=2026, title="Hemlig text i " + municipality.name
        ),
        "strategic_picture": _strategic_picture(municipality),
        **_plan_objects(municipality),
        "focus_area": FocusArea.objects.create(
            municipality=municipality,
            title="Fokus",
            decided_on=date(2026, 1, 1),
            decision_reference="EST",
        ),
    }


def _tiny_jpeg():
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4)).save(out, "JPEG")
    return out.getvalue()


def _world():
    """Köping with a user per role and Arboga with its administrator, each with one object of
    every kind: built once for the module's ~800 tests (tests/shared_rows.py)."""
    from tests.helpers import (
        make_arboga,
        make_area,
        make_koping,
        make_member,
        make_organisation,
        make_role_users,
    )

    koping, arboga = make_koping(), make_arboga()
    koping_org = make_organisation(koping, "Säkerhetsavdelningen")
    arboga_org = make_organisation(arboga, "Arboga säkerhet")
    users = make_role_users(koping_org)
    arboga_admin = make_member("arboga_admin", arboga_org, Role.ADMINISTRATOR)
    make_area(arboga, "Arboga centrum", kind="stadsdel", lon=15.84, lat=59.39)
    return {
        "koping": koping,
        "users": users,
        "koping_objects": _objects(koping, koping_org, users[Role.ADMINISTRATOR]),
        "arboga_objects": _objects(arboga, arboga_org, arboga_admin),
    }


_world_rows = shared_rows(_world)


@pytest.fixture
def koping(db, _world_rows):
    return fresh(_world_rows, "koping")


@pytest.fixture
def users(db, _world_rows):
    return fresh(_world_rows, "users")


@pytest.fixture
def arboga_objects(db, _world_rows):
    return fresh(_world_rows, "arboga_objects")


@pytest.fixture
def koping_objects(db, _world_rows):
    return fresh(_world_rows, "koping_objects")


def _dialog_build_objects(municipality):
    """A dialogue whose survey has a question in a section and a channel (stored directly)."""
    from datetime import date

    from trygg.dialog.models import Channel, Dialogue, Question, Section, Survey, SurveyVersion

    dialogue = Dialogue.objects.create(
        municipality=municipality,
        title="Hemlig text i " + municipality.name,
        question="Fråga",
        decided_by="BRÅ",
        forms=["enkat"],
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 6, 30),
        feedback_plan="Plan",
    )
    survey = Survey.objects.create(
        municipality=municipality, dialogue=dialogue, title="Enkät", mode="open"
    )
    version = SurveyVersion.objects.create(municipality=municipality, survey=survey, number=1)
    section = Section.objects.create(municipality=municipality, version=version, title="Del")
    question = Question.objects.create(
        municipality=municipality,
        version=version,
        section=section,
        key="fraga-1",
        kind="text",
        text="Hemlig text i " + municipality.name,
    )
    return {
        "dialogue": dialogue,
        "survey": survey,
        "dialog_section": section,
        "dialog_question": question,
        "channel": Channel.objects.create(
            municipality=municipality, survey=survey, name="Biblioteket"
        ),
    }


def _neighbourhood_objects(municipality):
    """A grannsamverkan area with an ombud and a message, stored directly."""
    from trygg.programmes.models import AreaMessage
    from trygg.programmes.tests.neighbourhood_helpers import make_neighbourhood

    area = make_neighbourhood(
        municipality,
        "Hemlig text i " + municipality.name,
        ombud=[("Demo Ombud", "ombud@example.org", "+46701234567")],
    )
    message = AreaMessage.objects.create(
        municipality=municipality,
        sender="kommun",
        subject="Hemlig text i " + municipality.name,
        body="Text",
        status="klar",
    )
    message.areas.set([area])
    return {"neighbourhood_area": area, "ombud": area.ombud.first(), "area_message": message}


def _url(name, key, objects):
    if key is None:
        return reverse(name) + QUERIES.get(name, "")
    if key.startswith("="):
        return reverse(name, args=[key[1:]])
    if "+" in key:
        return reverse(name, args=[objects[k].pk for k in key.split("+")])
    if ":" in key:
        key, extra = key.split(":")
        return reverse(name, args=[objects[key].pk, extra])
    if name == "reports:photo":
        photo = objects["photo"]
        return reverse(name, args=[photo.report_id, photo.pk, "stor"])
    return reverse(name, args=[objects[key].pk])


def _call(client, name, url):
    return client.post(url) if name in POST_ONLY else client.get(url)


@pytest.mark.parametrize(("name", "key", "granted", "denied"), PAGES)
def test_other_municipality_gives_404_or_nothing_of_it(
    client, users, arboga_objects, name, key, granted, denied
):
    from tests.helpers import make_member

    # The strongest viewer of Köping: every role at once.
    viewer = users[Role.ADMINISTRATOR]
    for role in (Role.SAMORDNARE, Role.ANALYTIKER, Role.POLIS):
        make_member(viewer.username, membership_of(users[role]).organisation, role)
    client.force_login(viewer)
    response = _call(client, name, _url(name, key, arboga_objects))
    if key and not key.startswith("="):
        assert response.status_code == 404
    else:
        assert response.status_code == (302 if name in POST_ONLY else 200)
        body = body_of(response).decode(errors="replace")
        for leak in ("Arboga säkerhet", "Område i Arboga", "arboga_admin", "Hemlig text i Arboga"):
            assert leak not in body


@pytest.mark.parametrize(("name", "key", "granted", "denied"), [p for p in PAGES if p[3]])
def test_role_without_grant_gets_403(client, users, koping_objects, name, key, granted, denied):
    client.force_login(users[denied])
    assert _call(client, name, _url(name, key, koping_objects)).status_code == 403


@pytest.mark.parametrize(("name", "key", "granted", "denied"), PAGES)
def test_role_with_grant_reaches_page(client, users, koping_objects, name, key, granted, denied):
    if name == "reports:filter_delete":
        koping_objects["saved_filter"].user = users[granted]
        with scopes_disabled():
            koping_objects["saved_filter"].save()
    if name.startswith("lagesbild:document_job"):
        # A document holds what its creator may read: only the creator reaches it.
        from tests.helpers import viewer_for
        from trygg.lagesbild.services import _access

        job = koping_objects["document_job"]
        job.created_by = users[granted]
        job.access = _access(viewer_for(users[granted], job.municipality))
        with scopes_disabled():
            job.save()
    if name.startswith("reports:export_job") and key:
        # An export holds what its requester may read: only the requester reaches it.
        from tests.helpers import viewer_for
        from trygg.reports.services.export_jobs import _access

        job = koping_objects["export_job"]
        job.created_by = users[granted]
        job.access = _access(viewer_for(users[granted], job.municipality))
        with scopes_disabled():
            job.save()
    client.force_login(users[granted])
    response = _call(client, name, _url(name, key, koping_objects))
    assert response.status_code in ((302,) if name in POST_ONLY else (200,))


@pytest.mark.parametrize(("name", "key", "granted", "denied"), PAGES)
def test_logged_out_visitor_is_sent_to_login(client, koping_objects, name, key, granted, denied):
    response = _call(client, name, _url(name, key, koping_objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize(("name", "status"), PUBLIC.items())
def test_public_pages_need_no_login(client, koping, name, status):
    assert client.get(reverse(name)).status_code == status


def test_member_without_municipality_gets_clear_message(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("core:start"))
    assert response.status_code == 403
    assert "Ditt konto hör inte till någon kommun" in response.content.decode()


def _welfare_call(client, name, url):
    if name in WELFARE_POST:
        return client.post(url, WELFARE_POST[name])
    return client.get(url)


@pytest.mark.parametrize("role", NOT_WELFARE_ROLES)
@pytest.mark.parametrize(("name", "key"), WELFARE_PAGES)
def test_every_role_but_the_welfare_role_gets_404_on_welfare_pages(
    client, users, koping_objects, name, key, role
):
    client.force_login(users[role])
    assert _welfare_call(client, name, _url(name, key, koping_objects)).status_code == 404


@pytest.mark.parametrize(("name", "key"), WELFARE_PAGES)
def test_the_welfare_role_reaches_welfare_pages(client, users, koping_objects, name, key):
    client.force_login(users[Role.VALFARD])
    response = _welfare_call(client, name, _url(name, key, koping_objects))
    assert response.status_code == (302 if name in WELFARE_POST else 200)


@pytest.mark.parametrize(("name", "key"), WELFARE_PAGES)
def test_another_municipalitys_welfare_data_is_404_or_absent(
    client, users, arboga_objects, name, key
):
    client.force_login(users[Role.VALFARD])
    response = _welfare_call(client, name, _url(name, key, arboga_objects))
    if key:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        body = body_of(response).decode(errors="replace")
        for leak in ("Hemlig text i Arboga", "VB-1984"):
            assert leak not in body


@pytest.mark.parametrize(("name", "key"), WELFARE_PAGES)
def test_logged_out_visitor_of_welfare_pages_is_sent_to_login(client, koping_objects, name, key):
    response = _welfare_call(client, name, _url(name, key, koping_objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
