package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.fault.FaultCity;
import jp.mimamori.server.fault.FaultDb;
import jp.mimamori.server.fault.IngestApi;
import jp.mimamori.server.fault.Stall;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 16's fault battery: the same extract sent twice at the same moment (a client that retries, two
 * schedulers) is stored once. docs/ingest.md: "A file whose exact bytes were loaded before for the same
 * source adds nothing; the answer names the earlier load" — and that holds for the second of two
 * uploads that both passed the first check before either was stored.
 */
class ConcurrentUploadTest {

    @Test
    void twoIdenticalUploadsAtOnceStoreOneLoadAndAnswerTheOtherAsItsDuplicate() throws Exception {
        FaultCity city = FaultCity.get();
        FaultDb db = city.database("upload_twice");
        Path may = city.may().resolve("juki.csv");
        long loadsBefore = db.count("select count(*) from extract_load");
        long rowsBefore = db.count("select count(*) from extract_row");
        try (ConfigurableApplicationContext ctx = db.start(true)) {
            int port = IngestApi.port(ctx);
            IngestApi.Answer a;
            IngestApi.Answer b;
            try (Stall stall = Stall.onAdvisoryLock(db, IngestRepository.lockKey(SourceSystem.JUKI))) {
                CompletableFuture<IngestApi.Answer> first = IngestApi.upload(port, "juki", FaultCity.MAY, may);
                CompletableFuture<IngestApi.Answer> second = IngestApi.upload(port, "juki", FaultCity.MAY, may);
                // Both found no earlier load of these bytes and wait, inside their load transactions, for the source's lock.
                stall.awaitBlocked(2, () -> !first.isDone() && !second.isDone(), 120);
                stall.release();
                a = first.get(120, TimeUnit.SECONDS);
                b = second.get(120, TimeUnit.SECONDS);
            }
            assertThat(List.of(a.status(), b.status())).as(a.body() + "\n" + b.body()).containsExactly(200, 200);
            IngestApi.Answer stored = a.number("duplicateOf") == null ? a : b;
            IngestApi.Answer duplicate = stored == a ? b : a;
            long id = stored.number("loadId");
            assertThat(stored.flag("current")).as(stored.body()).isTrue();
            assertThat(duplicate.number("duplicateOf")).as(duplicate.body()).isEqualTo(id);
            assertThat(duplicate.number("loadId")).isEqualTo(id);
            assertThat(duplicate.body()).contains("同じファイルは取込済みです（取込番号 " + id + "）", "this exact file was already loaded as load " + id);

            assertThat(db.count("select count(*) from extract_load")).as("one load stored, no rejected one beside it").isEqualTo(loadsBefore + 1);
            assertThat(db.count("select count(*) from extract_row")).isEqualTo(rowsBefore + stored.number("rowsLoaded"));
            assertThat(db.count("select count(*) from audit_event where action = 'LOAD_ACCEPTED' and detail like '%month=2026-05%'")).isEqualTo(1);
            assertThat(db.count("select count(*) from audit_event where action = 'LOAD_DUPLICATE' and detail like '%same as load " + id + " %'"))
                    .isEqualTo(1);
            assertThat(db.uploadsLeft()).as("both uploads' copies deleted").isEmpty();
        }
    }
}
