package jp.mimamori.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.cases.CasesFixture;
import jp.mimamori.server.demo.DemoCases;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.server.time.Times;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The centre's pages at a city's scale, as issue 14's acceptance asks, on one small synthetic city
 * (2,000 residents, linked) with the demo's cases and 320 proposed children named 髙橋 written into
 * the tables a linkage and an assessment fill: a caseworker pages through 髙橋; a supervisor filters the
 * outreach list, approves in place and assigns in bulk; a case summary and the 進行管理台帳 are read
 * back from their PDFs; a restricted case is refused and audited; the main pages fit a phone (390 px)
 * with no serious accessibility problem (axe-core, bundled by the build from the npm registry); and
 * every page any role can reach shows no enum name and no source code. The browser tests are skipped,
 * saying so, where chromium is not installed; the page-text crawl (MockMvc) always runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mimamori.data-dir=target/test-data-city-pages", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// By name: reading first, then the outreach decisions, then the crawl sees the list as a day leaves it.
@TestMethodOrder(MethodOrderer.MethodName.class)
class CityPagesTest {

    static final int PROPOSED = 320;
    static final Path AXE = Path.of("target/test-classes/axe/axe.min.js");

    @LocalServerPort int port;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired DemoCases demo;
    @Autowired MockMvc mvc;
    @Autowired Times times;

    @TempDir static Path city;
    WebDriver browser;
    final List<Long> items = new ArrayList<>();
    String supervisor;
    String admin;

