package jp.mimamori.server.access;

import java.util.List;
import java.util.function.Supplier;
import jp.mimamori.server.audit.Actor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work started from the command line or the demo pipeline under a named actor and role, so that
 * the services' own access rules and audit rows apply to it exactly as to a signed-in person.
 */
public final class SystemActor {

    private SystemActor() {
    }

    /** Runs {@code work} as a named system job ({@link Actor#job}). */
    public static <T> T runAs(Actor job, Supplier<T> work) {
        return runAs(job.name(), Role.valueOf(job.role()), work);
    }

    public static <T> T runAs(String name, Role role, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(new SimpleGrantedAuthority(role.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
