package jp.mimamori.core.date;

/** A date that could not be read, with the reason in Japanese and English. */
public class DateParseException extends IllegalArgumentException {

    private final String value;
    private final String reasonJa;
    private final String reasonEn;

    public DateParseException(String value, String reasonJa, String reasonEn) {
        super(reasonJa + " / " + reasonEn + ": '" + value + "'");
        this.value = value;
        this.reasonJa = reasonJa;
        this.reasonEn = reasonEn;
    }

    public String value() { return value; }

    public String reasonJa() { return reasonJa; }

    public String reasonEn() { return reasonEn; }
}
