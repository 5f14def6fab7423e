package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import jp.mimamori.server.access.UserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production mode: mimamori.db.url (env MIMAMORI_DB_URL) names an external PostgreSQL, and the
 * application migrates and uses that one instead of starting its own. The "external" server here is
 * a separate PostgreSQL the test starts itself.
 */
@SpringBootTest(properties = "mimamori.data-dir=target/test-data-external-unused")
class ExternalDatabaseTest {

    static final EmbeddedDatabase external;

    static {
        try {
            external = EmbeddedDatabase.start(Files.createTempDirectory("mimamori-external"), 0, true, EmbeddedDatabase.Durability.FAST_FOR_THROWAWAY_TEST_DATA);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void pointAtExternal(DynamicPropertyRegistry r) {
        r.add("mimamori.db.url", external::jdbcUrl);
        r.add("mimamori.db.user", () -> "postgres");
        r.add("mimamori.db.password", external::ownerPassword);
    }

    @AfterAll
    static void stop() throws Exception {
        external.close();
    }

    @Autowired UserRepository users;

    @Test
    void theSchemaAndTheFirstAdministratorLiveInTheExternalDatabase() throws Exception {
        assertThat(users.exists("admin")).isTrue();
        try (Connection c = external.ownerConnection();
             ResultSet r = c.createStatement().executeQuery("select count(*) from app_user where username = 'admin'")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
        assertThat(Path.of("target/test-data-external-unused/pg")).doesNotExist();
    }
}
