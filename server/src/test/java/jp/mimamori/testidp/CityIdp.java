package jp.mimamori.testidp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A real OpenID Connect provider (Spring Authorization Server, auto-configured from properties) standing
 * in for the city's, for the sign-in test. Outside Mimamori's packages so that neither scans the other.
 */
@SpringBootApplication
public class CityIdp {
}
