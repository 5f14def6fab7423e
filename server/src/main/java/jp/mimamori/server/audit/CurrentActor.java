package jp.mimamori.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who the security context says is acting right now: what {@link Actor#current()} is built from. Services
 * take an {@link Actor}; only the security plumbing and the upload path read this directly.
 */
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

    public static String remoteAddr() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
            HttpServletRequest r = sra.getRequest();
            return r.getRemoteAddr();
        }
        return null;
    }
}
