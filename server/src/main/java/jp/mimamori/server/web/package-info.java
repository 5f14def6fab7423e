/**
 * ウェブ (web): web-level helpers: error pages, input guards, labels for templates, paging, redirects,
 * the proxy and public base URL.
 *
 * <p>Owns no table. Offers Labels, Labelled, Paging, Redirects and ErrorDetails
 * (input validation is the validation package's).
 */
package jp.mimamori.server.web;
