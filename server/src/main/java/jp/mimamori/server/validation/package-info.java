/**
 * 入力検証 (validation): what every feature uses to refuse bad input before anything is stored.
 *
 * <p>Owns no table and depends on no feature. Offers FieldError and InvalidInputException (a refusal
 * naming each field in Japanese and English), Nul (the character PostgreSQL cannot hold) and Uploads
 * (an upload's size limit and its name made safe to show).
 */
package jp.mimamori.server.validation;
