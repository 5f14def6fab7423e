/**
 * 名寄せ (identity): linkage runs, stable person and household IDs, the review queue, the model page
 * and the search index.
 *
 * <p>Owns link_run, record_link, link_review, link_decision, person, household, person_profile,
 * person_key and record_identity. Offers IdentityService, LinkRuns (the latest finished run, and
 * the records it linked to a person), LinkageImport (a run computed on Spark stored as a finished run)
 * and, for other features' statements, the views identity_person_v (the persons of person_profile) and
 * identity_record_link_v (which run put which record with which person), identity_person_key_v (the
 * search keys) and identity_person_id_v (every person ID ever given); for readers outside the
 * server ({@code spark link --jdbc}), the identity_linkage_*_v views (V60: the current rows as a run
 * reads them, the decisions, earlier identities and households).
 */
package jp.mimamori.server.identity;
