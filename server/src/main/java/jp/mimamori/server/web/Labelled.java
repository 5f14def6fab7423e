package jp.mimamori.server.web;

/**
 * A code or enum value with the words staff read for it. Pages show {@code ${@labels.of(x)}}, never
 * the value's name: an enum that implements this carries its own label, so a new value cannot be
 * added without one.
 */
public interface Labelled {

    /** The Japanese label staff read (the English may follow after " / "). */
    String label();
}
