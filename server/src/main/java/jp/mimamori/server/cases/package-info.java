/**
 * 相談・ケース (cases): consultations, cases, goals, risk assessments, referrals, alerts, contacts,
 * attachments, the child timeline, search, purpose binding, the Excel ledger import and code
 * tables.
 *
 * <p>Owns child_subject, consultation, consultation_child, consultation_type, case_file, case_event,
 * case_alert, support_goal, risk_assessment, referral, case_contact, case_contact_version,
 * case_attachment, ledger_import and code_entry. Offers ChildDirectory (search, age bands),
 * CaseService, ChildTimeline and CaseRetention (retention's purge).
 */
package jp.mimamori.server.cases;