    @BeforeAll
    void aCityWithADaysWork() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 2_000, 23);
        for (String cw : List.of("caseworker", "caseworker2", "caseworker3")) {
            users.ensure(cw, Role.CENTER_CASEWORKER, null);
        }
        supervisor = users.ensure("supervisor", Role.CENTER_SUPERVISOR, null);
        admin = users.ensure(Role.ADMIN);
        users.ensure(Role.ANALYST);
        users.ensure(Role.DEPT_UPLOADER);
        demo.open(60, 14);

        // 320 children named 髙橋 in the latest linkage run, each proposed by a month's assessment (40 by a rule).
        LocalDate today = times.today();
        long link = jdbc.sql("select max(id) from link_run").query(Long.class).single();
        long run = jdbc.sql("insert into assess_run (link_run, as_of, indicators, run_by, finished_at) values (:l, :d, '{}', 't', now()) returning id")
                .param("l", link).param("d", today).query(Long.class).single();
        for (int i = 0; i < PROPOSED; i++) {
            String person = "PB%011d".formatted(i);
            String name = "髙橋 見守" + i;
            String town = i % 3 == 0 ? "川端町" : "見守町";
            jdbc.sql("insert into person (person_id, first_run) values (:p, :r)").param("p", person).param("r", link).update();
            jdbc.sql("""
                    insert into person_profile (person_id, run_id, is_child, name, birth_date, sex, address, address_key, sources)
                    values (:p, :r, true, :n, :b, :s, :a, :k, 'juki kenko')""")
                    .param("p", person).param("r", link).param("n", name).param("b", today.minusYears(i % 17).minusDays(5 + i % 200))
                    .param("s", i % 2 == 0 ? "1" : "2").param("a", town + "3丁目1番1号").param("k", JapaneseText.nameKey(town) + "|3|1|1").update();
            for (String key : new LinkedHashSet<>(List.of(JapaneseText.nameKey(name), JapaneseText.nameKey(name.substring(name.indexOf(' ') + 1))))) {
                jdbc.sql("insert into person_key (key, person_id) values (:k, :p)").param("k", key).param("p", person).update();
            }
            boolean rule = i < 40;
            items.add(jdbc.sql("""
                    insert into outreach_item (assess_run, person_id, as_of, score, rank, reasons, rule_codes)
                    values (:r, :p, :d, :s, :k, :why, :codes) returning id""")
                    .param("r", run).param("p", person).param("d", today).param("s", rule ? null : 0.9 - i / 1000.0)
                    .param("k", rule ? null : 3 + 2 * (i - 40)).param("why", "乳幼児健診の未受診").param("codes", rule ? "R1" : "")
                    .query(Long.class).single());
        }

        if (Files.isExecutable(CaseworkerBrowserTest.CHROMIUM) && Files.isExecutable(CaseworkerBrowserTest.CHROMEDRIVER)) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CaseworkerBrowserTest.CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=ja");
            browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CaseworkerBrowserTest.CHROMEDRIVER.toFile()).build(), options);
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void needsBrowser() {
        Assumptions.assumeTrue(browser != null, "chromium / chromedriver not installed: apt-get install -y chromium chromium-driver (.ci/run does)");
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD);
        CaseworkerBrowserTest.navigate(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(browser.findElement(By.id("whoami")).getText()).contains(user);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The bytes a link gives the signed-in browser (its session cookie on a plain HTTP request: a download is not a page). */
    byte[] download(String path) throws Exception {
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path)))
                .header("Cookie", "JSESSIONID=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("[\\s\u3000]", "");
        }
    }

    String someCase(String caseworker) {
        return jdbc.sql("select case_no from case_file where caseworker = :c and status = 'SUPPORT' and not restricted order by case_no limit 1")
                .param("c", caseworker).query(String.class).single();
    }

    @Test
    void a_aCaseworkerSearchesACommonSurnameAndPagesThroughWithTheTotal() {
        needsBrowser();
        signIn("caseworker2");
        browser.get(url("/center"));
        browser.findElement(By.id("q")).sendKeys("髙橋");
        CaseworkerBrowserTest.navigate(browser, browser.findElement(By.cssSelector("form.search button")));
        Matcher total = Pattern.compile("氏名で検索：([\\d,]+)件").matcher(browser.findElement(By.id("total")).getText());
        assertThat(total.find()).isTrue();
        int n = Integer.parseInt(total.group(1).replace(",", ""));
        assertThat(n).isGreaterThanOrEqualTo(PROPOSED);
        int pages = (n + 49) / 50;
        assertThat(browser.findElement(By.id("range")).getText()).isEqualTo("1–50 件目（1 / " + pages + " ページ）");
        assertThat(browser.findElements(By.cssSelector("#hits tbody tr"))).hasSize(50);
        Set<String> seen = new java.util.HashSet<>(refs());
        CaseworkerBrowserTest.navigate(browser, browser.findElement(By.cssSelector("a[rel=next]")));
        assertThat(browser.findElement(By.id("range")).getText()).isEqualTo("51–100 件目（2 / " + pages + " ページ）");
        assertThat(browser.findElement(By.id("total")).getText()).contains(total.group(1) + "件");
        List<String> second = refs();
        assertThat(second).hasSize(50).doesNotContainAnyElementsOf(seen);
        CaseworkerBrowserTest.navigate(browser, browser.findElement(By.cssSelector("a[rel=prev]")));
        assertThat(browser.findElement(By.id("range")).getText()).startsWith("1–50 件目");
    }

    List<String> refs() {
        return browser.findElements(By.cssSelector("#hits tbody tr td:first-child a")).stream().map(a -> a.getAttribute("href")).toList();
    }

    @Test
    void b_aSupervisorFiltersApprovesInPlaceAndAssignsInBulk() {
        needsBrowser();
        signIn(supervisor);
        browser.get(url("/center/outreach"));
        assertThat(browser.findElement(By.id("count")).getText()).startsWith("全 " + PROPOSED + " 件");
        // Filter: the rule-flagged in 川端町.
        WebElement filters = browser.findElement(By.id("filters"));
        new Select(filters.findElement(By.name("kind"))).selectByValue("rule");
        filters.findElement(By.name("town")).sendKeys("川端町");
        CaseworkerBrowserTest.navigate(browser, filters.findElement(By.cssSelector("button[type=submit]")));
        long kawabataByRule = java.util.stream.IntStream.range(0, 40).filter(i -> i % 3 == 0).count();
        assertThat(browser.findElement(By.id("count")).getText()).startsWith("全 " + kawabataByRule + " 件");

        // Approve the first in place: no reload (a mark on window survives), the item says so, the list stays where it was.
        WebElement item = browser.findElement(By.cssSelector("section.outreach-item"));
        String id = item.getAttribute("id");
        js("window.notReloaded = true; window.scrollTo(0, 400)");
        item.findElement(By.cssSelector("form.approve button")).click();
        CaseworkerBrowserTest.waitGone(browser, item);
        assertThat(browser.findElement(By.id(id)).findElement(By.cssSelector(".status")).getText()).contains("承認済み");
        assertThat(js("return window.notReloaded === true")).isEqualTo(true);
        assertThat(jdbc.sql("select status from outreach_item where id = :i").param("i", Long.parseLong(id.substring(5))).query(String.class).single())
                .isEqualTo("APPROVED");

        // Bulk assign: the next three ticked, to a caseworker chosen by name, by phone.
        browser.get(url("/center/outreach?kind=model"));
        List<WebElement> ticks = browser.findElements(By.cssSelector("input[name=ids][form=bulk]"));
        List<Long> chosen = new ArrayList<>();
        for (WebElement t : ticks.subList(0, 3)) {
            t.click();
            chosen.add(Long.parseLong(t.getAttribute("value")));
        }
        WebElement bulk = browser.findElement(By.id("bulk"));
        new Select(bulk.findElement(By.name("op"))).selectByValue("assign");
        new Select(bulk.findElement(By.name("assignee"))).selectByValue("caseworker3");
        new Select(bulk.findElement(By.name("action"))).selectByValue("PHONE");
        CaseworkerBrowserTest.navigate(browser, bulk.findElement(By.cssSelector("button[type=submit]")));
        assertThat(jdbc.sql("select count(*) from outreach_item where id in (:ids) and status = 'ASSIGNED' and assignee = 'caseworker3' and action = 'PHONE'")
                .param("ids", chosen).query(Long.class).single()).isEqualTo(3);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("ASSIGNED", "PHONE");
    }

    @Test
    void c_aCaseSummaryAndTheProgressRegisterAreDownloadedAndReadBack() throws Exception {
        needsBrowser();
        signIn("caseworker");
        String no = someCase("caseworker");
        String child = jdbc.sql("select s.name from case_file c join child_subject s on s.id = c.child_id where c.case_no = :n").param("n", no)
                .query(String.class).single();
        browser.get(url("/center/cases/" + no));
        String summary = browser.findElement(By.cssSelector("a[href$='/summary.pdf']")).getAttribute("href");
        assertThat(pdfText(download(summary))).contains("ケース概要", no, child.replaceAll("[\\s\u3000]", ""));

        signIn(supervisor);
        browser.get(url("/center/cases"));
        String register = browser.findElement(By.cssSelector("a[href$='yotaikyo.pdf']")).getAttribute("href");
        String text = pdfText(download(register));
        List<String> registered = jdbc.sql("""
                select s.name from case_file c join child_subject s on s.id = c.child_id where c.yotaikyo <> 'NONE' and c.status <> 'CLOSED'""")
                .query(String.class).list();
        assertThat(registered).isNotEmpty();
        assertThat(text).contains("進行管理台帳");
        for (String name : registered) {
            assertThat(text).contains(name.replaceAll("[\\s\u3000]", ""));
        }
    }

    @Test
    void d_aRestrictedCaseIsRefusedToAnotherCaseworkerAndTheRefusalAudited() {
        needsBrowser();
        String no = jdbc.sql("select case_no from case_file where restricted order by case_no limit 1").query(String.class).single();
        long before = jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and actor = 'caseworker2' and target like :t")
                .param("t", "%" + no + "%").query(Long.class).single();
        signIn("caseworker2");
        browser.get(url("/center/cases/" + no));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("権限がありません").doesNotContain("DV避難中");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and actor = 'caseworker2' and target like :t")
                .param("t", "%" + no + "%").query(Long.class).single()).isEqualTo(before + 1);
        signIn("caseworker");
        browser.get(url("/center/cases/" + no));
        assertThat(browser.findElement(By.id("case-no")).getText()).isEqualTo(no);
    }

    /** The pages staff live in, by the role that works each, to check at phone width and with axe. */
    Map<String, List<String>> mainPages() {
        String no = someCase("caseworker");
        String child = jdbc.sql("select coalesce(s.person_id, 'L' || s.id) from case_file c join child_subject s on s.id = c.child_id where c.case_no = :n")
                .param("n", no).query(String.class).single();
        Map<String, List<String>> pages = new java.util.LinkedHashMap<>();
        pages.put("caseworker", List.of("/", "/center", "/center/search?q=髙橋", "/center/children/" + child + "?purpose=case:" + no,
                "/center/cases/" + no, "/center/cases", "/center/outreach", "/center/consultations/new", "/me/password"));
        List<String> forSupervisor = new ArrayList<>(List.of("/center/outreach", "/center/review", "/stats", "/center/rules", "/center/linkage",
                "/center/outreach/letter", "/center/codes", "/center/import", "/center/children/new",
                // a child opened without a purpose: the refusal page with its break-glass form
                "/center/children/" + child));
        jdbc.sql("select consultation_no from consultation order by id limit 1").query(String.class).optional()
                .ifPresent(k -> forSupervisor.add("/center/consultations/" + k));
        pages.put(supervisor, forSupervisor);
        pages.put(admin, List.of("/dept", "/dept/loads/1", "/admin/users", "/admin/audit", "/admin/loads"));
        return pages;
    }

    @Test
    void e1_theMainPagesFitAPhoneAndAxeFindsNoSeriousViolation() throws Exception {
        needsBrowser();
        String axe = Files.readString(AXE);
        List<String> problems = new ArrayList<>();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (Map.Entry<String, List<String>> e : mainPages().entrySet()) {
                signIn(e.getKey());
                for (String path : e.getValue()) {
                    browser.get(url(path));
                    String shots = System.getProperty("mimamori.screenshots");
                    if (shots != null) {
                        // -Dmimamori.screenshots=DIR keeps each page as a person sees it on the phone, to look at.
                        Path shot = Path.of(shots, path.replaceAll("[^A-Za-z0-9]+", "_") + ".png");
                        Files.createDirectories(shot.getParent());
                        Files.write(shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                    }
                    long scroll = ((Number) js("return document.documentElement.scrollWidth")).longValue();
                    long inner = ((Number) js("return window.innerWidth")).longValue();
                    if (scroll > inner) {
                        Object wide = js("""
                                const w = window.innerWidth; const out = [];
                                for (const el of document.querySelectorAll('body *')) {
                                  const r = el.getBoundingClientRect();
                                  if (r.right > w + 1 && out.length < 3) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''));
                                }
                                return out.join(', ');""");
                        problems.add(path + ": " + scroll + " px wide at " + inner + " (" + wide + ")");
                    }
                    js(axe);
                    Object found = ((JavascriptExecutor) browser).executeAsyncScript("""
                            const done = arguments[arguments.length - 1];
                            axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')).join('\\n')))
                              .catch(err => done('axe failed: ' + err));""");
                    if (found != null && !found.toString().isBlank()) {
                        problems.add(path + ": " + found);
                    }
                }
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1400));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void e2_theKeyboardSkipsTheMenuAndACasePrintsWithoutMenuOrForms() {
        needsBrowser();
        signIn("caseworker");
        String no = someCase("caseworker");
        browser.get(url("/center/cases/" + no));
        // The first Tab reaches the skip link, shown while it has the focus; Enter puts the focus on the page's content.
        js("document.activeElement.blur()");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("class")).isEqualTo("skip");
        assertThat(focused.getText()).contains("本文へ移動");
        assertThat(((Number) js("return arguments[0].getBoundingClientRect().left", focused)).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(js("return getComputedStyle(arguments[0]).outlineStyle", focused)).isNotEqualTo("none");
        focused.sendKeys(org.openqa.selenium.Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

        // Printed: the record, without the menu, the forms or the buttons.
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            Object shown = js("return [...document.querySelectorAll('header, nav, form, button, details, .skip')]"
                    + ".filter(e => getComputedStyle(e).display !== 'none' && !e.parentElement.closest('header, form, details'))"
                    + ".map(e => e.tagName + (e.id ? '#' + e.id : '')).join(', ')");
            assertThat(shown).as("shown when printed").isEqualTo("");
            assertThat(browser.findElement(By.id("case-no")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("contacts")).getText()).contains("接触記録");
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    // ---- (f) every page any role reaches: no enum name, no source code in what staff read ----

    /** Every constant of every enum of the project's own packages, found on the classpath. */
    static Set<String> enumNames() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition d) {
                return d.getMetadata().isIndependent();
            }
        };
        TypeFilter isEnum = (reader, factory) -> "java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName());
        scan.addIncludeFilter(isEnum);
        Set<String> names = new TreeSet<>();
        for (var d : scan.findCandidateComponents("jp.mimamori")) {
            Class<?> c = Class.forName(d.getBeanClassName());
            if (c.getPackageName().contains(".synth") || c.getName().contains("Test")) {
                continue; // the generator's own vocabulary is no page's
            }
            for (Object constant : c.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
        }
        // The outreach statuses are kept as text with their words beside them, not as an enum.
        names.addAll(jp.mimamori.server.outreach.OutreachService.STATUS.keySet());
        return names;
    }

    /**
     * Enum names that are also words staff read as they are: acronyms and abbreviations of the field
     * (DV, PDF …) that a label may well contain. Each is an ordinary word, not a code.
     */
    static final Set<String> WORDS = Set.of("DV", "PDF", "CSV", "ID", "OK", "NG", "SMS", "HTML", "UTF", "SJIS", "OIDC", "API", "CP932");

    /** The text a person reads on a page: the body's text, placeholders and button values (not the markup). */
    static String visibleText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, template").remove();
        StringBuilder text = new StringBuilder(doc.body() == null ? "" : doc.body().text());
        doc.select("[placeholder]").forEach(e -> text.append(' ').append(e.attr("placeholder")));
        doc.select("input[type=submit], input[type=button]").forEach(e -> text.append(' ').append(e.attr("value")));
        doc.select("[title]").forEach(e -> text.append(' ').append(e.attr("title")));
        text.append(' ').append(doc.title());
        return text.toString();
    }

    /** Where a code stands as a word of its own (not inside a file name such as juki_2026-04.csv or an English word). */
    static Pattern asWord(Set<String> words) {
        return Pattern.compile("(?<![A-Za-z0-9_./-])(" + String.join("|", words.stream().map(Pattern::quote).toList()) + ")(?![A-Za-z0-9_./-])");
    }

    /** A path's shape (ids and numbers as #), so that of 300 cases a few are read, not all. */
    static String shape(String path) {
        return path.replaceAll("\\?.*$", "").replaceAll("[A-Z]?\\d[\\dA-Z-]*", "#");
    }

    @Test
    void f_noPageAnyRoleReachesShowsAnEnumNameOrASourceCode() throws Exception {
        Set<String> enums = new TreeSet<>(enumNames());
        enums.removeIf(n -> n.length() < 2 || WORDS.contains(n));
        assertThat(enums).as("the scan found the server's enums").contains("PROPOSED", "APPROVED", "ASSIGNED", "MEDIUM", "HIGH", "LOGIN_SUCCESS", "SUPPORT");
        Set<String> sources = new TreeSet<>();
        for (SourceSystem s : SourceSystem.values()) {
            sources.add(s.code());
        }
        // A load's bad-row policy is a code too (reject-file): the load pages say it in words.
        for (jp.mimamori.core.extract.BadRowPolicy p : jp.mimamori.core.extract.BadRowPolicy.values()) {
            sources.add(p.key());
        }
        Pattern enumWord = asWord(enums);
        Pattern sourceWord = asWord(sources);

        Map<String, String> accounts = new java.util.LinkedHashMap<>();
        accounts.put("caseworker", "caseworker");
        accounts.put("supervisor", supervisor);
        accounts.put("admin", admin);
        accounts.put("analyst", users.ensure(Role.ANALYST));
        accounts.put("uploader", users.ensure(Role.DEPT_UPLOADER));
        String no = someCase("caseworker");
        List<String> seeds = List.of("/", "/me/password", "/center/search?q=" + java.net.URLEncoder.encode("髙橋", StandardCharsets.UTF_8), "/center/search?q=" + no.substring(0, 5),
                "/center/cases/" + no, "/center/outreach?status=DISMISSED", "/center/outreach?status=ASSIGNED", "/center/outreach?status=APPROVED",
                "/admin/loads", "/dept/loads/1", "/stats");

        List<String> problems = new ArrayList<>();
        int pagesRead = 0;
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            MockHttpSession session = TestUsers.signIn(mvc, account.getValue());
            Deque<String> queue = new ArrayDeque<>(seeds);
            Set<String> seen = new java.util.HashSet<>(seeds);
            Map<String, Integer> perShape = new HashMap<>();
            while (!queue.isEmpty() && pagesRead < 2_000) {
                String path = queue.poll();
                if (perShape.merge(shape(path), 1, Integer::sum) > 3) {
                    continue;
                }
                MockHttpServletResponse r = mvc.perform(get(URI.create(path)).session(session)).andReturn().getResponse();
                String type = r.getContentType();
                if (r.getStatus() >= 300 && r.getStatus() < 400 || type == null || !type.startsWith("text/html")) {
                    continue;
                }
                pagesRead++;
                String html = r.getContentAsString(StandardCharsets.UTF_8);
                String text = visibleText(html);
                for (Pattern p : List.of(enumWord, sourceWord)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        int from = Math.max(0, m.start() - 30);
                        problems.add(account.getKey() + " " + path + ": " + m.group(1) + " in «" + text.substring(from, Math.min(text.length(), m.end() + 30)) + "»");
                    }
                }
                for (org.jsoup.nodes.Element a : Jsoup.parse(html, url("/")).select("a[href]")) {
                    String href = a.attr("href");
                    if (!href.startsWith("/") || href.startsWith("//") || href.startsWith("/logout") || href.contains("#")
                            || href.matches(".*\\.(pdf|xlsx|csv|ico|js|css)(\\?.*)?$")) {
                        continue;
                    }
                    if (seen.add(href)) {
                        queue.add(href);
                    }
                }
            }
        }
        org.slf4j.LoggerFactory.getLogger(CityPagesTest.class).info("page-text crawl: {} pages read for {} roles", pagesRead, accounts.size());
        assertThat(pagesRead).as("pages read").isGreaterThan(60);
        assertThat(problems).as(problems.size() + " raw codes on pages:\n" + String.join("\n", problems.stream().distinct().limit(80).toList())).isEmpty();
    }
}
