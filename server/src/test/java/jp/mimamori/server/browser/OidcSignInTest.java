package jp.mimamori.server.browser;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.access.UserService;
import jp.mimamori.testidp.CityIdp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in through the city's OIDC provider, end to end in a real browser: a real provider (Spring
 * Authorization Server) on one port, Mimamori on another, configured only by properties. The provider
 * proves who the person is; the local account decides the role; a disabled local account is refused
 * even when the provider says yes. The two servers are on different host names (localhost and
 * 127.0.0.1) so that their session cookies do not collide, as they would not on a city's network.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"mimamori.data-dir=target/test-data-oidc", "mimamori.db.embedded.clean=true",
            "mimamori.oidc.client-id=mimamori", "mimamori.oidc.client-secret=city-secret", "mimamori.oidc.username-claim=sub"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {

    static final int IDP_PORT = freePort();
    /** Mimamori's own port, known before it starts: the redirect URI registered at the provider comes from mimamori.public-base-url. */
    static final int PORT = freePort();
    static final String PERSON = "t-oidc-caseworker";

    @LocalServerPort int port;
    @Autowired TestUsers users;
    @Autowired UserService userService;
    @Autowired JdbcClient jdbc;

    ConfigurableApplicationContext idp;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry r) {
        r.add("mimamori.oidc.issuer-uri", () -> "http://localhost:" + IDP_PORT);
        r.add("server.port", () -> PORT);
        r.add("mimamori.public-base-url", () -> "http://127.0.0.1:" + PORT);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void startProvider() {
        Assumptions.assumeTrue(Files.isExecutable(CaseworkerBrowserTest.CHROMIUM) && Files.isExecutable(CaseworkerBrowserTest.CHROMEDRIVER),
                "chromium / chromedriver not installed: apt-get install -y chromium chromium-driver (.ci/run does)");
        String client = "spring.security.oauth2.authorizationserver.client.mimamori.";
        // Command-line arguments, not default properties: they must win over the application.yml on the classpath.
        idp = new SpringApplicationBuilder(CityIdp.class).run(
                "--server.port=" + IDP_PORT,
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "--spring.main.banner-mode=off",
                "--spring.security.user.name=" + PERSON,
                "--spring.security.user.password=idp-password-123",
                "--spring.security.oauth2.authorizationserver.issuer=http://localhost:" + IDP_PORT,
                "--" + client + "registration.client-id=mimamori",
                "--" + client + "registration.client-secret={noop}city-secret",
                "--" + client + "registration.client-authentication-methods=client_secret_basic",
                "--" + client + "registration.authorization-grant-types=authorization_code",
                "--" + client + "registration.redirect-uris=http://127.0.0.1:" + port + "/login/oauth2/code/city",
                "--" + client + "registration.scopes=openid,profile",
                "--" + client + "require-authorization-consent=false");
    }

    @AfterAll
    void stopProvider() {
        if (idp != null) {
            idp.close();
        }
    }

    WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CaseworkerBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1200");
        WebDriver b = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CaseworkerBrowserTest.CHROMEDRIVER.toFile()).build(), options);
        b.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return b;
    }

    /** From Mimamori's sign-in page, through the provider's, and back; returns where the browser ends. */
    String signInThroughTheCity(WebDriver b) {
        b.get("http://127.0.0.1:" + port + "/login");
        b.findElement(By.id("oidc")).click();
        new WebDriverWait(b, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("localhost:" + IDP_PORT));
        b.findElement(By.name("username")).sendKeys(PERSON);
        b.findElement(By.name("password")).sendKeys("idp-password-123");
        b.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(b, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("127.0.0.1:" + port));
        return b.getCurrentUrl();
    }

    @Test
    void theCitysProviderSignsInALocalAccountWithItsOwnRoleAndNeverADisabledOne() {
        users.ensure(PERSON, Role.CENTER_CASEWORKER, null);
        WebDriver b = browser();
        try {
            assertThat(signInThroughTheCity(b)).endsWith(":" + port + "/");
            assertThat(b.findElement(By.id("whoami")).getText()).contains(PERSON, Role.CENTER_CASEWORKER.labelJa());
            b.get("http://127.0.0.1:" + port + "/center");
            assertThat(b.getTitle()).contains("センター");
        } finally {
            b.quit();
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_SUCCESS' and actor = :u").param("u", PERSON)
                .query(Long.class).single()).isPositive();

        SystemActor.runAs("t-admin", Role.ADMIN, () -> {
            userService.setEnabled(Actor.current(), PERSON, false);
            return null;
        });
        WebDriver again = browser();
        try {
            assertThat(signInThroughTheCity(again)).contains("/login?oidc-error");
            again.get("http://127.0.0.1:" + port + "/center");
            assertThat(again.getCurrentUrl()).endsWith("/login");
        } finally {
            again.quit();
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_FAILURE' and detail like '%no enabled Mimamori account%'")
                .query(Long.class).single()).isPositive();
    }
}
