/**
 * 監査 (audit): the append-only, hash-chained audit log and its page.
 *
 * <p>Owns audit_event. Offers AuditLog, AuditAction, Actor (who acts: a person with a role, or a named system job) and CurrentActor (the actor of the security context).
 */
package jp.mimamori.server.audit;
