package jp.mimamori.synth;

/** 続柄 (relationship to the head of household) as the resident registry writes it. */
enum Relation {
    HEAD("世帯主"), WIFE("妻"), HUSBAND("夫"), CHILD("子"), FATHER("父"), MOTHER("母"), GRANDCHILD("孫"), LODGER("同居人");

    final String kanji;

    Relation(String kanji) {
        this.kanji = kanji;
    }
}
