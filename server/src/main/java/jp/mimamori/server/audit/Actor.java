package jp.mimamori.server.audit;

import jp.mimamori.server.access.Role;

/**
 * Who acts (操作者): a person signed in with a role, or a named system job (a command run by the
 * administrator, the demo pipeline, the nightly retention) with the role it runs under. The audit
 * writes both alike; a job has no remote address.
 */
public record Actor(String name, String role, boolean job) {

    /** A named system job running with {@code role}. */
    public static Actor job(String name, Role role) {
        return new Actor(name, role.name(), true);
    }

    /** Whoever the security context says is acting now (a person, or a job started with {@code SystemActor.runAs}). */
    public static Actor current() {
        return new Actor(CurrentActor.name(), CurrentActor.role(), false);
    }

    /** Whether this actor is CENTER_SUPERVISOR or ADMIN: the centre's decisions, break-glass, every restricted case. */
    public boolean supervises() {
        return "CENTER_SUPERVISOR".equals(role) || "ADMIN".equals(role);
    }

    /** The audit event of this actor doing {@code action} on {@code target}. */
    public AuditLog.Event event(AuditAction action, String target, String detail) {
        return event(action, target, null, detail);
    }

    /** The audit event of this actor doing {@code action} on {@code target} for a stated purpose (目的). */
    public AuditLog.Event event(AuditAction action, String target, String purpose, String detail) {
        return new AuditLog.Event(name, role, action, target, purpose, detail, job ? null : CurrentActor.remoteAddr());
    }
}
