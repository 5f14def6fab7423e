package jp.mimamori.server.browser;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import jp.mimamori.server.cases.CasesFixture;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outreach in a real browser: the assessment proposes children; a supervisor approves one and assigns
 * it to a caseworker with an action; the caseworker records that the family was connected to support;
 * the next assessment counts the child among those who came forward and does not propose it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mimamori.data-dir=target/test-data-outreach", "mimamori.db.embedded.clean=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachBrowserTest {

    @LocalServerPort int port;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired AssessService assess;

    @TempDir static Path city;
    WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CaseworkerBrowserTest.CHROMIUM) && Files.isExecutable(CaseworkerBrowserTest.CHROMEDRIVER),
                "chromium / chromedriver not installed: apt-get install -y chromium chromium-driver (.ci/run does)");
        CasesFixture.cityLinked(ingest, identity, city, 3_000, 31);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CaseworkerBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CaseworkerBrowserTest.CHROMEDRIVER.toFile()).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD);
        CaseworkerBrowserTest.navigate(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(browser.findElement(By.id("whoami")).getText()).contains(user);
    }

    /** Clicks and waits for htmx to replace the item (the old element goes stale). */
    void swap(WebElement item, WebElement clickable) {
        clickable.click();
        CaseworkerBrowserTest.waitGone(browser, item);
    }

    @Test
    void aSupervisorAssignsACaseworkerConnectsTheFamilyAndTheNextAssessmentLearnsFromIt() {
        String supervisor = users.ensure(Role.CENTER_SUPERVISOR);
        String caseworker = users.ensure(Role.CENTER_CASEWORKER);
        AssessService.Summary first = SystemActor.runAs("t-admin", Role.ADMIN, () -> assess.run(Actor.current()));
        long proposed = jdbc.sql("select count(*) from outreach_item where assess_run = :r").param("r", first.runId()).query(Long.class).single();
        assertThat(proposed).isPositive();
        assertThat(jdbc.sql("select count(*) from outreach_item where assess_run = :r and reasons = ''").param("r", first.runId()).query(Long.class).single())
                .as("every proposed child carries a reason").isZero();

        signIn(supervisor);
        browser.get("http://localhost:" + port + "/center/outreach");
        WebElement item = browser.findElement(By.cssSelector("section.card[id^=item-]"));
        long id = Long.parseLong(item.getAttribute("id").substring("item-".length()));
        String person = jdbc.sql("select person_id from outreach_item where id = :i").param("i", id).query(String.class).single();
        assertThat(item.findElement(By.cssSelector(".reasons")).getText()).isNotBlank();
        // Approve and assign swap only the item (htmx): the page is not reloaded, so a mark set on it survives.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        swap(item, item.findElement(By.cssSelector("form.approve button")));
        item = browser.findElement(By.id("item-" + id));
        assertThat(item.findElement(By.cssSelector(".status")).getText()).contains("承認済み").doesNotContain("APPROVED");
        new Select(item.findElement(By.cssSelector("form.assign select[name=assignee]"))).selectByValue(caseworker);
        new Select(item.findElement(By.cssSelector("form.assign select[name=action]"))).selectByValue("VISIT");
        swap(item, item.findElement(By.cssSelector("form.assign button")));
        assertThat(browser.findElement(By.id("item-" + id)).findElement(By.cssSelector(".status")).getText()).contains("割当済み");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);

        signIn(caseworker);
        browser.get("http://localhost:" + port + "/center/outreach");
        WebElement mine = browser.findElement(By.id("item-" + id));
        // The outreach is the caseworker's purpose to open the child's record.
        CaseworkerBrowserTest.navigate(browser, mine.findElement(By.cssSelector("h2 a")));
        assertThat(browser.findElement(By.id("purpose")).getText()).isEqualTo("outreach:" + id);
        browser.get("http://localhost:" + port + "/center/outreach");
        mine = browser.findElement(By.id("item-" + id));
        new Select(mine.findElement(By.name("outcome"))).selectByValue("CONNECTED");
        mine.findElement(By.name("note")).sendKeys("家庭訪問で母と面談、子育て支援につないだ");
        swap(mine, mine.findElement(By.cssSelector("form.outcome button")));
        assertThat(browser.findElement(By.id("item-" + id)).findElement(By.cssSelector(".status")).getText()).contains("完了");
        browser.get("http://localhost:" + port + "/center/outreach");
        assertThat(browser.findElements(By.id("item-" + id))).as("done: off the caseworker's list").isEmpty();

        AssessService.Summary next = SystemActor.runAs("t-admin", Role.ADMIN, () -> assess.run(Actor.current()));
        assertThat(next.positives()).isEqualTo(first.positives() + 1);
        assertThat(jdbc.sql("select rank from child_score where run_id = :r and person_id = :p").param("r", next.runId()).param("p", person)
                .query(Integer.class).optional().orElse(null)).as("a positive now, not ranked among those not come forward").isNull();
        assertThat(jdbc.sql("select count(*) from outreach_item where assess_run = :r and person_id = :p").param("r", next.runId()).param("p", person)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'OUTREACH_OUTCOME' and target = :t").param("t", "outreach:" + id)
                .query(Long.class).single()).isEqualTo(1);
    }
}
