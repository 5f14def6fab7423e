package jp.mimamori.synth;

enum HouseholdType {
    SINGLE("単身"),
    COUPLE("夫婦のみ"),
    COUPLE_WITH_CHILDREN("夫婦と子"),
    SINGLE_MOTHER("母子"),
    SINGLE_FATHER("父子"),
    THREE_GENERATION("三世代");

    final String kanji;

    HouseholdType(String kanji) {
        this.kanji = kanji;
    }

    boolean singleParent() {
        return this == SINGLE_MOTHER || this == SINGLE_FATHER;
    }
}
