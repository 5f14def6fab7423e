package jp.mimamori.server.retention;

import java.time.LocalDate;
import java.time.ZoneId;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs retention every night as the actor {@code retention-job} (audited as such). Off with mimamori.retention.enabled=false. */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "mimamori.retention.enabled", havingValue = "true", matchIfMissing = true)
public class RetentionJob {

    private final RetentionService retention;

    public RetentionJob(RetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "${mimamori.retention.cron:0 30 2 * * *}", zone = "Asia/Tokyo")
    public void nightly() {
        SystemActor.runAs("retention-job", Role.ADMIN, () -> retention.run(LocalDate.now(ZoneId.of("Asia/Tokyo")), false));
    }
}
