/**
 * 監査 (audit): the append-only, hash-chained audit log and its page.
 *
 * <p>Owns audit_event. Offers AuditLog, AuditAction, Actor (who acts: a person with a role, or a named system job; every feature's services are told who acts by one, controllers passing Actor.current(), commands and jobs a named job) and CurrentActor (the actor of the security context, behind Actor.current(); ingest's upload events take only its remote address).
 */
package jp.mimamori.server.audit;
