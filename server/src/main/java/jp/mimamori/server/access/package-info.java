/**
 * アクセス管理 (access): roles, user accounts, sign-in (password, OIDC), lockout, sessions and the access
 * matrix.
 *
 * <p>Owns app_user. Offers Role, UserAccount, CurrentUser, SystemActor, the CentreOnly/SupervisorOnly
 * guards, and, for now, the validation types FieldError and InvalidInputException that every
 * feature uses.
 */
package jp.mimamori.server.access;
