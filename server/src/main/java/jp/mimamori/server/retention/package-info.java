/**
 * 保存期間 (retention): the nightly deletion of what the city no longer needs to hold.
 *
 * <p>Owns no table: it decides when, authorises and audits, and asks ingest, cases, assess and outreach
 * to purge their own rows through their *Retention ports.
 */
package jp.mimamori.server.retention;
