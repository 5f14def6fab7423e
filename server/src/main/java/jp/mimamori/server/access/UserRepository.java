package jp.mimamori.server.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import jp.mimamori.core.source.SourceSystem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The app_user table. */
@Repository
public class UserRepository {

    private static final String COLUMNS = "id, username, display_name, role, source_code, enabled, created_at";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> find(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = :u").param("u", username).query(UserRepository::map).optional();
    }

    public Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from app_user where username = :u").param("u", username).query(String.class).optional();
    }

    public List<UserAccount> all() {
        return jdbc.sql("select " + COLUMNS + " from app_user order by role, username").query(UserRepository::map).list();
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public long countByRole(Role role) {
        return jdbc.sql("select count(*) from app_user where role = :r").param("r", role.name()).query(Long.class).single();
    }

    public long insert(String username, String displayName, String passwordHash, Role role, SourceSystem source) {
        return jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, source_code)
                values (:u, :d, :p, :r, :s) returning id""")
                .param("u", username).param("d", displayName).param("p", passwordHash).param("r", role.name())
                .param("s", source == null ? null : source.code())
                .query(Long.class).single();
    }

    /** Enabling also lifts a lockout: the administrator has decided the account may sign in. */
    public int setEnabled(String username, boolean enabled) {
        return jdbc.sql("""
                update app_user set enabled = :e,
                       failed_attempts = case when :e then 0 else failed_attempts end,
                       locked_until = case when :e then null else locked_until end
                where username = :u""").param("e", enabled).param("u", username).update();
    }

    /** Ends every session of the user signed in before now (taken up by {@link SessionRevocation}). */
    public int revokeSessions(String username) {
        return jdbc.sql("update app_user set sessions_valid_after = clock_timestamp() where username = :u").param("u", username).update();
    }

    /** Whether a session signed in at {@code signedInAt} may still be used: the account is enabled and its sessions not revoked since. */
    public boolean sessionValid(String username, java.time.Instant signedInAt) {
        return jdbc.sql("""
                select enabled and (sessions_valid_after is null or sessions_valid_after <= :t) from app_user where username = :u""")
                .param("u", username).param("t", java.time.OffsetDateTime.ofInstant(signedInAt, java.time.ZoneOffset.UTC))
                .query(Boolean.class).optional().orElse(false);
    }

    /** The database's clock: session times are compared with it, never with this JVM's. */
    public java.time.Instant now() {
        return jdbc.sql("select clock_timestamp()").query(java.time.OffsetDateTime.class).single().toInstant();
    }

    public int setRole(String username, Role role, SourceSystem source) {
        return jdbc.sql("update app_user set role = :r, source_code = :s where username = :u")
                .param("r", role.name()).param("s", source == null ? null : source.code()).param("u", username).update();
    }

    public int setPasswordHash(String username, String hash) {
        return jdbc.sql("update app_user set password_hash = :h where username = :u").param("h", hash).param("u", username).update();
    }

    public boolean locked(String username) {
        return jdbc.sql("select locked_until is not null and locked_until > now() from app_user where username = :u")
                .param("u", username).query(Boolean.class).optional().orElse(false);
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), Optional.ofNullable(rs.getString("source_code")).flatMap(SourceSystem::fromCode),
                rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
