/**
 * アクセス管理 (access): roles, user accounts, sign-in (password, OIDC), lockout, sessions and the access
 * matrix.
 *
 * <p>Owns app_user. Offers Role, UserAccount, CurrentUser, SystemActor and the CentreOnly/SupervisorOnly
 * guards.
 */
package jp.mimamori.server.access;
