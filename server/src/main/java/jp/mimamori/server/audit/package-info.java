/**
 * 監査 (audit): the append-only, hash-chained audit log and its page.
 *
 * <p>Owns audit_event. Offers AuditLog, AuditAction and CurrentActor (who is acting, for an audit event).
 */
package jp.mimamori.server.audit;
