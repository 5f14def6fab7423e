/**
 * 相談・ケース (cases): consultations, cases, goals, risk assessments, referrals, alerts, contacts,
 * attachments, the child timeline, search, purpose binding, the Excel ledger import and code
 * tables.
 *
 * <p>Owns child_subject, consultation, consultation_child, consultation_type, case_file, case_event,
 * case_alert, support_goal, risk_assessment, referral, case_contact, case_contact_version,
 * case_attachment, ledger_import and code_entry. A case's work is split by concern, each service with
 * its own SQL: CaseFiles (case_file: open, status, assignment, 要対協, 制限ケース, closing and 転出, the
 * case page and its printed summaries), CaseContacts (case_contact and its versions), CaseGoals
 * (support_goal), RiskAssessments (risk_assessment), Referrals (referral), FollowUps (the next action
 * and case_alert: what a caseworker must not miss); internally CaseLookup finds a case for whoever acts
 * (the 制限ケース rule) and CaseEvents keeps its history (case_event). Every service method is told who
 * acts by an {@code audit.Actor}. Offers ChildDirectory (search, age bands), CaseFiles and the concern
 * services, ChildTimeline, CaseRetention (retention's purge) and CaseSeeding (what the demo needs of
 * these tables beyond the services: children without a case, a case's opening set back).
 */
package jp.mimamori.server.cases;
