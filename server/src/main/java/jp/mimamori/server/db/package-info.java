/**
 * データベース (db): the embedded or external PostgreSQL, roles and grants, backup and restore, COPY and
 * JSON helpers, run locks.
 *
 * <p>Owns no feature table (it migrates and grants all of them). Offers Copy, Json, RunLock and the
 * database configuration.
 */
package jp.mimamori.server.db;
