package jp.mimamori.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * Pieces of redirect targets that come from a request (a child's reference, a case number, a purpose
 * typed on a page), encoded so that the Location header is plain ASCII. Unencoded, a Japanese reference
 * made Tomcat drop the header (a 302 going nowhere), and a "/", "?", "#" or "{" in one would point
 * the browser somewhere else or be taken for a URI template variable.
 */
public final class Redirects {

    private Redirects() {
    }

    /** One path segment: every character outside RFC 3986's unreserved set percent-encoded as UTF-8, "/" included. */
    public static String segment(String s) {
        return UriUtils.encodePathSegment(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /** A query parameter value as a form decodes it (space as "+", "+" as %2B). */
    public static String param(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
