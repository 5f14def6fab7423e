package jp.mimamori.server.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./mimamori …} in a JVM of its own (the test's classpath), so that it can be killed with SIGKILL
 * like a crashed server or a command an operator killed: no shutdown hook, no finally block, no
 * rollback from the application's side.
 */
public final class MimamoriProcess {

    private final Process process;
    private final Path log;

    private MimamoriProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static MimamoriProcess start(Map<String, String> env, Path log, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java,
                // The client compiler only, and the serial collector: a command starts in half the time on a busy 2-core machine.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-Duser.timezone=UTC",
                "-cp", System.getProperty("java.class.path"), "jp.mimamori.server.cli.MimamoriCli"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new MimamoriProcess(pb.start(), log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code kill -9} sends), then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the process did not die: " + process.pid());
        }
    }

    /** Waits for the command to end; its exit code. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("the command did not end within " + seconds + " s: " + log());
        }
        return process.exitValue();
    }

    /** What the process printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops a process a failed test left running. */
    public void destroy() {
        process.destroyForcibly();
    }
}
