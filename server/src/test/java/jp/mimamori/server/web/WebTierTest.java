package jp.mimamori.server.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a real port (Tomcat, its valves and its redirects, not MockMvc alone) with
 * the city's reverse proxy configured as 127.0.0.1, and its own embedded PostgreSQL. Shared by every
 * test class that needs it, so Spring starts it once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"mimamori.data-dir=target/test-data-web",
    "mimamori.db.embedded.clean=true", "mimamori.proxy.trusted=127.0.0.1", "mimamori.public-base-url=https://mimamori.city.example"})
@AutoConfigureMockMvc
public @interface WebTierTest {
}
