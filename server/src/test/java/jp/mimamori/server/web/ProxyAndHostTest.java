package jp.mimamori.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real Tomcat behind the city's TLS-terminating proxy (127.0.0.1 here): forwarded headers count only
 * from the proxy, a request it says came over TLS gets a Secure session cookie and HSTS, the audit log
 * names the real client, and no redirect ever carries the Host header a client sent.
 */
@WebTierTest
class ProxyAndHostTest {

    static final String PROXY = "127.0.0.1";
    static final String ELSEWHERE = "127.0.0.2";

    @LocalServerPort int port;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @Test
    void throughTheTrustedProxyOverTlsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        RawHttp.Response r = RawHttp.get(PROXY, port, "/login", "mimamori.city.example", "X-Forwarded-Proto: https", "X-Forwarded-For: 10.20.30.40");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));
        assertThat(r.header("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void fromAnyOtherAddressTheForwardedHeadersAreIgnored() throws Exception {
        RawHttp.Response r = RawHttp.get(ELSEWHERE, port, "/login", "mimamori.city.example", "X-Forwarded-Proto: https", "X-Forwarded-For: 10.20.30.40");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all("Set-Cookie")).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("secure"));
        assertThat(r.header("Strict-Transport-Security")).isNull();
        // Plain HTTP straight from the proxy (no X-Forwarded-Proto): not secure either.
        assertThat(RawHttp.get(PROXY, port, "/login", "mimamori.city.example").header("Strict-Transport-Security")).isNull();
    }

    /** Signs in over the given connection and returns the audit row's client address. */
    String signInAndAuditedAddress(String from, String user) throws Exception {
        RawHttp.Response form = RawHttp.get(from, port, "/login", "mimamori.city.example", "X-Forwarded-Proto: https", "X-Forwarded-For: 10.20.30.40");
        String cookie = form.all("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow().split(";")[0];
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        long before = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
        RawHttp.Response r = RawHttp.post(from, port, "/login", "mimamori.city.example",
                "username=" + user + "&password=" + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + m.group(1),
                "Cookie: " + cookie, "X-Forwarded-Proto: https", "X-Forwarded-For: 10.20.30.40");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/");
        return jdbc.sql("select remote_addr from audit_event where id > :b and action = 'LOGIN_SUCCESS' and actor = :u")
                .param("b", before).param("u", user).query(String.class).single();
    }

    @Test
    void theAuditLogNamesTheClientBehindTheProxyAndOnlyThere() throws Exception {
        String user = users.ensure(Role.CENTER_CASEWORKER);
        assertThat(signInAndAuditedAddress(PROXY, user)).isEqualTo("10.20.30.40");
        assertThat(signInAndAuditedAddress(ELSEWHERE, user)).as("a forged X-Forwarded-For from elsewhere").isEqualTo(ELSEWHERE);
    }

    @Test
    void aRedirectNeverCarriesTheHostHeaderTheClientSent() throws Exception {
        for (String path : new String[] {"/center", "/admin/users", "/", "/center/children/山田?purpose=x"}) {
            RawHttp.Response r = RawHttp.get(ELSEWHERE, port, path.replace("山田", "%E5%B1%B1%E7%94%B0"), "evil.example");
            assertThat(r.status()).as(path).isEqualTo(302);
            assertThat(r.header("Location")).as(path).isEqualTo("/login");
        }
        RawHttp.Response failed = RawHttp.post(ELSEWHERE, port, "/login", "evil.example", "username=nobody&password=x");
        assertThat(String.join("\n", failed.headers())).as("no CSRF token: refused without pointing elsewhere").doesNotContain("evil.example");
        RawHttp.Response logout = RawHttp.get(PROXY, port, "/login?logout", "evil.example", "X-Forwarded-Proto: https");
        assertThat(String.join("\n", logout.headers())).doesNotContain("evil.example");
    }
}
