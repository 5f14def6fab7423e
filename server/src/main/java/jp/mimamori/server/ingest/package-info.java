/**
 * 取込 (ingest): the departments' monthly extracts: loads, uploads, the API, checks, holds and source
 * definitions.
 *
 * <p>Owns extract_load, extract_row, quarantined_row and load_problem, and publishes the extract_record
 * view (typed columns of the fields others read). Offers CurrentLoads (current months, a record's
 * every field), SourceDefinitions, UploadStore and ExtractRetention (retention's purge).
 */
package jp.mimamori.server.ingest;
