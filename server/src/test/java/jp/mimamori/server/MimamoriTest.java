package jp.mimamori.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a real embedded PostgreSQL (fresh cluster under target/, one per test
 * JVM thanks to Spring's context cache). No mocked repositories.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
public @interface MimamoriTest {
}
