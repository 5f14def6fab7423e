package jp.mimamori.server.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A fixed clock a test moves by hand, to stand at chosen instants (the minutes around midnight in Tokyo and in UTC). */
public final class SettableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant instant;

    public SettableClock(Instant instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    public void set(Instant at) {
        this.instant = at;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new SettableClock(instant, z);
    }

    @Override
    public Instant instant() {
        return instant;
    }
}
