/**
 * 統計 (report): the de-identified export and the statistics and trends pages.
 *
 * <p>Owns no table: it reads others' rows for aggregates through their port views (identity_person_v,
 * cases_child_consultation_v, assess_child_indicator_v, … and ingest's extract_record) and LinkRuns and
 * CurrentLoads. Offers nothing to other features.
 */
package jp.mimamori.server.report;
