package jp.mimamori.server.audit;

/** What an audit row records. */
public enum AuditAction {
    LOGIN_SUCCESS, LOGIN_FAILURE, LOGOUT, ACCESS_DENIED,
    USER_CREATED, USER_DISABLED, USER_ENABLED,
    AUDIT_VIEWED, INITIAL_ADMIN_CREATED, DEMO_USERS_CREATED
}
