/**
 * 印刷 (print): PDF output with the embedded BIZ UDゴシック font.
 *
 * <p>Owns no table. Offers PrintedPdf.
 */
package jp.mimamori.server.print;
