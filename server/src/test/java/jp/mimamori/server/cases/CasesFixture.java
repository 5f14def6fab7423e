package jp.mimamori.server.cases;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.synth.SyntheticCity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A small synthetic city ingested and linked once per database, and a child whose surname has an old kanji form. */
public final class CasesFixture {

    /** Standard form → old or variant form, from the project's variant table. */
    static final Map<Character, Character> OLD_FORM = Map.of('高', '髙', '崎', '﨑', '沢', '澤', '辺', '邊', '斎', '齋', '浜', '濱');

    public record Child(String personId, String name, String variantSpelling) {
    }

    private CasesFixture() {
    }

    /** Generates, ingests and links a city unless this database already has a linkage run. */
    public static void cityLinked(FolderIngest ingest, IdentityService identity, Path dir, int residents, long seed) throws Exception {
        if (identity.latestRun(-1).isPresent()) {
            return;
        }
        SyntheticCity.generate(new SyntheticCity.Options(residents, seed, YearMonth.of(2026, 4), dir), m -> { });
        UserAccount admin = new UserAccount(0, "t-cases-admin", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());
        for (FolderIngest.Entry e : FolderIngest.manifest(dir)) {
            ingest.load(admin, e, null);
        }
        identity.link(Actor.job("t-cases-admin", Role.ADMIN));
    }

    /** A linked child (with a registry record) whose surname can be written in an old form, and that spelling. */
    public static Child childWithVariant(JdbcClient jdbc, int skip) {
        return jdbc.sql("""
                select person_id, name from person_profile where is_child and sources like '%juki%' and name ~ '[高崎沢辺斎浜]'
                  and birth_date is not null order by person_id offset :skip limit 1""")
                .param("skip", skip)
                .query((rs, i) -> {
                    String name = rs.getString(2);
                    StringBuilder v = new StringBuilder(name);
                    for (int k = 0; k < v.length(); k++) {
                        Character old = OLD_FORM.get(v.charAt(k));
                        if (old != null) {
                            v.setCharAt(k, old);
                            break;
                        }
                    }
                    return new Child(rs.getString(1), name, v.toString());
                }).single();
    }
}
