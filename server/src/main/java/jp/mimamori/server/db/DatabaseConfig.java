package jp.mimamori.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * One PostgreSQL, two ways: an external server when {@code mimamori.db.url} (env MIMAMORI_DB_URL) or
 * {@code spring.datasource.url} is set, otherwise the embedded one with its data under the data folder.
 * Either way two roles: the migrations run as the owner of the tables, the application's pool connects
 * as a role that owns nothing and is granted row access after each migration ({@link DatabaseRoles}).
 * An external database configured with one user only (as before this separation) keeps working: that
 * user then migrates and connects, and nothing is granted.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    /** How often a working session checks that its client is still there (client_connection_check_interval). */
    static final String CLIENT_CHECK = "3s";

    /** Where the database is, and who connects as whom; closes the embedded server, if any, last. */
    public record Connections(String url, String appUser, String appPassword, String ownerUser, String ownerPassword,
                              EmbeddedDatabase embedded) implements AutoCloseable {

        boolean separateOwner() {
            return !ownerUser.equals(appUser);
        }

        @Override
        public void close() {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    public Connections databaseConnections(
            @Value("${mimamori.db.url:${spring.datasource.url:}}") String url,
            @Value("${mimamori.db.user:${spring.datasource.username:}}") String user,
            @Value("${mimamori.db.password:${spring.datasource.password:}}") String password,
            @Value("${mimamori.db.owner.user:}") String ownerUser,
            @Value("${mimamori.db.owner.password:}") String ownerPassword,
            @Value("${mimamori.data-dir}") Path dataDir,
            @Value("${mimamori.db.embedded.port:0}") int port,
            @Value("${mimamori.db.embedded.clean:false}") boolean clean,
            // Every database holding data anyone needs is durable; only throwaway test clusters may say false.
            @Value("${mimamori.db.embedded.durable:true}") boolean durable) {
        if (StringUtils.hasText(url)) {
            return StringUtils.hasText(ownerUser)
                    ? new Connections(url, user, password, ownerUser, ownerPassword, null)
                    : new Connections(url, user, password, user, password, null);
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, port, clean,
                durable ? EmbeddedDatabase.Durability.DURABLE : EmbeddedDatabase.Durability.FAST_FOR_THROWAWAY_TEST_DATA);
        return new Connections(db.jdbcUrl(), EmbeddedDatabase.APP, db.appPassword(), EmbeddedDatabase.OWNER, db.ownerPassword(), db);
    }

    /** The application's pool: the role that owns nothing. */
    @Bean(destroyMethod = "close")
    @Primary
    public DataSource dataSource(Connections c) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("mimamori");
        hc.setMaximumPoolSize(10);
        hc.setJdbcUrl(c.url());
        hc.setUsername(c.appUser());
        hc.setPassword(c.appPassword());
        // A Mimamori killed with SIGKILL leaves its sessions to PostgreSQL, which ends one (rolling its transaction back and
        // releasing its locks: a load's source lock, a link or assess run's lock) when it next talks to the client. A
        // session that was waiting for a lock, or running one long statement, would only find out when that ends, and until
        // then hold the run's lock against the restarted run. Checking the client's socket every few seconds ends it at
        // once instead. The setting exists from PostgreSQL 14; an older external server simply does without.
        hc.setConnectionInitSql("select set_config('client_connection_check_interval', '" + CLIENT_CHECK + "', false) "
                + "where current_setting('server_version_num')::int >= 140000");
        return new HikariDataSource(hc);
    }

    /** Flyway's connections: the owner of the tables, who alone may change the schema. */
    @Bean
    @FlywayDataSource
    public DataSource flywayDataSource(Connections c) {
        SimpleDriverDataSource ds = new SimpleDriverDataSource();
        ds.setDriverClass(org.postgresql.Driver.class);
        ds.setUrl(c.url());
        ds.setUsername(c.ownerUser());
        ds.setPassword(c.ownerPassword());
        return ds;
    }

    /** Migrate, then grant the application's role what it needs on whatever the migrations made. */
    @Bean
    public FlywayMigrationStrategy migrateThenGrant(Connections c) {
        return flyway -> {
            flyway.migrate();
            if (c.separateOwner()) {
                try (Connection owner = flyway.getConfiguration().getDataSource().getConnection()) {
                    DatabaseRoles.grant(owner, c.appUser());
                    // The embedded database always has the linkage reader; an external one when its DBA made it.
                    if (c.embedded() != null || DatabaseRoles.exists(owner, EmbeddedDatabase.LINKAGE_READER)) {
                        DatabaseRoles.grantLinkageReader(owner, EmbeddedDatabase.LINKAGE_READER);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("アプリケーションのロールに権限を付与できません / cannot grant the application role "
                            + c.appUser() + " its privileges: " + e.getMessage(), e);
                }
            }
        };
    }
}
