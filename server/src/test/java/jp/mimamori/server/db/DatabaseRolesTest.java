package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application's role, as the application itself connects: it reads and writes rows, owns nothing,
 * and the audit log refuses it UPDATE, DELETE and TRUNCATE by grant (SQLSTATE 42501), before the trigger is
 * even reached.
 */
@MimamoriTest
class DatabaseRolesTest {

    static final String PERMISSION_DENIED = "42501";

    @Autowired DatabaseConfig.Connections connections;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;

    @Test
    void theApplicationConnectsAsARoleThatOwnsNothingAndIsNoSuperuser() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(EmbeddedDatabase.APP);
        assertThat(jdbc.sql("select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
        long owned = jdbc.sql("""
                select (select count(*) from pg_class where relowner = r.oid) + (select count(*) from pg_proc where proowner = r.oid)
                     + (select count(*) from pg_namespace where nspowner = r.oid) + (select count(*) from pg_type where typowner = r.oid)
                     + (select count(*) from pg_database where datdba = r.oid)
                from pg_roles r where r.rolname = current_user""").query(Long.class).single();
        assertThat(owned).isZero();
    }

    @Test
    void theApplicationsRoleMayAppendToTheAuditLogButNotChangeOrDeleteIt() throws Exception {
        audit.record(new AuditLog.Event("t-roles", "ADMIN", AuditAction.AUDIT_VIEWED, "grants", null, null, null));
        try (Connection app = connections.embedded().appConnection(); Statement s = app.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from audit_event where actor = 't-roles'")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
            for (String sql : new String[] {
                    "update audit_event set actor = 'someone' where actor = 't-roles'",
                    "delete from audit_event where actor = 't-roles'",
                    "truncate audit_event",
                    // Nor may it switch the append-only trigger off, or sidestep triggers for its session.
                    "alter table audit_event disable trigger audit_event_no_change",
                    "set session_replication_role = replica",
                    "drop table consultation",
                    "create table intruder (x int)"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(PERMISSION_DENIED));
            }
            try (ResultSet r = s.executeQuery("select count(*) from audit_event where actor = 't-roles'")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void thePublishedViewsAreReadOnlyForTheApplication() throws Exception {
        try (Connection app = connections.embedded().appConnection(); Statement s = app.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from identity_person_v")) {
                assertThat(r.next()).isTrue();
            }
            for (String sql : new String[] {
                    "insert into identity_person_v (person_id, run_id, is_child, sources) values ('P-intruder', 1, true, 'juki')",
                    "update cases_consultation_v set consultation_no = 'x'",
                    "delete from assess_group_stat_v"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(PERMISSION_DENIED));
            }
        }
    }

    @Test
    void theLinkageReaderReadsTheLinkageViewsAndNothingElse() throws Exception {
        try (Connection reader = connections.embedded().linkageReaderConnection(); Statement s = reader.createStatement()) {
            assertThat(reader.getMetaData().getUserName()).isEqualTo(EmbeddedDatabase.LINKAGE_READER);
            // Every view spark link --jdbc reads (V60, V64).
            for (String v : new String[] {"identity_linkage_row_v", "identity_linkage_decision_v", "identity_linkage_previous_v",
                    "identity_linkage_household_v", "identity_linkage_run_v"}) {
                try (ResultSet r = s.executeQuery("select count(*) from " + v)) {
                    assertThat(r.next()).as(v).isTrue();
                }
            }
            for (String sql : new String[] {
                    "select count(*) from extract_row",
                    "select count(*) from record_identity",
                    "select count(*) from audit_event",
                    "select count(*) from identity_person_v",
                    "select count(*) from cases_consultation_v",
                    "insert into identity_linkage_decision_v (source_a, record_a, source_b, record_b, same) values ('a', '1', 'b', '2', true)",
                    "delete from identity_linkage_decision_v",
                    "create temporary table intruder (x int)",
                    "create table intruder (x int)"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(PERMISSION_DENIED));
            }
        }
        try (Connection reader = connections.embedded().linkageReaderConnection();
             ResultSet r = reader.createStatement().executeQuery(
                     "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles where rolname = current_user")) {
            r.next();
            assertThat(r.getBoolean(1)).isFalse();
        }
    }

    @Test
    void theMigrationsBookkeepingIsTheOwnersAlone() throws Exception {
        try (Connection app = connections.embedded().appConnection(); Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select count(*) from flyway_schema_history")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(PERMISSION_DENIED));
        }
        try (Connection owner = connections.embedded().ownerConnection(); Statement s = owner.createStatement();
             ResultSet r = s.executeQuery("select max(version::int) from flyway_schema_history")) {
            r.next();
            assertThat(r.getInt(1)).isGreaterThanOrEqualTo(17);
        }
    }
}
