/**
 * The Mimamori server (Spring Boot): one package per feature, and here the application and the
 * command-line commands ({@code ./mimamori …}).
 *
 * <p>Owns no table. Which feature may depend on which is enforced by {@code ArchitectureTest}; which
 * feature owns which table by {@code TableOwnershipTest}; both are listed in docs/modules.md.
 */
package jp.mimamori.server;
