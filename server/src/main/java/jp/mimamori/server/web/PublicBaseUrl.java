package jp.mimamori.server.web;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address people use to reach Mimamori, e.g. https://mimamori.city.example.lg.jp behind the city's
 * reverse proxy ({@code mimamori.public-base-url}, default http://localhost:8080). The only place an
 * absolute URL of ours is built from (the redirect URI registered at the city's OIDC provider): never
 * the request's Host header, which the client chooses. Every other redirect is relative
 * ({@code server.tomcat.use-relative-redirects}), so Tomcat does not make it absolute from the Host either.
 */
@Component
public class PublicBaseUrl {

    private final String url;

    public PublicBaseUrl(@Value("${mimamori.public-base-url:http://localhost:8080}") String configured) {
        this.url = check(configured);
    }

    public String url() {
        return url;
    }

    /** {@code base} without a trailing slash, refused unless it is an absolute http(s) URL without query or fragment. */
    static String check(String base) {
        String b = base == null ? "" : base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        try {
            URI u = new URI(b);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && u.getQuery() == null
                    && u.getFragment() == null && u.getUserInfo() == null) {
                return b;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("mimamori.public-base-url は https://ホスト名[:ポート] の形で指定してください: " + base
                + " / mimamori.public-base-url must be an absolute http(s) URL such as https://mimamori.city.example.lg.jp: " + base);
    }
}
