package jp.mimamori.synth;

import java.time.LocalDate;

/** A past consultation at the centre (the history the centre kept in Excel before Mimamori). */
record Consultation(int number, LocalDate date, String channel, String contact, String types, String urgency,
                    String content, String staff) {
}
