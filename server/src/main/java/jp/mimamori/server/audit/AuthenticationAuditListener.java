package jp.mimamori.server.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Sign-ins, failed sign-ins and sign-outs go to the audit log. */
@Component
public class AuthenticationAuditListener {

    private final AuditLog audit;

    public AuthenticationAuditListener(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    public void success(AuthenticationSuccessEvent e) {
        String role = e.getAuthentication().getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).findFirst().orElse(null);
        audit.record(new AuditLog.Event(e.getAuthentication().getName(), role, AuditAction.LOGIN_SUCCESS, null, null, null, addr(e.getAuthentication().getDetails())));
    }

    @EventListener
    public void failure(AbstractAuthenticationFailureEvent e) {
        audit.record(new AuditLog.Event(String.valueOf(e.getAuthentication().getName()), null, AuditAction.LOGIN_FAILURE, null, null,
                e.getException().getClass().getSimpleName(), addr(e.getAuthentication().getDetails())));
    }

    @EventListener
    public void logout(LogoutSuccessEvent e) {
        audit.record(new AuditLog.Event(e.getAuthentication().getName(), null, AuditAction.LOGOUT, null, null, null, addr(e.getAuthentication().getDetails())));
    }

    private static String addr(Object details) {
        return details instanceof WebAuthenticationDetails w ? w.getRemoteAddress() : null;
    }
}
