package jp.mimamori.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the application's role may do, granted by the owner after every migration (so a table a later
 * migration adds is covered at once): read and write rows, nothing else. It owns nothing, so it cannot
 * alter or drop a table, switch off a trigger or grant itself more. The audit log is append-only twice
 * over: its trigger refuses UPDATE, DELETE and TRUNCATE, and the role is not even granted them.
 */
public final class DatabaseRoles {

    /** Tables the application may only append to and read. */
    public static final List<String> APPEND_ONLY = List.of("audit_event");

    private DatabaseRoles() {
    }

    /** Creates {@code role} when missing and (re)sets its password; it gets no attribute beyond LOGIN. */
    static void ensureLoginRole(Connection superuser, String role, String password) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            boolean exists;
            try (ResultSet r = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                exists = r.next();
            }
            if (!exists) {
                s.execute("create role " + role);
            }
            // The file under DATA/keys is the source of truth: every start sets it again (a restored keys folder wins).
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("alter role " + role + " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit password '" + password + "'");
        }
    }

    /**
     * Grants {@code role} reading identity's published linkage ports (名寄せ: the {@code identity_linkage_…_v}
     * views that {@code spark link --jdbc} reads) and nothing else: no table, no sequence, no write. A view
     * reads its tables with its owner's rights, so the reader needs no right on them. Idempotent; run as
     * the owner after the migrations (a view a migration recreates loses its grants).
     */
    public static void grantLinkageReader(Connection owner, String role) throws SQLException {
        requirePlainName(role);
        boolean auto = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (Statement s = owner.createStatement()) {
            s.execute("revoke all on all tables in schema public from " + role);
            s.execute("revoke all on all sequences in schema public from " + role);
            s.execute("grant usage on schema public to " + role);
            List<String> views = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_name from information_schema.views where table_schema = 'public'"
                    + " and table_name like 'identity\\_linkage\\_%\\_v' order by 1")) {
                while (r.next()) {
                    views.add(r.getString(1));
                }
            }
            for (String v : views) {
                s.execute("grant select on " + v + " to " + role);
            }
            owner.commit();
        } catch (SQLException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(auto);
        }
    }

    /** Whether the cluster has {@code role}. */
    static boolean exists(Connection c, String role) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            p.setString(1, role);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void requirePlainName(String role) {
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("ロール名が不正です / the role name '" + role
                    + "' must be a plain lower-case PostgreSQL identifier");
        }
    }

    /**
     * Grants {@code appRole} what the application does, on the database {@code owner} is connected to, in
     * one transaction. Idempotent; run as the owner of the tables after the migrations.
     */
    public static void grant(Connection owner, String appRole) throws SQLException {
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("アプリケーションのロール名が不正です / the application role name '" + appRole
                    + "' must be a plain lower-case PostgreSQL identifier");
        }
        boolean auto = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (Statement s = owner.createStatement()) {
            s.execute("grant usage on schema public to " + appRole);
            s.execute("grant select, insert, update, delete on all tables in schema public to " + appRole);
            s.execute("revoke truncate, references, trigger on all tables in schema public from " + appRole);
            s.execute("grant usage, select on all sequences in schema public to " + appRole);
            s.execute("grant execute on all functions in schema public to " + appRole);
            for (String t : APPEND_ONLY) {
                s.execute("revoke all on " + t + " from public");
                s.execute("revoke update, delete, truncate on " + t + " from " + appRole);
            }
            // Views are read models an owner publishes (extract_record, the <owner>_…_v ports): a simple view
            // would otherwise take writes through to its owner's table, behind that owner's back.
            try (ResultSet r = s.executeQuery("select table_name from information_schema.views where table_schema = 'public'")) {
                java.util.List<String> views = new ArrayList<>();
                while (r.next()) {
                    views.add(r.getString(1));
                }
                r.close();
                for (String v : views) {
                    s.execute("revoke insert, update, delete on " + v + " from " + appRole);
                }
            }
            // The migrations' bookkeeping is the owner's alone.
            try (ResultSet r = s.executeQuery("select 1 from pg_tables where schemaname = 'public' and tablename = 'flyway_schema_history'")) {
                if (r.next()) {
                    r.close();
                    s.execute("revoke all on flyway_schema_history from " + appRole);
                }
            }
            owner.commit();
        } catch (SQLException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(auto);
        }
    }
}
