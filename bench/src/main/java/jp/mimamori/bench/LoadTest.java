package jp.mimamori.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.synth.SyntheticCity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Caseworkers searching and opening children's timelines, concurrently, over real HTTP (issue 16).
 *
 * <p>Generates a synthetic city (or reuses one in DIR), loads it into a fresh data folder with the real
 * {@code ingest}, {@code link} and {@code import-ledger} commands, starts the real server ({@code serve},
 * embedded PostgreSQL, durable), signs in as the initial administrator the first command printed, creates
 * one CENTER_CASEWORKER account per virtual caseworker on {@code /admin/users}, and signs each one in as a
 * browser does (session cookie, the CSRF token of the sign-in form). Then, for the duration, every
 * caseworker loops without think time over children the centre has consultations about (the ledger's
 * children, drawn with a seeded random from the city's residents): search by the full name or by the
 * 和暦 birth date, pick the child in the results by the other (birth date or name; when the first search
 * does not list the child, search by the other too), open the child's page — which, opened from the
 * search, is the purpose page (403: a child's record opens only for a case or consultation) — and follow
 * the consultation it offers to the timeline. Reports requests, throughput and latency percentiles per
 * request kind and overall, errors (non-2xx other than the purpose page's 403, wrong pages, exceptions;
 * the first few described), and the server's heap, RSS and CPU and PostgreSQL's, beside the machine's.
 */
public final class LoadTest {

    private LoadTest() {
    }

    /** Seconds of the run before measuring starts: JIT, connection pools and caches warm up. */
    static final int WARM_UP_SECONDS = 10;
    static final long SEED = 16;
    static final int MAX_ERRORS_SHOWN = 5;
    static final YearMonth MONTH = YearMonth.of(2026, 4);

    /** A child the centre has a consultation about: what a caseworker knows of it. */
    record Target(String surname, String given, LocalDate birth) {
        String fullName() {
            return surname + " " + given;
        }
    }

    /** A search result row: the child's reference, name and birth date as the page shows them. */
    record Hit(String ref, String name, String birth) {
    }

    enum Kind {
        SIGN_IN("sign-in (POST /login, then /)"), SEARCH("search"), PURPOSE("child page → purpose (403)"), TIMELINE("timeline (with purpose)"),
        SIGN_OUT("sign-out"), LOOK_UP("whole look-up, search → timeline");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Latencies (nanoseconds) of one caseworker, by kind, and its outcome counters. */
    static final class Recorder {
        final Map<Kind, long[]> lat = new java.util.EnumMap<>(Kind.class);
        final Map<Kind, Integer> n = new java.util.EnumMap<>(Kind.class);
        final Map<Kind, Integer> errors = new java.util.EnumMap<>(Kind.class);

        void add(Kind k, long nanos) {
            long[] a = lat.computeIfAbsent(k, x -> new long[1024]);
            int i = n.getOrDefault(k, 0);
            if (i == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
                lat.put(k, a);
            }
            a[i] = nanos;
            n.put(k, i + 1);
        }

        void error(Kind k) {
            errors.merge(k, 1, Integer::sum);
        }

        long[] of(Kind k) {
            return lat.containsKey(k) ? Arrays.copyOf(lat.get(k), n.get(k)) : new long[0];
        }
    }

    static final ConcurrentLinkedQueue<String> ERRORS = new ConcurrentLinkedQueue<>();
    static final AtomicInteger ERROR_COUNT = new AtomicInteger();

    static void describe(String what) {
        if (ERROR_COUNT.incrementAndGet() <= MAX_ERRORS_SHOWN) {
            ERRORS.add(what);
        }
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path keep = args.length > 3 ? Path.of(args[3]) : null;
        String jar = System.getenv().getOrDefault("MIMAMORI_SERVER_JAR", "server/target/mimamori-server.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("エラー / error: server jar not found: " + jar + " (run through ./mimamori bench load)");
            System.exit(2);
        }
        String linkHeap = heapOfThisJvm().orElse("4g");
        String serverHeap = System.getenv().getOrDefault("MIMAMORI_SERVER_HEAP", "2g");
        System.out.printf("load test: %,d residents, %d caseworkers, %d s measured after %d s of warm-up; started %s; load average %s%n",
                residents, concurrency, seconds, WARM_UP_SECONDS, ZonedDateTime.now().withNano(0), loadAverage());
        Path tmp = Files.createTempDirectory("mimamori-bench-load");
        Process server = null;
        try {
            Path city = keep != null ? keep : tmp.resolve("city");
            if (Files.isRegularFile(city.resolve(SyntheticCity.MANIFEST))) {
                System.out.println("reusing the city in " + city + " (its own size, whatever RESIDENTS says)");
            } else {
                System.out.printf("generating %,d residents (seed 1, month %s) in %s ...%n", residents, MONTH, city);
                long t0 = System.nanoTime();
                SyntheticCity.generate(new SyntheticCity.Options(residents, 1, MONTH, city), m -> { });
                System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            List<Target> targets = targets(city);
            // The generator's garbage (gigabytes at 1,000,000 residents) goes back to the machine before link and the server need it.
            System.gc();
            String data = tmp.resolve("data").toString();
            List<String> ingest = command(jar, "1g", "ingest", "--data-dir", data, "--show", "0", city.toString());
            String adminPassword = ingest.stream().map(l -> Pattern.compile("user: admin +password: (\\S+)").matcher(l)).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElseThrow(() -> new IllegalStateException("ingest did not print the initial administrator's password"));
            command(jar, linkHeap, "link", "--data-dir", data);
            command(jar, "2g", "import-ledger", "--data-dir", data, city.resolve("soudan-ledger.xlsx").toString());

            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path gcLog = tmp.resolve("server-gc.log");
            Path serverLog = tmp.resolve("server.log");
            List<String> cmd = List.of(java(), "-Xmx" + serverHeap, "-Xlog:gc:file=" + gcLog, "-jar", jar, "serve", "--port", Integer.toString(port),
                    "--data-dir", data);
            long t0 = System.nanoTime();
            server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
            Process started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started)));
            String base = "http://127.0.0.1:" + port;
            waitUntilUp(base, server, serverLog);
            System.out.printf("serve: up in %.1f s on port %d (-Xmx%s)%n", (System.nanoTime() - t0) / 1e9, port, serverHeap);

            List<String[]> accounts = createCaseworkers(base, adminPassword, concurrency);
            run(base, accounts, targets, seconds, server, Path.of(data), gcLog);
            List<String> problems = Files.readAllLines(serverLog).stream().filter(l -> l.contains(" ERROR ") || l.contains(" WARN ")
                    || l.startsWith("Exception") || l.contains("OutOfMemoryError")).toList();
            System.out.printf("server log: %d WARN or ERROR lines%s%n", problems.size(), problems.isEmpty() ? "" : "; the first: " + problems.get(0).strip());
        } finally {
            if (server != null) {
                stop(server);
            }
            try (var walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The resident children of the city the centre has consultations about (ground truth), in person order. */
    static List<Target> targets(Path city) throws IOException {
        List<Target> out = new ArrayList<>();
        int residents = 0;
        try (Reader r = Files.newBufferedReader(city.resolve("truth/persons.csv"))) {
            for (CSVRecord p : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if (p.get("status").equals("RESIDENT")) {
                    residents++;
                    if (Integer.parseInt(p.get("consultations")) > 0) {
                        out.add(new Target(p.get("surname"), p.get("given_name"), LocalDate.parse(p.get("birth_date"))));
                    }
                }
            }
        }
        System.out.printf("city: %,d residents; %,d resident children with consultations in the centre's ledger are the children looked up%n",
                residents, out.size());
        return out;
    }

    // --- the virtual caseworkers ------------------------------------------------------------------------------------

    /** One browser: its own cookie jar and connections, no redirects followed behind its back. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).followRedirects(HttpClient.Redirect.NEVER).build();
        final String base;
        String csrf;

        Browser(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET()
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            token(r.body());
            return r;
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            body.append("&_csrf=").append(URLEncoder.encode(csrf == null ? "" : csrf, StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            token(r.body());
            return r;
        }

        /** Keeps the CSRF token of the last page that had a form, as the page's next form would send it. */
        private void token(String html) {
            Matcher m = CSRF.matcher(html);
            if (m.find()) {
                csrf = m.group(1);
            }
        }

        /** GET /login, POST the form, follow the redirect: true when signed in. */
        boolean signIn(String user, String password) throws IOException, InterruptedException {
            get("/login");
            HttpResponse<String> r = post("/login", linked("username", user, "password", password));
            String to = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() != 302 || to.contains("error")) {
                return false;
            }
            return get(to.startsWith("http") ? URI.create(to).getPath() : to).statusCode() == 200;
        }
    }

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The initial administrator creates one caseworker account per virtual caseworker, on the page an administrator uses. */
    static List<String[]> createCaseworkers(String base, String adminPassword, int n) throws Exception {
        Browser admin = new Browser(base);
        if (!admin.signIn("admin", adminPassword)) {
            throw new IllegalStateException("the initial administrator cannot sign in");
        }
        SecureRandom random = new SecureRandom();
        List<String[]> accounts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            String user = String.format("loadtest-cw%02d", i);
            String password = password(random);
            admin.get("/admin/users");
            HttpResponse<String> r = admin.post("/admin/users", linked("username", user, "displayName", "負荷試験 相談員" + i, "password", password,
                    "role", "CENTER_CASEWORKER", "sourceCode", ""));
            if (r.statusCode() != 302) {
                Matcher m = Pattern.compile("<ul class=\"errors\"[^>]*>(.*?)</ul>", Pattern.DOTALL).matcher(r.body());
                throw new IllegalStateException("creating " + user + ": HTTP " + r.statusCode() + (m.find() ? " " + m.group(1).replaceAll("<[^>]+>", " ").strip() : ""));
            }
            accounts.add(new String[] {user, password});
        }
        admin.get("/admin/users");
        admin.post("/logout", Map.of());
        System.out.printf("admin: signed in over HTTP, created %d CENTER_CASEWORKER accounts on /admin/users in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        return accounts;
    }

    /** 20 characters of lower case, upper case and digits (three kinds), as the password policy asks. */
    static String password(SecureRandom random) {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String p = b.toString();
            if (p.chars().anyMatch(Character::isLowerCase) && p.chars().anyMatch(Character::isUpperCase) && p.chars().anyMatch(Character::isDigit)) {
                return p;
            }
        }
    }

    static final Pattern HIT = Pattern.compile("<a href=\"(/center/children/[^\"]+)\">([^<]*)</a>.*?<td>(\\d{4}-\\d{2}-\\d{2})", Pattern.DOTALL);
    static final Pattern PURPOSE_LINK = Pattern.compile("href=\"(/center/children/[^\"]*purpose=[^\"]+)\"");

    static List<Hit> hits(String html) {
        List<Hit> out = new ArrayList<>();
        int from = html.indexOf("id=\"hits\"");
        if (from < 0) {
            return out;
        }
        int to = html.indexOf("</table>", from);
        for (String row : html.substring(from, to < 0 ? html.length() : to).split("<tr>")) {
            Matcher m = HIT.matcher(row);
            if (m.find()) {
                out.add(new Hit(unescape(m.group(1)), unescape(m.group(2)), m.group(3)));
            }
        }
        return out;
    }

    static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    /** What the iterations came to. */
    static final AtomicLong OPENED = new AtomicLong();
    static final AtomicLong NOT_FOUND = new AtomicLong();
    static final AtomicLong NO_PURPOSE = new AtomicLong();
    static final AtomicLong SECOND_SEARCH = new AtomicLong();
    static final AtomicLong ITERATIONS = new AtomicLong();

    /** One caseworker's loop. */
    static final class Caseworker implements Runnable {
        final Browser browser;
        final String[] account;
        final List<Target> targets;
        final Random random;
        /** [end of warm-up, end of the run] in System.nanoTime(), written before {@link #go} opens. */
        final long[] window;
        long warmEnd;
        long end;
        final CountDownLatch signedIn;
        final CountDownLatch go;
        final Recorder rec = new Recorder();

        Caseworker(String base, String[] account, List<Target> targets, long seed, long[] window, CountDownLatch signedIn, CountDownLatch go) {
            this.browser = new Browser(base);
            this.account = account;
            this.targets = targets;
            this.random = new Random(seed);
            this.window = window;
            this.signedIn = signedIn;
            this.go = go;
        }

        @Override
        public void run() {
            try {
                long t = System.nanoTime();
                boolean ok = browser.signIn(account[0], account[1]);
                rec.add(Kind.SIGN_IN, System.nanoTime() - t);
                if (!ok) {
                    rec.error(Kind.SIGN_IN);
                    describe("sign-in of " + account[0] + " failed");
                }
            } catch (Exception e) {
                rec.error(Kind.SIGN_IN);
                describe("sign-in of " + account[0] + ": " + e);
            } finally {
                signedIn.countDown();
            }
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            warmEnd = window[0];
            end = window[1];
            while (System.nanoTime() < end) {
                iteration();
            }
            try {
                long t = System.nanoTime();
                HttpResponse<String> r = browser.post("/logout", Map.of());
                rec.add(Kind.SIGN_OUT, System.nanoTime() - t);
                if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").contains("logout")) {
                    rec.error(Kind.SIGN_OUT);
                    describe("sign-out of " + account[0] + ": HTTP " + r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
                }
            } catch (Exception e) {
                rec.error(Kind.SIGN_OUT);
                describe("sign-out of " + account[0] + ": " + e);
            }
        }

        /** Search, pick the child, open it (purpose page), open the timeline for the consultation offered. */
        void iteration() {
            long started = System.nanoTime();
            Target target = targets.get(random.nextInt(targets.size()));
            boolean byName = random.nextBoolean();
            boolean counted = System.nanoTime() >= warmEnd;
            if (counted) {
                ITERATIONS.incrementAndGet();
            }
            List<Hit> candidates = search(target, byName, counted);
            if (candidates == null) {
                return;
            }
            if (candidates.isEmpty() && System.nanoTime() < end) {
                if (counted) {
                    SECOND_SEARCH.incrementAndGet();
                }
                candidates = search(target, !byName, counted);
                if (candidates == null) {
                    return;
                }
            }
            if (candidates.isEmpty()) {
                if (counted) {
                    NOT_FOUND.incrementAndGet();
                }
                return;
            }
            for (Hit h : candidates.subList(0, Math.min(3, candidates.size()))) {
                if (System.nanoTime() >= end) {
                    return;
                }
                HttpResponse<String> page = request(Kind.PURPOSE, h.ref(), counted, r -> r.statusCode() == 403 && r.body().contains("id=\"refusal\"")
                        || r.statusCode() == 200 && r.body().contains("id=\"timeline\""));
                if (page == null) {
                    return;
                }
                if (page.statusCode() == 200) {
                    if (counted) {
                        OPENED.incrementAndGet();
                    }
                    return;
                }
                Matcher m = PURPOSE_LINK.matcher(page.body());
                if (m.find()) {
                    if (System.nanoTime() >= end) {
                        return;
                    }
                    HttpResponse<String> tl = request(Kind.TIMELINE, unescape(m.group(1)), counted,
                            r -> r.statusCode() == 200 && r.body().contains("id=\"timeline\""));
                    if (tl != null && counted) {
                        OPENED.incrementAndGet();
                        rec.add(Kind.LOOK_UP, System.nanoTime() - started);
                    }
                    return;
                }
            }
            if (counted) {
                NO_PURPOSE.incrementAndGet();
            }
        }

        /** The search, and the results that are the target child: by birth date after a name search, by name after a birth date search. */
        List<Hit> search(Target target, boolean byName, boolean counted) {
            String q = byName ? target.fullName() : JapaneseDates.format(target.birth(), DateNotation.WAREKI_KANJI);
            HttpResponse<String> r = request(Kind.SEARCH, "/center/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), counted,
                    x -> x.statusCode() == 200 && x.body().contains("role=\"search\""));
            if (r == null) {
                return null;
            }
            String name = JapaneseText.nameKey(target.surname() + target.given());
            String birth = target.birth().toString();
            return hits(r.body()).stream().filter(h -> h.birth().equals(birth) && JapaneseText.nameKey(h.name()).equals(name)).toList();
        }

        /** One timed request; null (and an error recorded) when it failed or did not return the page expected. */
        HttpResponse<String> request(Kind kind, String path, boolean counted, java.util.function.Predicate<HttpResponse<String>> expected) {
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = browser.get(path);
                long took = System.nanoTime() - t;
                if (counted) {
                    rec.add(kind, took);
                }
                if (!expected.test(r)) {
                    if (counted) {
                        rec.error(kind);
                    }
                    describe(kind.label + " " + path + ": HTTP " + r.statusCode() + r.headers().firstValue("Location").map(l -> " → " + l).orElse("")
                            + " " + title(r.body()));
                    return null;
                }
                return r;
            } catch (Exception e) {
                if (counted) {
                    rec.add(kind, System.nanoTime() - t);
                    rec.error(kind);
                }
                describe(kind.label + " " + path + ": " + e);
                return null;
            }
        }
    }

    static String title(String html) {
        Matcher m = Pattern.compile("<title>([^<]*)</title>").matcher(html);
        return m.find() ? "(" + m.group(1) + ")" : "";
    }

    // --- the run and the report -------------------------------------------------------------------------------------

    static void run(String base, List<String[]> accounts, List<Target> targets, int seconds, Process server, Path data, Path gcLog) throws Exception {
        int n = accounts.size();
        CountDownLatch signedIn = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Caseworker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Caseworker w = new Caseworker(base, accounts.get(i), targets, SEED * 1000 + i, window, signedIn, go);
            workers.add(w);
            threads.add(new Thread(w, "caseworker-" + (i + 1)));
        }
        long signInStart = System.nanoTime();
        threads.forEach(Thread::start);
        signedIn.await();
        double signInSeconds = (System.nanoTime() - signInStart) / 1e9;
        window[0] = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        window[1] = window[0] + seconds * 1_000_000_000L;
        go.countDown();
        Thread.sleep(Math.max(0, (window[0] - System.nanoTime()) / 1_000_000));
        // The server, PostgreSQL and the machine are measured over the same window as the requests.
        Usage before = Usage.now(server, data);
        long gcFrom = Files.exists(gcLog) ? Files.size(gcLog) : 0;
        Sampler sampler = new Sampler(server, data);
        String loadStart = loadAverage();
        Thread.sleep(Math.max(0, (window[1] - System.nanoTime()) / 1_000_000));
        Usage after = Usage.now(server, data);
        long gcTo = Files.exists(gcLog) ? Files.size(gcLog) : 0;
        String loadEnd = loadAverage();
        sampler.close();
        for (Thread t : threads) {
            t.join(120_000);
        }
        report(workers, seconds, signInSeconds, before, after, loadStart, loadEnd, sampler, gcLog, gcFrom, gcTo);
    }

    static void report(List<Caseworker> workers, int seconds, double signInSeconds, Usage before, Usage after, String loadStart, String loadEnd,
                       Sampler sampler, Path gcLog, long gcFrom, long gcTo) throws IOException {
        double window = (after.wall - before.wall) / 1e9;
        System.out.printf("%nmeasured %.1f s (load average at its start %s, at its end %s); %,d iterations: %,d timelines opened, %,d children not in the results "
                        + "(after a second search by the other field: %,d second searches), %,d with no purpose offered%n",
                window, loadStart, loadEnd, ITERATIONS.get(), OPENED.get(), NOT_FOUND.get(), SECOND_SEARCH.get(), NO_PURPOSE.get());
        System.out.printf("%-36s %9s %8s %9s %9s %9s %9s %7s%n", "request", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors");
        long[] all = new long[0];
        int allErrors = 0;
        for (Kind k : Kind.values()) {
            long[] lat = new long[0];
            int errors = 0;
            for (Caseworker w : workers) {
                long[] a = w.rec.of(k);
                long[] merged = Arrays.copyOf(lat, lat.length + a.length);
                System.arraycopy(a, 0, merged, lat.length, a.length);
                lat = merged;
                errors += w.rec.errors.getOrDefault(k, 0);
            }
            boolean inLoop = k == Kind.SEARCH || k == Kind.PURPOSE || k == Kind.TIMELINE;
            if (inLoop) {
                long[] merged = Arrays.copyOf(all, all.length + lat.length);
                System.arraycopy(lat, 0, merged, all.length, lat.length);
                all = merged;
                allErrors += errors;
            }
            if (k != Kind.LOOK_UP) {
                line(k.label + (inLoop ? "" : k == Kind.SIGN_IN ? " *" : " **"), lat, inLoop ? window : 0, errors);
            }
        }
        line("all requests of the loop", all, window, allErrors);
        long[] lookUps = new long[0];
        for (Caseworker w : workers) {
            long[] a = w.rec.of(Kind.LOOK_UP);
            long[] merged = Arrays.copyOf(lookUps, lookUps.length + a.length);
            System.arraycopy(a, 0, merged, lookUps.length, a.length);
            lookUps = merged;
        }
        line(Kind.LOOK_UP.label + " ***", lookUps, window, 0);
        System.out.printf("  * all caseworkers at once, before the run (%.1f s for all); ** once each, after it; neither is in \"all\"%n", signInSeconds);
        System.out.println("  *** what a caseworker waits from typing the search to seeing the timeline (2 to 4 requests), for the look-ups that opened one");
        if (ERROR_COUNT.get() > 0) {
            System.out.printf("errors (%,d in all, warm-up included; the first %d):%n", ERROR_COUNT.get(), Math.min(MAX_ERRORS_SHOWN, ERROR_COUNT.get()));
            ERRORS.forEach(e -> System.out.println("  " + e));
        } else {
            System.out.println("errors: none");
        }
        double cores = Runtime.getRuntime().availableProcessors();
        double machine = (after.machineBusy - before.machineBusy) / TICKS;
        double serverCpu = (after.serverCpu - before.serverCpu) / TICKS;
        double pgCpu = (after.pgCpu - before.pgCpu) / TICKS;
        double selfCpu = (after.selfCpuNanos - before.selfCpuNanos) / 1e9;
        System.out.printf("CPU over the window (%d cores, %.0f core-seconds): server JVM %.1f s (%.0f%% of a core), PostgreSQL %.1f s (%.0f%%), "
                        + "this load generator %.1f s (%.0f%%), everything else on the machine %.1f s (%.0f%%); machine busy %.0f%%%n",
                (int) cores, cores * window, serverCpu, 100 * serverCpu / window, pgCpu, 100 * pgCpu / window, selfCpu, 100 * selfCpu / window,
                Math.max(0, machine - serverCpu - pgCpu - selfCpu), 100 * Math.max(0, machine - serverCpu - pgCpu - selfCpu) / window,
                100 * machine / (cores * window));
        System.out.printf("CPU per request of the loop: server JVM %.1f ms, PostgreSQL %.1f ms%n", 1000 * serverCpu / Math.max(1, all.length),
                1000 * pgCpu / Math.max(1, all.length));
        Gc whole = Gc.parse(Files.exists(gcLog) ? Files.readString(gcLog) : "");
        Gc during = Gc.parse(slice(gcLog, gcFrom, gcTo));
        System.out.printf("server heap (G1, -Xlog:gc): used at most %,d MiB before a collection and %,d MiB after one, committed up to %,d MiB (whole life); "
                        + "during the window %d pauses, %.0f ms in all, longest %.1f ms, at most %,d MiB after a collection%n",
                whole.maxBefore, whole.maxAfter, whole.maxCommitted, during.pauses, during.pauseMs, during.maxPauseMs, during.maxAfter);
        System.out.printf("server RSS: at most %,d MiB during the window (peak of the process's life, VmHWM: %,d MiB); "
                        + "PostgreSQL (postmaster and its %d processes at the end) PSS at most %,d MiB%n",
                sampler.maxServerRss >> 10, status(after.serverPid, "VmHWM") >> 10, sampler.pgProcesses, sampler.maxPgPss >> 10);
    }

    static void line(String label, long[] lat, double window, int errors) {
        Arrays.sort(lat);
        if (lat.length == 0) {
            System.out.printf("%-36s %9d %8s %9s %9s %9s %9s %7d%n", label, 0, "", "", "", "", "", errors);
            return;
        }
        System.out.printf("%-36s %,9d %8s %9.1f %9.1f %9.1f %9.1f %,7d%n", label, lat.length, window > 0 ? String.format("%.1f", lat.length / window) : "",
                pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[lat.length - 1] / 1e6, errors);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String slice(Path f, long from, long to) throws IOException {
        if (!Files.exists(f)) {
            return "";
        }
        byte[] b = Files.readAllBytes(f);
        return new String(b, (int) Math.min(from, b.length), (int) Math.max(0, Math.min(to, b.length) - Math.min(from, b.length)), StandardCharsets.UTF_8);
    }

    /** The pauses of a -Xlog:gc log: "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 5.123ms". */
    record Gc(int pauses, double pauseMs, double maxPauseMs, long maxBefore, long maxAfter, long maxCommitted) {
        static final Pattern PAUSE = Pattern.compile("Pause.*? (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

        static Gc parse(String log) {
            int n = 0;
            double ms = 0;
            double max = 0;
            long before = 0;
            long after = 0;
            long committed = 0;
            for (String l : log.split("\n")) {
                Matcher m = PAUSE.matcher(l);
                if (m.find()) {
                    n++;
                    double d = Double.parseDouble(m.group(4));
                    ms += d;
                    max = Math.max(max, d);
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                }
            }
            return new Gc(n, ms, max, before, after, committed);
        }
    }

    // --- processes: the server, PostgreSQL, the machine ---------------------------------------------------------------

    /** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every common kernel build). */
    static final double TICKS = 100;

    /** CPU counters at one moment, in clock ticks (this JVM's in nanoseconds). */
    record Usage(long wall, long serverPid, long serverCpu, long pgCpu, long selfCpuNanos, long machineBusy) {
        static Usage now(Process server, Path data) {
            long pg = 0;
            long pm = postmaster(data);
            if (pm > 0) {
                long[] s = stat(pm);
                pg = s[0] + s[1] + s[2] + s[3];
                for (ProcessHandle c : ProcessHandle.of(pm).map(h -> h.children().toList()).orElse(List.of())) {
                    long[] cs = stat(c.pid());
                    pg += cs[0] + cs[1];
                }
            }
            long[] sv = stat(server.pid());
            long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            return new Usage(System.nanoTime(), server.pid(), sv[0] + sv[1], pg, self, machineBusyTicks());
        }
    }

    /** utime, stime, cutime, cstime of a process (ticks); zeros when it is gone. */
    static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** Busy ticks of the whole machine, every core (user, nice, system, irq, softirq, steal). */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The embedded PostgreSQL's postmaster, from its pid file; 0 when it cannot be read. */
    static long postmaster(Path data) {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A kB figure of /proc/PID/status (VmRSS, VmHWM); 0 when unknown. */
    static long status(long pid, String field) {
        return kb(Path.of("/proc/" + pid + "/status"), field);
    }

    static long kb(Path file, String field) {
        try {
            for (String l : Files.readAllLines(file)) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Samples the server's RSS and PostgreSQL's proportional set size (shared buffers counted once) every second. */
    static final class Sampler implements AutoCloseable {
        volatile long maxServerRss;
        volatile long maxPgPss;
        volatile int pgProcesses;
        private volatile boolean running = true;
        private final Thread thread;

        Sampler(Process server, Path data) {
            thread = new Thread(() -> {
                while (running) {
                    maxServerRss = Math.max(maxServerRss, status(server.pid(), "VmRSS"));
                    long pm = postmaster(data);
                    if (pm > 0) {
                        List<ProcessHandle> children = ProcessHandle.of(pm).map(h -> h.children().toList()).orElse(List.of());
                        long pss = kb(Path.of("/proc/" + pm + "/smaps_rollup"), "Pss");
                        for (ProcessHandle c : children) {
                            pss += kb(Path.of("/proc/" + c.pid() + "/smaps_rollup"), "Pss");
                        }
                        pgProcesses = children.size();
                        maxPgPss = Math.max(maxPgPss, pss);
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's -Xmx (MIMAMORI_JAVA_OPTS), which the link command gets too: at 1,000,000 residents it needs about 6 GB. */
    static Optional<String> heapOfThisJvm() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmx")).map(a -> a.substring(4)).reduce((a, b) -> b);
    }

    /** Runs a server command in its own JVM; prints its last lines and time; returns everything it printed. */
    static List<String> command(String jar, String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-jar", jar));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("mimamori-bench-load-", ".err");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            int code = p.waitFor();
            lines.stream().filter(l -> !l.contains("password")).skip(Math.max(0, lines.size() - 2)).forEach(l -> System.out.println("  " + l.strip()));
            System.out.printf("%s: exit %d in %.1f s (-Xmx%s)%n", args[0], code, (System.nanoTime() - t0) / 1e9, heap);
            // import-ledger exits 2 when rows had problems: the generator writes a few bad rows on purpose.
            if (code != 0 && !(args[0].equals("import-ledger") && code == 2)) {
                Files.readAllLines(err).stream().skip(Math.max(0, Files.readAllLines(err).size() - 10)).forEach(l -> System.err.println("  " + l));
                throw new IllegalStateException(args[0] + " failed with exit code " + code);
            }
            return lines;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static void waitUntilUp(String base, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                Files.readAllLines(log).stream().skip(Math.max(0, Files.readAllLines(log).size() - 20)).forEach(l -> System.err.println("  " + l));
                throw new IllegalStateException("the server exited with code " + server.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not answer within 10 minutes");
    }

    /** Stops the server as an operator would (SIGTERM): Spring closes, and with it the embedded PostgreSQL. */
    static void stop(Process server) {
        if (!server.isAlive()) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
        }
    }
}
