/**
 * 名寄せ (identity): linkage runs, stable person and household IDs, the review queue, the model page
 * and the search index.
 *
 * <p>Owns link_run, record_link, link_review, link_decision, person, household, person_profile,
 * person_key and record_identity. Offers IdentityService, LinkRuns (the latest finished run, and
 * the records it linked to a person) and LinkageImport (a run computed on Spark stored as a finished run).
 */
package jp.mimamori.server.identity;
