package jp.mimamori.server.cases;

import java.util.Arrays;
import java.util.Optional;

/** 緊急度 (urgency) of a consultation. */
public enum Urgency {
    LOW("低", "low"), MEDIUM("中", "medium"), HIGH("高", "high"), EMERGENCY("緊急", "emergency");

    private final String labelJa;
    private final String labelEn;

    Urgency(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }

    /** By its Japanese label as ledgers write it (高, 中, 低, 緊急) or its English name. */
    public static Optional<Urgency> parse(String text) {
        String t = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(u -> u.labelJa.equals(t) || u.name().equalsIgnoreCase(t)).findFirst();
    }
}
