package jp.mimamori.synth;

enum Sex {
    MALE("1", "男"), FEMALE("2", "女");

    final String code;
    final String kanji;

    Sex(String code, String kanji) {
        this.code = code;
        this.kanji = kanji;
    }
}
