package jp.mimamori.server.fault;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.mimamori.server.MimamoriApplication;
import jp.mimamori.server.cli.CliRunner;
import jp.mimamori.server.db.EmbeddedDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One test's database on the battery's server and its data folder ({@code DATA/uploads}, {@code DATA/keys}, reports). */
public record FaultDb(FaultCity city, String name, Path dataDir) {

    public String jdbcUrl() {
        return city.server().jdbcUrl(name);
    }

    /** A connection as the owner: the test's own view of the rows, and its locks. */
    public Connection owner() throws SQLException {
        return city.server().ownerConnection(name);
    }

    /** What an administrator sets to run Mimamori on this database (the application's role for rows, the owner for migrations). */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MIMAMORI_DB_URL", jdbcUrl());
        env.put("MIMAMORI_DB_USER", EmbeddedDatabase.APP);
        env.put("MIMAMORI_DB_PASSWORD", city.server().appPassword());
        env.put("MIMAMORI_DB_OWNER_USER", EmbeddedDatabase.OWNER);
        env.put("MIMAMORI_DB_OWNER_PASSWORD", city.server().ownerPassword());
        env.put("MIMAMORI_RETENTION_ENABLED", "false");
        return env;
    }

    /**
     * Starts Mimamori in this test's JVM on the database and data folder: the restart after a kill. With
     * {@code web}, the web application on a free port, which sweeps {@code DATA/uploads} as it starts.
     */
    public ConfigurableApplicationContext start(boolean web) {
        List<String> args = new ArrayList<>(List.of(
                "--mimamori.db.url=" + jdbcUrl(), "--mimamori.db.user=" + EmbeddedDatabase.APP,
                "--mimamori.db.password=" + city.server().appPassword(), "--mimamori.db.owner.user=" + EmbeddedDatabase.OWNER,
                "--mimamori.db.owner.password=" + city.server().ownerPassword(), "--mimamori.data-dir=" + dataDir,
                "--mimamori.retention.enabled=false", "--spring.main.log-startup-info=false", "--server.port=0"));
        return new SpringApplicationBuilder(MimamoriApplication.class).web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** A Mimamori command in a process of its own on this database: {@code ./mimamori ARGS --data-dir DATA}. */
    public MimamoriProcess launch(String logName, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return MimamoriProcess.start(env(), dataDir.resolveSibling(name + "-" + logName + ".log"), all);
    }

    /** A command on an application this test started, printed output and exit code. */
    public static CommandResult command(ConfigurableApplicationContext ctx, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliRunner.onContext(ctx, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandResult(code, out.toString(), err.toString());
    }

    public record CommandResult(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n" + out + err;
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = owner()) {
            return count(c, sql);
        }
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * What a run could have half-written, one count per table (and the latest finished runs): compared
     * before a kill and after the restart, it must be the same.
     */
    public Map<String, Long> counts(String... tables) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = owner()) {
            for (String t : tables) {
                m.put(t, count(c, "select count(*) from " + t));
            }
            m.put("latest finished link_run", count(c, "select coalesce(max(id), 0) from link_run where finished_at is not null"));
            m.put("latest finished assess_run", count(c, "select coalesce(max(id), 0) from assess_run where finished_at is not null"));
            m.put("current loads", count(c, "select coalesce(sum(id), 0) from extract_load where current"));
        }
        return m;
    }

    /** The files left under {@code DATA/uploads} (an interrupted upload's copy of personal data). */
    public List<Path> uploadsLeft() {
        Path uploads = dataDir.resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(uploads)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
