package jp.mimamori.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who is acting right now, for audit rows written from services. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static String name() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null ? "system" : a.getName();
    }

    public static String role() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            return null;
        }
        return a.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(s -> s.startsWith("ROLE_"))
                .map(s -> s.substring(5)).findFirst().orElse(null);
    }

    /** Whether whoever is acting is CENTER_SUPERVISOR or ADMIN: the centre's decisions, break-glass. */
    public static boolean supervises() {
        String r = role();
        return "CENTER_SUPERVISOR".equals(r) || "ADMIN".equals(r);
    }

    public static String remoteAddr() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
            HttpServletRequest r = sra.getRequest();
            return r.getRemoteAddr();
        }
        return null;
    }

    public static AuditLog.Event event(AuditAction action, String target, String detail) {
        return Actor.current().event(action, target, detail);
    }
}
