package jp.mimamori.server.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.crypto.KeyFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * De-identified export for use outside the original purpose (目的外利用): one row per resident child of
 * the latest linkage run (children who moved out are left out) with a pseudonym instead of any ID
 * (HMAC-SHA256 under a key the administrator holds: {@code mimamori.pseudonym-key}, env
 * MIMAMORI_PSEUDONYM_KEY, else generated once into DATA/keys/pseudonym.key), an age band instead of
 * the birth date, the 町名 instead of the address, and which services know the child. The
 * quasi-identifiers (age band, sex, 町名) are made k-anonymous: a combination shared by fewer than k
 * children has its 町名 generalised to ＊, then its sex, and is suppressed if still too small. The
 * report says how many rows were generalised or suppressed. ADMIN only; audited.
 */
@Service
public class DeidentifiedExport {

    public static final String ANY = "＊";
    static final String[] COLUMNS = {"pseudonym", "age_band", "sex", "town", "child_allowance", "childcare", "disability", "health_checks",
        "public_assistance", "school_attendance", "consultations", "open_case"};

    public record Report(int k, int children, int exported, int townGeneralised, int sexGeneralised, int suppressed) {
        public List<String> lines() {
            return List.of("k = " + k,
                    "対象のこども / resident children: " + children,
                    "出力 / exported: " + exported,
                    "町名を＊に一般化 / 町名 generalised: " + townGeneralised,
                    "性別を＊に一般化 / sex generalised: " + sexGeneralised,
                    "削除（k未満） / suppressed (group below k): " + suppressed,
                    "生年月日は年齢区分（0-2, 3-5, 6-11, 12-14, 15-17）、住所は町名のみ、IDは鍵付きハッシュ / birth date → age band, address → 町名, IDs → keyed hash");
        }
    }

    private record Row(String personId, String ageBand, String sex, String town, String[] attributes) {
        String qi(boolean town, boolean sex) {
            return ageBand + "|" + (sex ? this.sex : ANY) + "|" + (town ? this.town : ANY);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SecretKeySpec key;

    public DeidentifiedExport(JdbcClient jdbc, AuditLog audit, @Value("${mimamori.pseudonym-key:}") String configured,
                              @Value("${mimamori.data-dir}") Path dataDir) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.key = new SecretKeySpec(KeyFiles.key(configured, "mimamori.pseudonym-key", dataDir.resolve("keys/pseudonym.key")), "HmacSHA256");
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Report write(Actor actor, Writer out, int k, LocalDate asOf) throws IOException {
        if (k < 2) {
            throw new IllegalArgumentException("k は2以上にしてください / k must be at least 2");
        }
        List<Row> rows = jdbc.sql("""
                select p.person_id, p.birth_date, p.sex, p.address, p.sources,
                       (select count(*) from cases_child_consultation_v cc where cc.person_id = p.person_id) as consultations,
                       exists (select 1 from cases_case_v c where c.person_id = p.person_id and c.status <> 'CLOSED') as open_case
                from identity_person_v p
                where p.is_child and p.left_on is null and p.sources like '%juki%' and p.birth_date is not null
                order by p.person_id""")
                .query((rs, i) -> {
                    String sources = rs.getString("sources");
                    long n = rs.getLong("consultations");
                    return new Row(rs.getString("person_id"), ageBand(rs.getObject("birth_date", LocalDate.class), asOf),
                            rs.getString("sex") == null ? ANY : rs.getString("sex"),
                            JapaneseAddress.parse(rs.getString("address")).map(JapaneseAddress::town).orElse(ANY),
                            new String[] {flag(sources, "teate"), flag(sources, "kosodate"), flag(sources, "shogai"), flag(sources, "kenko"),
                                flag(sources, "seiho"), flag(sources, "komu"), n == 0 ? "0" : n == 1 ? "1" : "2+", rs.getBoolean("open_case") ? "1" : "0"});
                })
                .list().stream().filter(r -> r.ageBand() != null).toList();
        Map<String, Integer> full = count(rows, true, true);
        Map<String, Integer> noTown = new HashMap<>();
        for (Row r : rows) {
            if (full.get(r.qi(true, true)) < k) {
                noTown.merge(r.qi(false, true), 1, Integer::sum);
            }
        }
        Map<String, Integer> noSex = new HashMap<>();
        for (Row r : rows) {
            if (full.get(r.qi(true, true)) < k && noTown.get(r.qi(false, true)) < k) {
                noSex.merge(r.qi(false, false), 1, Integer::sum);
            }
        }
        int townGeneralised = 0;
        int sexGeneralised = 0;
        int suppressed = 0;
        int exported = 0;
        // 町名 comes from the registry's address text: through SafeCsv like every CSV we write.
        try (jp.mimamori.core.csv.SafeCsv csv = new jp.mimamori.core.csv.SafeCsv(out, "\r\n")) {
            csv.printRecord((Object[]) COLUMNS);
            for (Row r : rows) {
                String town = r.town();
                String sex = r.sex();
                if (full.get(r.qi(true, true)) < k) {
                    town = ANY;
                    townGeneralised++;
                    if (noTown.get(r.qi(false, true)) < k) {
                        sex = ANY;
                        sexGeneralised++;
                        if (noSex.get(r.qi(false, false)) < k) {
                            suppressed++;
                            continue;
                        }
                    }
                }
                List<String> values = new ArrayList<>(List.of(pseudonym(r.personId()), r.ageBand(), sex, town));
                values.addAll(List.of(r.attributes()));
                csv.printRecord(values);
                exported++;
            }
        }
        Report report = new Report(k, rows.size(), exported, townGeneralised, sexGeneralised, suppressed);
        audit.record(actor.event(AuditAction.DEIDENTIFIED_EXPORT, "deidentified", String.join("; ", report.lines().subList(0, 6))));
        return report;
    }

    private static Map<String, Integer> count(List<Row> rows, boolean town, boolean sex) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Row r : rows) {
            m.merge(r.qi(town, sex), 1, Integer::sum);
        }
        return m;
    }

    static String ageBand(LocalDate birth, LocalDate asOf) {
        int age = Period.between(birth, asOf).getYears();
        if (age < 0 || age > 17) {
            return null;
        }
        return age <= 2 ? "0-2" : age <= 5 ? "3-5" : age <= 11 ? "6-11" : age <= 14 ? "12-14" : "15-17";
    }

    private static String flag(String sources, String code) {
        return sources != null && List.of(sources.split(" ")).contains(code) ? "1" : "0";
    }

    String pseudonym(String personId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(personId.getBytes(StandardCharsets.US_ASCII))).substring(0, 24);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
