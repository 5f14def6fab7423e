/**
 * The Mimamori server (Spring Boot): one package per feature, the command line in {@code cli}, and here
 * only the application, whose component scan starts from this package.
 *
 * <p>Owns no table. Which feature may depend on which is enforced by {@code ArchitectureTest}; which
 * feature owns which table by {@code TableOwnershipTest}; both are listed in docs/modules.md.
 */
package jp.mimamori.server;
