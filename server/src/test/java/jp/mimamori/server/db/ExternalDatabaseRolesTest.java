package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An external PostgreSQL set up by the city's DBA as README says: an owner role that Flyway migrates as,
 * and an application role that owns nothing; Mimamori grants the application role its rows after the
 * migration, and the audit log INSERT and SELECT only.
 */
@SpringBootTest(properties = "mimamori.data-dir=target/test-data-external-roles-unused")
class ExternalDatabaseRolesTest {

    static final EmbeddedDatabase server;

    static {
        try {
            server = EmbeddedDatabase.start(Files.createTempDirectory("mimamori-external-roles"), 0, true, EmbeddedDatabase.Durability.FAST_FOR_THROWAWAY_TEST_DATA);
            try (Connection c = server.ownerConnection("postgres"); Statement s = c.createStatement()) {
                s.execute("create role city_owner login password 'owner-secret-123'");
                s.execute("create role city_app login password 'app-secret-456'");
                s.execute("create database city_mimamori owner city_owner encoding 'UTF8' template template0");
                s.execute("revoke connect, temporary on database city_mimamori from public");
                s.execute("grant connect, temporary on database city_mimamori to city_owner, city_app");
            }
            try (Connection c = server.ownerConnection("city_mimamori"); Statement s = c.createStatement()) {
                s.execute("alter schema public owner to city_owner");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void pointAtExternal(DynamicPropertyRegistry r) {
        r.add("mimamori.db.url", () -> server.jdbcUrl("city_mimamori"));
        r.add("mimamori.db.user", () -> "city_app");
        r.add("mimamori.db.password", () -> "app-secret-456");
        r.add("mimamori.db.owner.user", () -> "city_owner");
        r.add("mimamori.db.owner.password", () -> "owner-secret-123");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Autowired JdbcClient jdbc;

    @Test
    void theOwnerMigratesAndTheApplicationsRoleMayNotChangeTheAuditLog() throws Exception {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("city_app");
        assertThat(jdbc.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner <> 'city_owner'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from app_user where username = 'admin'").query(Long.class).single()).isEqualTo(1);
        try (Connection app = DriverManager.getConnection(server.jdbcUrl("city_mimamori"), "city_app", "app-secret-456"); Statement s = app.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from audit_event")) {
                r.next();
                assertThat(r.getLong(1)).isPositive();
            }
            for (String sql : new String[] {"update audit_event set actor = 'x'", "delete from audit_event", "truncate audit_event"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }
}
