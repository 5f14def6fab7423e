package jp.mimamori.server.access;

import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks an account for a while after repeated wrong passwords, so that a password cannot be guessed
 * by trying; a successful sign-in resets the count, and an administrator's "enable" unlocks at once.
 */
@Component
public class LoginAttempts {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final int maxFailures;
    private final int lockMinutes;

    public LoginAttempts(JdbcClient jdbc, AuditLog audit, @Value("${mimamori.security.max-failures:5}") int maxFailures,
                         @Value("${mimamori.security.lock-minutes:15}") int lockMinutes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.maxFailures = maxFailures;
        this.lockMinutes = lockMinutes;
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent e) {
        String user = String.valueOf(e.getAuthentication().getName());
        if (jp.mimamori.server.validation.Nul.in(user)) {
            return; // no account has such a name, and the database would refuse to look for it
        }
        Integer attempts = jdbc.sql("""
                update app_user set failed_attempts = failed_attempts + 1,
                       locked_until = case when failed_attempts + 1 >= :max then now() + make_interval(mins => :mins) else locked_until end
                where username = :u returning failed_attempts""")
                .param("max", maxFailures).param("mins", lockMinutes).param("u", user).query(Integer.class).optional().orElse(null);
        if (attempts != null && attempts == maxFailures) {
            audit.record(new AuditLog.Event(user, null, AuditAction.ACCOUNT_LOCKED, "user:" + user, null,
                    maxFailures + " failed sign-ins; locked for " + lockMinutes + " minutes", null));
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent e) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where username = :u and (failed_attempts > 0 or locked_until is not null)")
                .param("u", e.getAuthentication().getName()).update();
    }
}
