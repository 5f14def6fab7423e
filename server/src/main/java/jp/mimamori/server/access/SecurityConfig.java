package jp.mimamori.server.access;

import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Sign-in, CSRF protection, secure headers and the URL half of the access matrix. The other half
 * is method security on the feature services.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    @Bean
    SecurityFilterChain web(HttpSecurity http, AccessDeniedHandler denied) throws Exception {
        http.authorizeHttpRequests(a -> {
            for (AccessMatrix.Rule r : AccessMatrix.RULES) {
                AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url = a.requestMatchers(r.pattern());
                switch (r.audience()) {
                    case ANONYMOUS -> url.permitAll();
                    case ANY_SIGNED_IN -> url.authenticated();
                    case ROLES -> url.hasAnyRole(r.roles().stream().map(Enum::name).toArray(String[]::new));
                }
            }
            a.anyRequest().denyAll();
        });
        http.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", true).failureUrl("/login?error").permitAll());
        http.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").invalidateHttpSession(true).deleteCookies("JSESSIONID"));
        http.exceptionHandling(e -> e.accessDeniedHandler(denied));
        // Everything the pages need is served by the application itself: no CDN, no inline script.
        http.headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"))
                .frameOptions(f -> f.deny()));
        return http.build();
    }

    /** Every refusal is audited: who tried to reach what. */
    @Bean
    AccessDeniedHandler accessDeniedHandler(AuditLog audit) {
        return (request, response, ex) -> {
            audit.record(CurrentActor.event(AuditAction.ACCESS_DENIED, request.getMethod() + " " + request.getRequestURI(), null));
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default, with the algorithm id stored beside the hash so it can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }
}
