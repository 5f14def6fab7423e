package jp.mimamori.server.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.server.TestUsers;

/** {@code POST /api/ingest/{source}} over real HTTP, as a department's scheduled client sends it, signed in as {@link FaultCity#ADMIN}. */
public final class IngestApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestApi() {
    }

    public record Answer(int status, String body) {

        /** A number field of the JSON answer, or null. */
        public Long number(String field) {
            Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : null;
        }

        public boolean flag(String field) {
            return body.contains("\"" + field + "\":true");
        }
    }

    public static CompletableFuture<Answer> upload(int port, String source, YearMonth month, Path file) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ingest/" + source + "?month=" + month
                        + "&fileName=" + file.getFileName()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((FaultCity.ADMIN + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        return HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(x -> new Answer(x.statusCode(), x.body()));
    }

    /** Waits until a server answers on {@code port} (its sign-in page), while {@code alive}. */
    public static void awaitServer(int port, BooleanSupplier alive, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            try {
                if (HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no server on port " + port + " within " + seconds + " s");
    }

    /** A port nobody listens on now, for a server process of the test. */
    public static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The port an application this test started in its JVM listens on. */
    public static int port(org.springframework.context.ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }
}
