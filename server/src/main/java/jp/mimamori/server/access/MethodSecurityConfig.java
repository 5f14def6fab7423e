package jp.mimamori.server.access;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Security that holds with or without the web layer (the command line runs without it): service-level rules and password hashing. */
@Configuration
@EnableMethodSecurity
public class MethodSecurityConfig {

    /** The id stored in front of new hashes: Argon2id with Spring Security's current parameters (16 MiB, 2 passes). */
    static final String DEFAULT = "argon2@SpringSecurity_v5_8";

    /**
     * New passwords are hashed with Argon2id (OWASP's first choice), which takes a passphrase of any
     * length; bcrypt, the earlier default, reads only 72 bytes and refused longer passwords with an
     * error. Hashes already stored as bcrypt still verify, and are replaced by Argon2 at the next
     * successful sign-in ({@link AccountUserDetailsService#updatePassword}). Only these two ids are
     * accepted: a row with {noop} or an MD5 hash in it would be a way in, not a password.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(DEFAULT, Map.of(
                DEFAULT, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
