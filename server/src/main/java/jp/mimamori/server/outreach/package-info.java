/**
 * アウトリーチ (outreach): the worklist of proposed children, its decisions and outcomes, and the
 * letters.
 *
 * <p>Owns outreach_item and letter_template. Offers OutreachService, OutreachLabels (assess's
 * TrainingLabels), AssessmentProposals (files proposals from assess's AssessmentCompleted) and
 * OutreachRetention (retention's purge).
 */
package jp.mimamori.server.outreach;
