/**
 * 時刻 (time): the city's clock and time zone (Asia/Tokyo).
 *
 * <p>Owns no table. Offers Times.
 */
package jp.mimamori.server.time;
