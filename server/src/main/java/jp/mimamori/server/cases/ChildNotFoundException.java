package jp.mimamori.server.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A child, consultation or case reference that names nothing: answered with 404, never 500. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ChildNotFoundException extends RuntimeException {

    public ChildNotFoundException(String ref) {
        super("見つかりません / not found: " + ref);
    }
}
