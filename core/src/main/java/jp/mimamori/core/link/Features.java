package jp.mimamori.core.link;

import java.time.LocalDate;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.core.text.PersonName;

/** A record's comparison keys, computed once. */
final class Features {

    final String surname;
    final String given;
    final String fullName;
    final String surnameKana;
    final String givenKana;
    final String kana;
    final LocalDate birth;
    final int sex;
    final String street;
    final String townChome;

    Features(LinkRecord r) {
        if (r.name() != null && !r.name().isBlank()) {
            PersonName n = PersonName.parse(r.name());
            surname = JapaneseText.nameKey(n.surname());
            given = n.given().isEmpty() ? null : JapaneseText.nameKey(n.given());
            fullName = JapaneseText.nameKey(r.name());
        } else {
            surname = null;
            given = null;
            fullName = null;
        }
        if (r.kana() != null && !r.kana().isBlank()) {
            String k = JapaneseText.clean(r.kana());
            int space = k.indexOf(' ');
            surnameKana = space > 0 ? JapaneseText.readingKey(k.substring(0, space)) : null;
            givenKana = space > 0 ? JapaneseText.readingKey(k.substring(space + 1)) : null;
            kana = JapaneseText.readingKey(k);
        } else {
            surnameKana = null;
            givenKana = null;
            kana = null;
        }
        birth = r.birth();
        sex = "1".equals(r.sex()) ? 1 : "2".equals(r.sex()) ? 2 : 0;
        JapaneseAddress a = r.address() == null || r.address().isBlank() ? null : JapaneseAddress.parse(r.address()).orElse(null);
        if (a != null) {
            street = a.streetKey();
            townChome = JapaneseText.nameKey(a.town()) + "|" + a.chome();
        } else {
            // Not a Japanese address (dedupe of any CSV): compare the whole normalised address.
            street = r.address() == null || r.address().isBlank() ? null : JapaneseText.nameKey(r.address());
            townChome = null;
        }
    }
}
