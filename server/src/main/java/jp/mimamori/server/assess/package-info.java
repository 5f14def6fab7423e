/**
 * 評価 (assess): the monthly indicators, the rule book and its page, the PU model, scores and
 * fairness aggregates.
 *
 * <p>Owns assess_run, assess_rule, assess_group_stat, child_indicator, child_score and rule_flag. Offers
 * AssessService, the AssessmentCompleted event (outreach files its proposals from it), the
 * TrainingLabels port it needs (implemented by outreach), AssessRetention (retention's purge) and, for
 * the statistics, the views assess_run_v, assess_child_indicator_v and assess_group_stat_v.
 */
package jp.mimamori.server.assess;
