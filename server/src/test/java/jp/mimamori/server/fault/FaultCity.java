package jp.mimamori.server.fault;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.stream.Stream;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserService;
import jp.mimamori.server.cli.CliRunner;
import jp.mimamori.server.cli.IngestCommandAccess;
import jp.mimamori.server.db.EmbeddedDatabase;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.synth.SyntheticCity;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fault battery's world (issue 16): one throwaway PostgreSQL per test JVM, standing for a city's
 * database server, and on it a small synthetic city prepared once (April of every source loaded,
 * linked and assessed) as a template database. Each test gets a database of its own copied from it
 * ({@code create database … template}, well under a second) and a data folder of its own, so that it
 * can kill a Mimamori process on it, start another and compare, without disturbing the other tests.
 *
 * <p>The processes reach the database as a city's would reach an external one: the application's role
 * {@value EmbeddedDatabase#APP} for rows and the owner for migrations, by the same settings
 * ({@code MIMAMORI_DB_URL} …) an administrator sets. Killing one of them with SIGKILL is then exactly
 * a crash of the application: the database sees its connections drop and rolls their work back.
 */
public final class FaultCity {

    public static final YearMonth APRIL = YearMonth.of(2026, 4);
    public static final YearMonth MAY = YearMonth.of(2026, 5);
    /** Small enough that a run takes seconds, large enough that linkage and the model have work to do. */
    static final int RESIDENTS = 2_000;
    static final long SEED = 1616;
    static final String TEMPLATE = "fault_city";
    /** An administrator with a known password, for the HTTP API (Basic authentication). */
    public static final String ADMIN = "t-fault-admin";

    private static FaultCity instance;

    private final EmbeddedDatabase pg;
    private final Path root;
    private final Path april;
    private final Path may;
    private final Path keys;
    private int next;

    private FaultCity(EmbeddedDatabase pg, Path root, Path april, Path may, Path keys) {
        this.pg = pg;
        this.root = root;
        this.april = april;
        this.may = may;
        this.keys = keys;
    }

    /** The battery's database server and city, made on first use and stopped when the JVM exits. */
    public static synchronized FaultCity get() {
        if (instance == null) {
            instance = prepare(Path.of("target/fault-battery").toAbsolutePath());
        }
        return instance;
    }

    private static FaultCity prepare(Path root) {
        try {
            deleteTree(root);
            Files.createDirectories(root);
            Path april = root.resolve("city-2026-04");
            Path may = root.resolve("city-2026-05");
            SyntheticCity.generate(new SyntheticCity.Options(RESIDENTS, SEED, APRIL, april), m -> { });
            SyntheticCity.generate(new SyntheticCity.Options(RESIDENTS, SEED, MAY, may), m -> { });
            EmbeddedDatabase pg = EmbeddedDatabase.start(root.resolve("server"), 0, true, EmbeddedDatabase.Durability.FAST_FOR_THROWAWAY_TEST_DATA);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is ending; the cluster is thrown away with target/
                }
            }));
            Path fixtureData = root.resolve("fixture-data");
            FaultCity city = new FaultCity(pg, root, april, may, fixtureData.resolve("keys"));
            city.createDatabase(TEMPLATE, null);
            FaultDb fixture = new FaultDb(city, TEMPLATE, fixtureData);
            try (ConfigurableApplicationContext ctx = fixture.start(false)) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = IngestCommandAccess.run(ctx.getBean(FolderIngest.class), FolderIngest.manifest(april), fixtureData.resolve("reports"),
                        new PrintWriter(out), new PrintWriter(err), 0);
                check(code == 0, "ingest of the fault city: " + out);
                check(CliRunner.onContext(ctx, new PrintWriter(out), new PrintWriter(err), "link") == 0, "link: " + err);
                check(CliRunner.onContext(ctx, new PrintWriter(out), new PrintWriter(err), "assess") == 0, "assess: " + err);
                ctx.getBean(UserService.class).createAtStartup(new UserService.NewUser(ADMIN, "障害試験 管理者", TestUsers.PASSWORD, Role.ADMIN, null));
            }
            return city;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database of its own for one test, holding the prepared city (April loaded, linked, assessed), and a data folder with the city's keys. */
    public FaultDb database(String purpose) {
        return newDatabase(purpose, TEMPLATE);
    }

    /** An empty database (the first process on it migrates the schema), and a data folder. */
    public FaultDb emptyDatabase(String purpose) {
        return newDatabase(purpose, null);
    }

    private synchronized FaultDb newDatabase(String purpose, String template) {
        String name = "fault_" + (++next) + "_" + purpose.replaceAll("[^a-z0-9]", "_");
        createDatabase(name, template);
        Path data = root.resolve(name);
        try {
            if (template != null) {
                // The city's encrypted columns and pseudonyms were written with these keys.
                Files.createDirectories(data.resolve("keys"));
                try (Stream<Path> ks = Files.list(keys)) {
                    for (Path k : ks.toList()) {
                        Files.copy(k, data.resolve("keys").resolve(k.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            } else {
                Files.createDirectories(data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FaultDb(this, name, data);
    }

    private void createDatabase(String name, String template) {
        try (Connection c = pg.ownerConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name + (template == null ? " encoding 'UTF8' template template0" : " template " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    EmbeddedDatabase server() {
        return pg;
    }

    /** The city's April extracts (loaded in every database made with {@link #database}). */
    public Path april() {
        return april;
    }

    /** The same city a month later (not loaded). */
    public Path may() {
        return may;
    }

    /** An administrator acting in this JVM (the ingest service takes the acting account). */
    public static jp.mimamori.server.access.UserAccount actor(String name) {
        return new jp.mimamori.server.access.UserAccount(0, name, "test", Role.ADMIN, java.util.Optional.empty(), true, java.time.OffsetDateTime.now());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the fault battery's city could not be prepared: " + what);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
