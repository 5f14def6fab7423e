package jp.mimamori.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import jp.mimamori.server.MimamoriTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

@MimamoriTest
class AuditLogTest {

    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired jp.mimamori.server.db.DatabaseConfig.Connections connections;

    @Test
    void theApplicationCanAppendButNeverChangeOrDeleteAuditRows() throws Exception {
        audit.record(new AuditLog.Event("t-audit", "ADMIN", AuditAction.AUDIT_VIEWED, "x", null, "日本語の詳細", "127.0.0.1"));
        long id = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        // The application's role is not granted the change at all ...
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone' where id = :id").param("id", id).update())
                .isInstanceOf(DataAccessException.class).hasRootCauseMessage("ERROR: permission denied for table audit_event");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = :id").param("id", id).update())
                .isInstanceOf(DataAccessException.class).hasRootCauseMessage("ERROR: permission denied for table audit_event");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update()).isInstanceOf(DataAccessException.class);
        // ... and even the owner, who is, meets the trigger.
        try (Connection c = connections.embedded().ownerConnection(); Statement s = c.createStatement()) {
            for (String sql : new String[] {"update audit_event set actor = 'someone' where id = " + id, "delete from audit_event where id = " + id, "truncate audit_event"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).hasMessageContaining("append-only");
            }
        }
        assertThat(jdbc.sql("select actor from audit_event where id = :id").param("id", id).query(String.class).single()).isEqualTo("t-audit");
    }

    @Test
    void theHashChainNamesTheFirstRowEditedBehindTheApplicationsBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            audit.record(new AuditLog.Event("t-chain", "ADMIN", AuditAction.AUDIT_VIEWED, "row " + i, null, null, null));
        }
        assertThat(audit.verify().intact()).isTrue();
        long victim = jdbc.sql("select max(id) - 1 from audit_event").query(Long.class).single();
        String original = jdbc.sql("select target from audit_event where id = :id").param("id", victim).query(String.class).single();
        superuserEdit(victim, "edited");
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenId()).contains(victim);
        superuserEdit(victim, original);
        assertThat(audit.verify().intact()).isTrue();
    }

    /** What a database superuser could do with psql: switch off triggers and rewrite a row (the application's role cannot). */
    private void superuserEdit(long id, String target) throws Exception {
        try (Connection c = connections.embedded().ownerConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local session_replication_role = replica");
            s.executeUpdate("update audit_event set target = '" + target + "' where id = " + id);
            c.commit();
            c.setAutoCommit(true);
        }
    }

    @Test
    void hashesDependOnEveryFieldAndItsBoundaries() {
        var at = java.time.OffsetDateTime.parse("2026-11-23T10:00:00Z");
        String a = AuditLog.hash(AuditLog.GENESIS, at, "ab", "c");
        assertThat(AuditLog.hash(AuditLog.GENESIS, at, "a", "bc")).isNotEqualTo(a);
        assertThat(AuditLog.hash(AuditLog.GENESIS, at, "ab", null)).isNotEqualTo(AuditLog.hash(AuditLog.GENESIS, at, "ab", ""));
        assertThat(AuditLog.hash(AuditLog.GENESIS, at.plusNanos(1000), "ab", "c")).isNotEqualTo(a);
        assertThat(AuditLog.hash(AuditLog.GENESIS, at, "ab", "c")).isEqualTo(a).hasSize(64);
    }
}
