package jp.mimamori.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The caseworker's day in a real browser (Debian's headless chromium driven by Selenium) against the
 * real server and database: sign in, find a child by a variant spelling of the surname, record a
 * consultation, open a case, add a referral, set a follow-up in the past, see the overdue alert on the
 * home page, close the case. Skipped, saying so, only where chromium is not installed (.ci/run installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mimamori.data-dir=target/test-data-browser", "mimamori.db.embedded.clean=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseworkerBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort int port;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;

    @TempDir static Path city;
    WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium / chromedriver not installed: apt-get install -y chromium chromium-driver (.ci/run does)");
        CasesFixture.cityLinked(ingest, identity, city, 2_000, 23);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=ja");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * Clicks something that loads a new page and waits until the old page is gone, so that the next
     * lookup cannot find an element of the page being left (a stale element).
     */
    static void navigate(WebDriver browser, WebElement clickable) {
        WebElement page = browser.findElement(By.tagName("html"));
        clickable.click();
        waitGone(browser, page);
    }

    /**
     * Waits until an element has left the document (a new page, or an htmx swap). Selenium's stalenessOf is not
     * enough: chromedriver 156 sometimes answers a replaced node with an inspector error ("Node with given id does
     * not belong to the document") instead of a stale-element error, which stalenessOf lets through as a failure.
     */
    static void waitGone(WebDriver browser, WebElement element) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    void setValue(WebElement input, String value) {
        // Date inputs take typed keys in the browser's locale; setting the value is what a date picker does.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
    }

    @Test
    void aCaseworkerRecordsAConsultationOpensAndClosesACaseAndSeesTheOverdueAlert() {
        String user = users.ensure(Role.CENTER_CASEWORKER);
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 0);

        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD);
        navigate(browser, browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(browser.findElement(By.id("whoami")).getText()).contains(user);

        // Search by the old kanji form of the surname.
        browser.get(url("/center"));
        browser.findElement(By.id("q")).sendKeys(child.variantSpelling());
        navigate(browser, browser.findElement(By.cssSelector("form.search button")));
        navigate(browser, browser.findElement(By.cssSelector("#hits a[href*='" + child.personId() + "']")));
        assertThat(browser.findElement(By.id("child-name")).getText()).isEqualTo(child.name());

        // Record a consultation.
        navigate(browser, browser.findElement(By.id("new-consultation")));
        new Select(browser.findElement(By.name("channel"))).selectByValue("phone");
        new Select(browser.findElement(By.name("contact"))).selectByValue("school");
        new Select(browser.findElement(By.name("urgency"))).selectByValue("HIGH");
        browser.findElement(By.cssSelector("input[name=type][value=school_refusal]")).click();
        browser.findElement(By.name("content")).sendKeys("学校より：2週間登校していない。家庭と連絡がつかない。");
        navigate(browser, browser.findElement(By.cssSelector("#consultation-form button[type=submit]")));
        assertThat(browser.findElement(By.id("content")).getText()).contains("2週間登校していない");

        // Open a case from it.
        navigate(browser, browser.findElement(By.xpath("//button[contains(., 'ケースを開始')]")));
        String caseNo = browser.findElement(By.id("case-no")).getText();
        assertThat(caseNo).matches("C\\d{4}-\\d{5}");

        // Add a referral to the school, with consent.
        WebElement referral = browser.findElement(By.id("referral-form"));
        new Select(referral.findElement(By.name("direction"))).selectByValue("TO");
        new Select(referral.findElement(By.name("agency"))).selectByValue("school");
        new Select(referral.findElement(By.name("basis"))).selectByValue("CONSENT_ORAL");
        referral.findElement(By.name("content")).sendKeys("担任に登校状況の見守りを依頼");
        navigate(browser, referral.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.findElement(By.id("referrals")).getText()).contains("担任に登校状況の見守りを依頼", "口頭同意");

        // A follow-up due in the past.
        WebElement followUp = browser.findElement(By.id("follow-up-form"));
        followUp.findElement(By.name("action")).clear();
        followUp.findElement(By.name("action")).sendKeys("家庭訪問");
        setValue(followUp.findElement(By.name("due")), LocalDate.now().minusDays(3).toString());
        navigate(browser, followUp.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.findElement(By.id("next-action")).getText()).contains("家庭訪問");

        // The home page says it is overdue.
        browser.get(url("/"));
        WebElement alerts = browser.findElement(By.id("alerts"));
        assertThat(alerts.getText()).contains("期限超過", caseNo, "家庭訪問");

        // Close the case.
        navigate(browser, alerts.findElement(By.linkText(caseNo)));
        WebElement status = browser.findElement(By.id("status-form"));
        new Select(status.findElement(By.name("status"))).selectByValue("CLOSED");
        status.findElement(By.name("note")).sendKeys("登校再開を確認し終結");
        navigate(browser, status.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.findElement(By.id("status")).getText()).contains("終結");
        assertThat(jdbc.sql("select status from case_file where case_no = :n").param("n", caseNo).query(String.class).single()).isEqualTo("CLOSED");
        browser.get(url("/"));
        assertThat(browser.findElement(By.id("alerts")).getText()).doesNotContain(caseNo);
    }
}
