/**
 * センター (center): the centre supervisor's landing page.
 *
 * <p>Owns no table. Offers nothing to other features.
 */
package jp.mimamori.server.center;
