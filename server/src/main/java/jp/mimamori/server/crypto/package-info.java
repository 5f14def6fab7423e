/**
 * 暗号化 (crypto): column encryption and the key files.
 *
 * <p>Owns no table. Offers FieldCipher.
 */
package jp.mimamori.server.crypto;
