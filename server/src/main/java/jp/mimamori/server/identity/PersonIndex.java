package jp.mimamori.server.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.core.text.PersonName;
import jp.mimamori.server.db.Copy;

/**
 * Builds the search index of one linkage run: a profile per person (from their registry record where
 * there is one) and every key their names fold to, so that the centre finds 髙橋 by 高橋, たかはし or
 * ﾀｶﾊｼ, by given name alone, or by a prefix of either. Written with the run, in its transaction, a person at
 * a time (at a million residents the whole index is hundreds of MiB of text).
 */
final class PersonIndex {

    private PersonIndex() {
    }

    /**
     * A person's profile row: from their registry (住基) record where there is one, else from their first
     * source's record, the latest month of it in either case; and every source they are in.
     */
    static void profile(Copy.Rows out, long runId, String personId, String householdId, boolean child,
                        List<IdentityService.SourceRow> records) {
        IdentityService.SourceRow best = records.get(0);
        Set<String> sources = new TreeSet<>();
        for (IdentityService.SourceRow r : records) {
            sources.add(r.source());
            if ("juki".equals(r.source()) && !"juki".equals(best.source())
                    || r.source().equals(best.source()) && r.month().isAfter(best.month())) {
                best = r;
            }
        }
        IdentityService.SourceRow b = best;
        String addressKey = b.address() == null ? null : addressKey(b.address());
        out.row(personId, runId, householdId, child, b.name(), b.kana(), b.birth(), "1".equals(b.sex()) ? "M" : "2".equals(b.sex()) ? "F" : null,
                b.address(), addressKey, String.join(" ", sources), "juki".equals(b.source()) ? b.leftOn() : null);
    }

    /** Every key the person's names fold to, once each. */
    static void keys(Copy.Rows out, String personId, List<IdentityService.SourceRow> records) {
        Set<String> personKeys = new LinkedHashSet<>();
        for (IdentityService.SourceRow r : records) {
            personKeys.addAll(nameKeys(r.name(), r.kana()));
        }
        for (String k : personKeys) {
            out.row(k, personId);
        }
    }

    /** The keys a name is found by: full name and given name, written and read. */
    static Set<String> nameKeys(String name, String kana) {
        Set<String> out = new LinkedHashSet<>();
        if (name != null && !name.isBlank()) {
            out.add(JapaneseText.nameKey(name));
            PersonName n = PersonName.parse(name);
            if (n.split() && !n.given().isBlank()) {
                out.add(JapaneseText.nameKey(n.given()));
            }
        }
        if (kana != null && !kana.isBlank()) {
            out.add(JapaneseText.readingKey(kana));
            String cleaned = JapaneseText.clean(kana).replace('　', ' ');
            int space = cleaned.indexOf(' ');
            if (space > 0 && space < cleaned.length() - 1) {
                out.add(JapaneseText.readingKey(cleaned.substring(space + 1)));
            }
        }
        out.remove("");
        return out;
    }

    /** An address as a prefix-searchable key: 町名|丁目|番|号, or the folded text where it does not parse. */
    static String addressKey(String address) {
        return JapaneseAddress.parse(address).map(JapaneseAddress::streetKey).orElse(JapaneseText.nameKey(address));
    }
}
