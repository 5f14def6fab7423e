package jp.mimamori.core.extract;

/** A source definition file that cannot be used, with where and why, in Japanese and English. */
public class DefinitionException extends RuntimeException {

    public DefinitionException(String where, String ja, String en) {
        super(where + ": " + ja + " / " + en);
    }
}
