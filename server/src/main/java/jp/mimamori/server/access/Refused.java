package jp.mimamori.server.access;

import org.springframework.security.access.AccessDeniedException;

/**
 * A service's own refusal of something the role may do in general but this person may not do here (a
 * letter or an outcome of another caseworker's outreach item). It is an access refusal like any other:
 * 403, an ACCESS_DENIED audit row with the reason, and the reason on the page, in both languages.
 */
public class Refused extends AccessDeniedException {

    private final String ja;
    private final String en;

    public Refused(String ja, String en) {
        super(ja + " / " + en);
        this.ja = ja;
        this.en = en;
    }

    public String ja() {
        return ja;
    }

    public String en() {
        return en;
    }
}
