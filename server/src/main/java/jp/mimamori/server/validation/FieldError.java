package jp.mimamori.server.validation;

/** A rejected field with the reason in Japanese and English. */
public record FieldError(String field, String messageJa, String messageEn) {

    public String message() {
        return messageJa + " / " + messageEn;
    }
}
