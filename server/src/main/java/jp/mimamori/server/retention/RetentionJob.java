package jp.mimamori.server.retention;

import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.time.Times;
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

    /** The nightly run as the audit names it. */
    static final Actor JOB = Actor.job("retention-job", Role.ADMIN);

    private final RetentionService retention;
    private final Times times;

    public RetentionJob(RetentionService retention, Times times) {
        this.retention = retention;
        this.times = times;
    }

    /** 02:30 in the city (mimamori.zone), whatever the server's own zone; the day is the city's today. */
    @Scheduled(cron = "${mimamori.retention.cron:0 30 2 * * *}", zone = "${mimamori.zone:Asia/Tokyo}")
    public void nightly() {
        SystemActor.runAs(JOB, () -> retention.run(JOB, times.today(), false));
    }
}
