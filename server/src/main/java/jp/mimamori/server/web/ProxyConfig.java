package jp.mimamori.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Behind the city's TLS-terminating reverse proxy. X-Forwarded-For and X-Forwarded-Proto are believed
 * only from the addresses listed in {@code mimamori.proxy.trusted} (comma-separated IP addresses or
 * CIDR ranges, default none): from anywhere else anybody could claim to be any client, or to have come
 * over TLS. A request from a trusted proxy saying {@code X-Forwarded-Proto: https} is treated as
 * secure: the session cookie is marked Secure (Tomcat does so for a secure request) and HSTS is sent
 * (Spring Security does so for a secure request); the audit log records the client's address from
 * X-Forwarded-For instead of the proxy's. X-Forwarded-Host is never used (see {@link PublicBaseUrl}).
 *
 * <p>This is Tomcat's RemoteIpValve, configured here rather than by {@code server.forward-headers-strategy},
 * whose defaults trust every private address; application.yml sets that strategy to none, so that
 * Spring Boot adds no valve of its own even on a platform it thinks is a cloud.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProxyConfig {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})(\\.\\d{1,3}){3}(/\\d{1,2})?$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(/\\d{1,3})?$");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(@Value("${mimamori.proxy.trusted:}") String trusted) {
        List<String> proxies = parse(trusted);
        return factory -> {
            if (proxies.isEmpty()) {
                return; // no proxy configured: forwarded headers are ignored, as if they were not there
            }
            RemoteIpValve valve = new RemoteIpValve();
            valve.setInternalProxies(String.join(", ", proxies));
            valve.setTrustedProxies(null);
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setProtocolHeaderHttpsValue("https");
            valve.setHostHeader(null);
            valve.setPortHeader(null);
            factory.addEngineValves(valve);
        };
    }

    /** The configured addresses, each checked to be an IP address or CIDR range (a host name would need DNS on every request). */
    static List<String> parse(String trusted) {
        List<String> out = new ArrayList<>();
        for (String part : (trusted == null ? "" : trusted).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!IPV4.matcher(p).matches() && !IPV6.matcher(p).matches()) {
                throw new IllegalArgumentException("mimamori.proxy.trusted にはIPアドレスかCIDR（例 10.0.0.5, 192.168.10.0/24）を書いてください: " + p
                        + " / mimamori.proxy.trusted takes IP addresses or CIDR ranges (e.g. 10.0.0.5, 192.168.10.0/24): " + p);
            }
            out.add(p);
        }
        return out;
    }
}
