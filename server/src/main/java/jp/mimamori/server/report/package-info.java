/**
 * 統計 (report): the de-identified export and the statistics and trends pages.
 *
 * <p>Owns no table (it reads others' rows for aggregates; see TableOwnershipTest.KNOWN). Offers nothing
 * to other features.
 */
package jp.mimamori.server.report;
