package jp.mimamori.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * One PostgreSQL, two ways: an external server when {@code mimamori.db.url} (env MIMAMORI_DB_URL) or
 * {@code spring.datasource.url} is set, otherwise the embedded one with its data under the data folder.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    @Bean(destroyMethod = "close")
    public DataSource dataSource(
            @Value("${mimamori.db.url:${spring.datasource.url:}}") String url,
            @Value("${mimamori.db.user:${spring.datasource.username:}}") String user,
            @Value("${mimamori.db.password:${spring.datasource.password:}}") String password,
            @Value("${mimamori.data-dir}") Path dataDir,
            @Value("${mimamori.db.embedded.port:0}") int port,
            @Value("${mimamori.db.embedded.clean:false}") boolean clean) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("mimamori");
        hc.setMaximumPoolSize(10);
        if (StringUtils.hasText(url)) {
            hc.setJdbcUrl(url);
            hc.setUsername(user);
            hc.setPassword(password);
            return new HikariDataSource(hc);
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pg"), port, clean);
        hc.setJdbcUrl(db.jdbcUrl());
        return new EmbeddedBackedDataSource(hc, db);
    }

    /** Closes the embedded server after the pool, so that shutdown leaves no postgres process behind. */
    static final class EmbeddedBackedDataSource extends HikariDataSource {
        private final EmbeddedDatabase db;

        EmbeddedBackedDataSource(HikariConfig config, EmbeddedDatabase db) {
            super(config);
            this.db = db;
        }

        @Override
        public void close() {
            super.close();
            try {
                db.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
