package jp.mimamori.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A name split into surname and given name. Sources write "高橋　陽翔", "高橋 陽翔" or "高橋陽翔";
 * romanised foreign names come as "NGUYEN VAN AN" (surname first, as the registry writes them).
 * {@code split} is false when a name without a separator matched no known surname.
 */
public record PersonName(String surname, String given, boolean split) {

    private static final Set<String> SURNAMES = loadSurnames();
    private static final int LONGEST = SURNAMES.stream().mapToInt(String::length).max().orElse(4);

    public static PersonName parse(String raw) {
        String s = JapaneseText.clean(raw);
        int space = s.indexOf(' ');
        if (space > 0) {
            return new PersonName(s.substring(0, space), s.substring(space + 1), true);
        }
        for (int len = Math.min(LONGEST, s.length() - 1); len >= 1; len--) {
            String head = s.substring(0, len);
            if (SURNAMES.contains(head) || SURNAMES.contains(JapaneseText.nameKey(head))) {
                return new PersonName(head, s.substring(len), true);
            }
        }
        return new PersonName(s, "", false);
    }

    private static Set<String> loadSurnames() {
        Set<String> s = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PersonName.class.getResourceAsStream("surnames.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    s.add(line.strip());
                    s.add(JapaneseText.nameKey(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }
}
