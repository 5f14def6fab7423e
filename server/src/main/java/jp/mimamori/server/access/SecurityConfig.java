package jp.mimamori.server.access;

import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.web.ErrorDetails;
import jp.mimamori.server.web.InputGuard;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Sign-in, CSRF protection, secure headers and the URL half of the access matrix. The other half
 * is method security on the feature services.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfig {

    /**
     * Machine clients (scheduled uploads): HTTP Basic, no session, no CSRF token (there is no
     * browser to forge a request from), the same access matrix.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AccessDeniedHandler denied, AuditLog audit) throws Exception {
        http.securityMatcher("/api/**");
        http.authorizeHttpRequests(SecurityConfig::matrix);
        http.httpBasic(b -> b.realmName("Mimamori"));
        http.csrf(c -> c.disable());
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.exceptionHandling(e -> e.accessDeniedHandler(denied));
        // After HTTP Basic, so that a refused request is recorded with the client's account.
        http.addFilterAfter(new InputGuard(audit), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        http.headers(h -> h.httpStrictTransportSecurity(SecurityConfig::hsts));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, AccessDeniedHandler denied, UserRepository users, AuditLog audit,
                            ObjectProvider<ClientRegistrationRepository> oidc,
                            ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> localAccounts) throws Exception {
        http.authorizeHttpRequests(SecurityConfig::matrix);
        AuthenticationSuccessHandler signedIn = (request, response, auth) -> {
            SessionRevocation.signedIn(request.getSession(), users.now());
            response.sendRedirect(request.getContextPath() + "/");
        };
        http.formLogin(f -> f.loginPage("/login").failureUrl("/login?error").permitAll().successHandler(signedIn));
        ClientRegistrationRepository city = oidc.getIfAvailable();
        if (city != null) {
            http.oauth2Login(o -> o.loginPage("/login").clientRegistrationRepository(city).successHandler(signedIn)
                    .userInfoEndpoint(u -> u.oidcUserService(localAccounts.getObject()))
                    .failureHandler((request, response, e) -> {
                        audit.record(new AuditLog.Event("oidc", null, AuditAction.LOGIN_FAILURE, "oidc", null, e.getMessage(), request.getRemoteAddr()));
                        response.sendRedirect(request.getContextPath() + "/login?oidc-error");
                    }));
            // A provider that cannot be reached sends the person back to the sign-in page with a message, not to an error page.
            http.addFilterBefore((req, res, chain) -> {
                jakarta.servlet.http.HttpServletRequest r = (jakarta.servlet.http.HttpServletRequest) req;
                if (r.getRequestURI().equals(r.getContextPath() + "/oauth2/authorization/" + OidcConfig.REGISTRATION)
                        && city.findByRegistrationId(OidcConfig.REGISTRATION) == null) {
                    ((HttpServletResponse) res).sendRedirect(r.getContextPath() + "/login?oidc-unavailable");
                    return;
                }
                chain.doFilter(req, res);
            }, org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.class);
        }
        http.addFilterBefore(new SessionRevocation(users, audit), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        // Before the sign-in form is processed (a NUL in the name must be refused and audited, not reach the database),
        // after the session's sign-in is restored (the audit row names who sent it).
        http.addFilterBefore(new InputGuard(audit), org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        http.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").invalidateHttpSession(true).deleteCookies("JSESSIONID"));
        http.exceptionHandling(e -> e.accessDeniedHandler(denied));
        // Everything the pages need is served by the application itself: no CDN, no inline script.
        http.headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .httpStrictTransportSecurity(SecurityConfig::hsts));
        return http.build();
    }

    /**
     * The pages' Content-Security-Policy. No inline style either: htmx is told not to inject its indicator
     * style (the htmx-config meta tag in layout.html) and the stylesheet carries those rules instead.
     */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    /**
     * HSTS on every response that went out over TLS, which behind the city's reverse proxy means a request
     * from a trusted proxy address saying X-Forwarded-Proto: https (see ProxyConfig). Never on plain HTTP,
     * where a browser ignores it anyway. A year, as browsers' preload lists expect; subdomains included,
     * because nothing under Mimamori's own host name should ever be served in the clear.
     */
    private static void hsts(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity>.HstsConfig h) {
        h.maxAgeInSeconds(31_536_000).includeSubDomains(true);
    }

    private static void matrix(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
        for (AccessMatrix.Rule r : AccessMatrix.RULES) {
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url = a.requestMatchers(r.pattern());
            switch (r.audience()) {
                case ANONYMOUS -> url.permitAll();
                case ANY_SIGNED_IN -> url.authenticated();
                case ROLES -> url.hasAnyRole(r.roles().stream().map(Enum::name).toArray(String[]::new));
            }
        }
        a.anyRequest().denyAll();
    }

    /**
     * Every refusal is audited: who tried to reach what, and — when a service refused with a reason of its
     * own ({@link Refused}) — why, which the 403 page shows too.
     */
    @Bean
    AccessDeniedHandler accessDeniedHandler(AuditLog audit) {
        return (request, response, ex) -> {
            Refused r = ex instanceof Refused x ? x : null;
            audit.record(Actor.current().event(AuditAction.ACCESS_DENIED, request.getMethod() + " " + request.getRequestURI(), r == null ? null : r.en()));
            if (r != null) {
                ErrorDetails.refuse(request, r.ja(), r.en());
            }
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        };
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }
}
