package jp.mimamori.server.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session on its next request when its account was disabled or its sessions were
 * revoked ("sign out everywhere", a password change) after it signed in. The sign-in time is the
 * database's clock, stored in the session by {@link #signedIn}.
 */
public class SessionRevocation extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "mimamori.signedInAt";

    private final UserRepository users;
    private final AuditLog audit;

    public SessionRevocation(UserRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Marks a session as signed in now (at sign-in, and for the session that revoked the others). */
    public static void signedIn(HttpSession session, Instant at) {
        session.setAttribute(SIGNED_IN_AT, at);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken) && session != null) {
            Instant at = session.getAttribute(SIGNED_IN_AT) instanceof Instant i ? i : Instant.EPOCH;
            if (!users.sessionValid(auth.getName(), at)) {
                audit.record(new AuditLog.Event(auth.getName(), null, AuditAction.LOGOUT, request.getMethod() + " " + request.getRequestURI(), null,
                        "session ended: account disabled or sessions revoked", request.getRemoteAddr()));
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?revoked");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
