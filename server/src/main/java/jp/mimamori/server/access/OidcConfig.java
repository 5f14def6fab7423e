package jp.mimamori.server.access;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Optional sign-in through the city's OIDC provider, on when {@code mimamori.oidc.issuer-uri} is set.
 * The provider proves who someone is; Mimamori still decides what they may do: the claim named by
 * {@code mimamori.oidc.username-claim} (default {@code preferred_username}) must equal the user id of an
 * enabled, unlocked local account, whose role applies. Nobody gets an account, or a role, from the
 * provider alone. The provider's discovery document is read on first use, not at start-up, so the
 * application starts while the provider is down (local sign-in still works).
 */
@Configuration
@ConditionalOnProperty(name = "mimamori.oidc.issuer-uri")
public class OidcConfig {

    static final String REGISTRATION = "city";

    @Bean
    ClientRegistrationRepository cityProvider(@Value("${mimamori.oidc.issuer-uri}") String issuer, @Value("${mimamori.oidc.client-id}") String clientId,
                                              @Value("${mimamori.oidc.client-secret}") String secret, jp.mimamori.server.web.PublicBaseUrl base) {
        // The redirect URI from the configured public address, not "{baseUrl}" (which Spring builds from the request's Host header).
        return new LazyRegistration(issuer, clientId, secret, base.url() + "/login/oauth2/code/{registrationId}");
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> localAccounts(UserRepository users, @Value("${mimamori.oidc.username-claim:preferred_username}") String claim) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser who = provider.loadUser(request);
            String name = who.getClaimAsString(claim);
            UserAccount account = name == null ? null : users.find(name).filter(UserAccount::enabled).filter(a -> !users.locked(a.username())).orElse(null);
            if (account == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error("no_local_account",
                        "この認証アカウントに対応する有効な利用者がいません / no enabled Mimamori account for " + claim + "=" + name, null));
            }
            return new DefaultOidcUser(List.of(new SimpleGrantedAuthority(account.role().authority())), who.getIdToken(), who.getUserInfo(), claim);
        };
    }

    /** Resolves the provider's configuration on first use and keeps it; retries on the next sign-in if the provider was down. */
    static final class LazyRegistration implements ClientRegistrationRepository {

        private static final Logger log = LoggerFactory.getLogger(LazyRegistration.class);

        private final String issuer;
        private final String clientId;
        private final String secret;
        private volatile ClientRegistration registration;

        private final String redirectUri;

        LazyRegistration(String issuer, String clientId, String secret, String redirectUri) {
            this.redirectUri = redirectUri;
            this.issuer = issuer;
            this.clientId = clientId;
            this.secret = secret;
        }

        @Override
        public ClientRegistration findByRegistrationId(String id) {
            if (!REGISTRATION.equals(id)) {
                return null;
            }
            ClientRegistration r = registration;
            if (r == null) {
                synchronized (this) {
                    if (registration == null) {
                        try {
                            registration = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION).clientId(clientId)
                                    .clientSecret(secret).scope("openid", "profile").redirectUri(redirectUri).build();
                        } catch (RuntimeException e) {
                            log.error("OIDCプロバイダに接続できません / cannot reach the OIDC provider {}: {}", issuer, e.getMessage());
                            return null;
                        }
                    }
                    r = registration;
                }
            }
            return r;
        }
    }
}
