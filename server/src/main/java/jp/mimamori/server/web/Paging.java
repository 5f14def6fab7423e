package jp.mimamori.server.web;

/** A page number as staff read it (1-based, from a query parameter), shared by every paged list. */
public final class Paging {

    public static final String BAD_PAGE_JA = "ページ番号は1以上の整数で指定してください";
    public static final String BAD_PAGE_EN = "the page must be a whole number from 1";

    private Paging() {
    }

    /** 1 for none; null for anything that is not a whole number from 1 to a million (the caller answers 400). */
    public static Integer pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        try {
            int p = Integer.parseInt(page.strip());
            return p >= 1 && p <= 1_000_000 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
