package jp.mimamori.synth;

/**
 * A dwelling: town (町名) index, 丁目 (0 where the town has none), 番, 号, and for apartments a
 * building index and room number (-1 / 0 for a house).
 */
record Address(int town, int chome, int ban, int go, int building, int room) {

    boolean isApartment() {
        return building >= 0;
    }
}
