package jp.mimamori.server.audit;

import java.time.OffsetDateTime;

/** One row of the audit log as read back. */
public record AuditEntry(long id, OffsetDateTime at, String actor, String actorRole, String action, String target,
                         String purpose, String detail, String remoteAddr, String prevHash, String hash) {
}
